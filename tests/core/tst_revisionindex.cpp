// The revision index: a native project opened from it is the project its
// files give, revision for revision; a file changed, added or removed is
// read again; a file changed in the instant it was indexed is not trusted;
// an index that is corrupt, truncated or of another format is ignored and
// written again.
#include "project/projectloader.h"
#include "project/revisionindex.h"
#include "testsupport.h"
#include "util/stringarena.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Retort;
using namespace Retort::Test;

namespace {

// A file changed within this long before an open is not indexed.
constexpr int kRacyWaitMs = 2100;

QByteArray revisionText(int number, const QString &parent)
{
    QString header = QStringLiteral("-- revision: r%1\n-- down_revision: %2\n-- message: Revision number %1\n")
                         .arg(number, 4, 10, QLatin1Char('0'))
                         .arg(parent);
    // Every kind of field the parser fills, spread over the revisions.
    switch (number % 5) {
    case 0:
        header += QStringLiteral("-- create_date: 2026-11-24T10:15:00Z\n");
        // Labels on the first revisions only: every descendant carries
        // each label, and thousands of them would be a test of that.
        if (number < 100)
            header += QStringLiteral("-- branch_labels: line%1\n").arg(number);
        break;
    case 1:
        header += QStringLiteral("-- create_date: 2026-11-24T10:15:30.250+02:00\n-- transactional: false\n");
        break;
    case 2:
        header += QStringLiteral("-- create_date: 2026-11-24 10:15\n");
        break;
    case 3:
        header += QStringLiteral("-- depends_on: r0000\n");
        break;
    default:
        break;
    }
    QString body = QStringLiteral("\n-- migrate:upgrade\nCREATE TABLE t%1 (id integer, name text);\n"
                                  "-- a comment, and a non-ASCII name: caf\u00e9\n")
                       .arg(number);
    if (number % 3 == 0) {
        body += QStringLiteral("\n-- migrate:upgrade sqlite\nCREATE TABLE t%1 (id INTEGER);\n").arg(number);
        body += QStringLiteral("\n-- migrate:downgrade postgresql\nDROP TABLE t%1;\n").arg(number);
    }
    body += QStringLiteral("\n-- migrate:downgrade\nDROP TABLE t%1;").arg(number);
    return (header + body).toUtf8();
}

QString fileOf(const QString &versions, int number)
{
    return QDir(versions).filePath(QStringLiteral("r%1_change.sql").arg(number, 4, 10, QLatin1Char('0')));
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(content), content.size());
}

// Revisions 0 to count - 1, in one line.
void writeLine(const QString &versions, int count)
{
    for (int i = 0; i < count; ++i) {
        const QString parent = i == 0 ? QString() : QStringLiteral("r%1").arg(i - 1, 4, 10, QLatin1Char('0'));
        writeFile(fileOf(versions, i), revisionText(i, parent));
    }
}

// Every field, and the SQL, of every revision alike.
void compareProjects(const Project &actual, const Project &expected)
{
    QCOMPARE(actual.graph.size(), expected.graph.size());
    for (const Revision &want : expected.graph.revisions()) {
        const int at = actual.graph.indexOf(want.id);
        QVERIFY2(at >= 0, qPrintable(want.id));
        const Revision &got = actual.graph.revision(at);
        QCOMPARE(got.downRevisions, want.downRevisions);
        QCOMPARE(got.branchLabels.value(), want.branchLabels.value());
        QCOMPARE(got.dependsOn.value(), want.dependsOn.value());
        QCOMPARE(got.message, want.message);
        QCOMPARE(got.longMessage(), want.longMessage());
        QCOMPARE(got.createDate, want.createDate);
        QCOMPARE(got.createDate.timeSpec(), want.createDate.timeSpec());
        QCOMPARE(got.createDate.offsetFromUtc(), want.createDate.offsetFromUtc());
        QCOMPARE(got.transactional, want.transactional);
        QCOMPARE(got.format, want.format);
        QCOMPARE(got.filePath(), want.filePath());
        QCOMPARE(got.line, want.line);
        QCOMPARE(got.sections().size(), want.sections().size());
        for (qsizetype i = 0; i < want.sections().size(); ++i) {
            QCOMPARE(got.sections().at(i).direction, want.sections().at(i).direction);
            QVERIFY(got.sections().at(i).dialect == want.sections().at(i).dialect);
            QCOMPARE(got.sections().at(i).utf8().toByteArray(), want.sections().at(i).utf8().toByteArray());
            QCOMPARE(got.sections().at(i).markerLine, want.sections().at(i).markerLine);
        }
    }
}

} // namespace

class RevisionIndexTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void givesWhatTheFilesGive();
    void readsAgainWhatItGaveBack();
    void readsChangedAddedAndRemovedFilesAgain();
    void sqlOutlivesTheIndexFile();
    void firstOpenTakesItsSqlFromTheIndexItWrote();
    void ignoresABadIndex_data();
    void ignoresABadIndex();
    void smallProjectsKeepNoIndex();
    void sharedByTheCommandLine();

private:
    Result<Project> load(qsizetype indexFrom = 0) const;
    Result<Project> loadWithoutIndex() const { return load(-1); }
    QString indexFile() const { return RevisionIndex::indexFileFor(m_versions, m_cache->path()); }
    // Writes the project, waits until none of its files is too new to be
    // indexed, and opens it once to write the index.
    void makeIndexedProject(int count);

    std::unique_ptr<QTemporaryDir> m_project;
    std::unique_ptr<QTemporaryDir> m_cache;
    QString m_versions;
};

void RevisionIndexTest::init()
{
    m_project = std::make_unique<QTemporaryDir>();
    m_cache = std::make_unique<QTemporaryDir>();
    m_versions = QDir(m_project->path()).filePath(QStringLiteral("versions"));
    QVERIFY(QDir().mkpath(m_versions));
}

Result<Project> RevisionIndexTest::load(qsizetype indexFrom) const
{
    LoadOptions options;
    options.revisionIndexFrom = indexFrom;
    options.revisionIndexFolder = m_cache->path();
    return ProjectLoader::load(m_project->path(), options);
}

void RevisionIndexTest::makeIndexedProject(int count)
{
    writeLine(m_versions, count);
    QThread::msleep(kRacyWaitMs);
    const Result<Project> first = load();
    QVERIFY2(first, qPrintable(first ? QString() : first.error().toString()));
    QCOMPARE(first->revisionsFromIndex, 0);
    QVERIFY(QFile::exists(indexFile()));
}

void RevisionIndexTest::givesWhatTheFilesGive()
{
    // Files written just now may change again within their timestamp: the
    // first index leaves them out, and the next open parses them all.
    writeLine(m_versions, 3);
    QVERIFY(load());
    const Result<Project> tooNew = load();
    QVERIFY(tooNew);
    QCOMPARE(tooNew->revisionsFromIndex, 0);

    makeIndexedProject(40);
    const Result<Project> parsed = loadWithoutIndex();
    QVERIFY(parsed);
    QCOMPARE(parsed->revisionsFromIndex, 0);
    const Result<Project> indexed = load();
    QVERIFY(indexed);
    QCOMPARE(indexed->revisionsFromIndex, 40);
    compareProjects(*indexed, *parsed);
    QCOMPARE(indexed->graph.heads(), parsed->graph.heads());
    // One copy of the folder's path for all of its revisions, read from the
    // index or from the files.
    for (const Result<Project> *project : { &indexed, &parsed }) {
        const RevisionGraph &graph = (*project)->graph;
        QVERIFY(graph.revision(0).fileFolder.value().endsWith(QLatin1Char('/')));
        for (int i = 1; i < graph.size(); ++i)
            QVERIFY(graph.revision(i).fileFolder.sharesWith(graph.revision(0).fileFolder));
    }
}

void RevisionIndexTest::readsAgainWhatItGaveBack()
{
    // More files than the loader decodes in one chunk (it gives each
    // chunk's pages back before the next), with the files of one chunk
    // changed so that a chunk's entries do not start where the last ended.
    makeIndexedProject(9000);
    for (int number : { 4090, 4100, 4200 }) {
        writeFile(fileOf(m_versions, number),
            revisionText(number, QStringLiteral("r%1").arg(number - 1, 4, 10, QLatin1Char('0'))) + "\n");
    }
    const Result<Project> indexed = load();
    QVERIFY(indexed);
    QCOMPARE(indexed->revisionsFromIndex, 9000 - 3);
    const Result<Project> parsed = loadWithoutIndex();
    QVERIFY(parsed);
    compareProjects(*indexed, *parsed);

    // Pages given back are read in again when an entry is read once more.
    const RevisionIndex index = RevisionIndex::open(indexFile());
    QCOMPARE(index.size(), 9000 - 3); // the three are too new to be indexed again
    index.release(0, index.size() - 1);
    for (qsizetype entry : { qsizetype(0), qsizetype(4500), index.size() - 1 }) {
        Revision revision;
        StringArena strings;
        QVERIFY(index.read(entry, revision, strings));
        QVERIFY(parsed->graph.indexOf(revision.id) >= 0);
        QCOMPARE(
            revision.sections().size(), parsed->graph.revision(parsed->graph.indexOf(revision.id)).sections().size());
    }
}

void RevisionIndexTest::readsChangedAddedAndRemovedFilesAgain()
{
    makeIndexedProject(20);
    // The same size, a new message: only the stamp's times show it.
    QByteArray changed = revisionText(5, QStringLiteral("r0004"));
    changed.replace("Revision number 0005", "Revision NUMBER 0005");
    writeFile(fileOf(m_versions, 5), changed);
    QVERIFY(QFile::remove(fileOf(m_versions, 19)));
    writeFile(fileOf(m_versions, 20), revisionText(20, QStringLiteral("r0018")));

    const Result<Project> reopened = load();
    QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().toString()));
    QCOMPARE(reopened->revisionsFromIndex, 18); // 20, less the changed and the removed
    const Result<Project> parsed = loadWithoutIndex();
    QVERIFY(parsed);
    compareProjects(*reopened, *parsed);
    QCOMPARE(reopened->graph.revision(reopened->graph.indexOf(QStringLiteral("r0005"))).message,
        QStringLiteral("Revision NUMBER 0005"));
    QCOMPARE(reopened->graph.indexOf(QStringLiteral("r0019")), -1);
    QVERIFY(reopened->graph.indexOf(QStringLiteral("r0020")) >= 0);
}

void RevisionIndexTest::sqlOutlivesTheIndexFile()
{
    // A revision decoded from the index keeps its SQL where it lies in the
    // mapped file: the mapping must live as long as any copy of a section,
    // whatever happens to the file and to the project it came from.
    makeIndexedProject(40);
    const Result<Project> parsed = loadWithoutIndex();
    QVERIFY(parsed);
    Revision kept;
    {
        const Result<Project> indexed = load();
        QVERIFY(indexed);
        QCOMPARE(indexed->revisionsFromIndex, 40);
        kept = indexed->graph.revision(indexed->graph.indexOf(QStringLiteral("r0007")));
    }
    // Another open writes a new index in the old one's place; then it goes.
    writeFile(fileOf(m_versions, 3), revisionText(3, QStringLiteral("r0002")) + "\n");
    QVERIFY(load());
    QVERIFY(QFile::remove(indexFile()));

    const Revision &want = parsed->graph.revision(parsed->graph.indexOf(QStringLiteral("r0007")));
    QCOMPARE(kept.sections().size(), want.sections().size());
    for (qsizetype i = 0; i < want.sections().size(); ++i) {
        QVERIFY(!want.sections().at(i).sql().isEmpty());
        QCOMPARE(kept.sections().at(i).sql(), want.sections().at(i).sql());
    }
}

void RevisionIndexTest::firstOpenTakesItsSqlFromTheIndexItWrote()
{
    // The first open parses every file (more than one loader run of 1,024)
    // and writes the index; then its revisions' SQL is taken from there.
    constexpr int count = 1500;
    writeLine(m_versions, count);
    QThread::msleep(kRacyWaitMs);
    const Result<Project> first = load();
    QVERIFY(first);
    QCOMPARE(first->revisionsFromIndex, 0);
    const Result<Project> parsed = loadWithoutIndex();
    QVERIFY(parsed);
    compareProjects(*first, *parsed);
    // Only where the index holds the same bytes: a revision whose SQL is
    // another's is left as it is.
    const RevisionIndex index = RevisionIndex::open(indexFile());
    QCOMPARE(index.size(), count);
    const QStringList names = QDir(m_versions).entryList(QDir::Files, QDir::Name);
    const QList<qsizetype> entries = index.match(names);
    Revision own = parsed->graph.revision(parsed->graph.indexOf(QStringLiteral("r0012")));
    Revision other = own;
    QVERIFY(!index.shareSections(entries.at(13), other));
    QVERIFY(index.shareSections(entries.at(12), own));
    // Shared, the SQL outlives the index and its file.
    QVERIFY(QFile::remove(indexFile()));
    const Revision &want = parsed->graph.revision(parsed->graph.indexOf(QStringLiteral("r0012")));
    const Revision *sharedHere = &own;
    const Revision *fromFirstOpen = &first->graph.revision(first->graph.indexOf(QStringLiteral("r0012")));
    for (const Revision *revision : { sharedHere, fromFirstOpen }) {
        QCOMPARE(revision->sectionBlock().bytes().toByteArray(), want.sectionBlock().bytes().toByteArray());
        QCOMPARE(revision->sections().size(), want.sections().size());
    }
    QCOMPARE(other.sectionBlock().bytes().toByteArray(), want.sectionBlock().bytes().toByteArray());
}

void RevisionIndexTest::ignoresABadIndex_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("a byte flipped") << QStringLiteral("flip");
    QTest::newRow("truncated") << QStringLiteral("truncate");
    QTest::newRow("another format") << QStringLiteral("version");
    QTest::newRow("empty") << QStringLiteral("empty");
}

void RevisionIndexTest::ignoresABadIndex()
{
    QFETCH(QString, damage);
    makeIndexedProject(12);
    QFile file(indexFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    file.close();
    if (damage == QLatin1String("flip"))
        bytes[bytes.size() / 2] = char(bytes.at(bytes.size() / 2) ^ 0x20);
    else if (damage == QLatin1String("truncate"))
        bytes.chop(bytes.size() / 3);
    else if (damage == QLatin1String("version"))
        bytes[4] = char(bytes.at(4) + 1); // the format version follows the magic number
    else
        bytes.clear();
    writeFile(indexFile(), bytes);

    const Result<Project> opened = load();
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    QCOMPARE(opened->revisionsFromIndex, 0);
    const Result<Project> parsed = loadWithoutIndex();
    QVERIFY(parsed);
    compareProjects(*opened, *parsed);
    // Written again: the open after it is fast again.
    const Result<Project> again = load();
    QVERIFY(again);
    QCOMPARE(again->revisionsFromIndex, 12);
}

void RevisionIndexTest::smallProjectsKeepNoIndex()
{
    writeLine(m_versions, 3);
    QThread::msleep(kRacyWaitMs);
    QVERIFY(load(4));
    QVERIFY(!QFile::exists(indexFile()));
    QVERIFY(QDir(m_cache->path()).isEmpty());
    QVERIFY(load(3));
    QVERIFY(QFile::exists(indexFile()));
}

void RevisionIndexTest::sharedByTheCommandLine()
{
    // Written by retort-cli in the platform's cache folder, read by another
    // process: nothing in the file may depend on the process that wrote it.
    writeLine(m_versions, 15);
    QThread::msleep(kRacyWaitMs);
    const QStringList environment = { QStringLiteral("XDG_CACHE_HOME=") + m_cache->path() };
    const ProcessResult heads = runProcess(
        cliExecutable(), { QStringLiteral("heads"), QStringLiteral("--project"), m_project->path() }, {}, environment);
    QVERIFY2(heads.exitCode == 0, qPrintable(heads.err));
    QVERIFY2(heads.out.contains(QLatin1String("r0014")), qPrintable(heads.out));

    LoadOptions options;
    options.revisionIndexFrom = 0;
    options.revisionIndexFolder = QDir(m_cache->path()).filePath(QStringLiteral("retort/revision-index"));
    // 15 files are fewer than the command line keeps an index for.
    QVERIFY(!QFile::exists(RevisionIndex::indexFileFor(m_versions, options.revisionIndexFolder)));

    // At the command line's own threshold, it writes the index and this
    // process reads it.
    writeLine(m_versions, 1000);
    QThread::msleep(kRacyWaitMs);
    const ProcessResult again = runProcess(
        cliExecutable(), { QStringLiteral("heads"), QStringLiteral("--project"), m_project->path() }, {}, environment);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QVERIFY(QFile::exists(RevisionIndex::indexFileFor(m_versions, options.revisionIndexFolder)));
    const Result<Project> indexed = ProjectLoader::load(m_project->path(), options);
    QVERIFY(indexed);
    QCOMPARE(indexed->revisionsFromIndex, 1000);
}

QTEST_GUILESS_MAIN(RevisionIndexTest)
#include "tst_revisionindex.moc"
