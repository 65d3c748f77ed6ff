// create and merge through the real retort-cli: new revision files from the
// template with fresh ids, the choices Alembic's generate_revision makes
// (head, several heads, --splice, base, labels, depends_on), and refusals
// that leave the versions folder as it was.
#include "executortestutil.h"
#include "project/revisionwriter.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class RevisionWriterTest : public QObject
{
    Q_OBJECT
private slots:
    void slugIsAlembics_data();
    void slugIsAlembics();
    void freshIdsAreTwelveHexDigits();
    void createsAfterTheHead();
    void choosesAsAlembicDoes_data();
    void choosesAsAlembicDoes();
    void mergesHeads();
};

namespace {

ProcessResult cli(const TemporaryProject &files, const QStringList &arguments)
{
    return runProcess(cliExecutable(), QStringList { u"-p"_s, files.path() } + arguments);
}

QStringList versionFiles(const TemporaryProject &files)
{
    return QDir(files.versionsPath()).entryList(QDir::Files, QDir::Name);
}

// a1 -> b2 (label "billing") ; a1 -> c3 : two heads, b2 and c3.
void writeBranchedProject(const TemporaryProject &files)
{
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1aaaaaaaaaa"_s, {}, u"SELECT 1;"_s));
    files.writeRevision(u"b2.sql"_s,
        revisionFile(
            u"b2bbbbbbbbbb"_s, u"a1aaaaaaaaaa"_s, u"SELECT 1;"_s, u"SELECT 1;"_s, u"-- branch_labels: billing\n"_s));
    files.writeRevision(u"c3.sql"_s, revisionFile(u"c3cccccccccc"_s, u"a1aaaaaaaaaa"_s, u"SELECT 1;"_s));
}

} // namespace

void RevisionWriterTest::slugIsAlembics_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("slug");
    // Expected values printed by Alembic's own _rev_path rule.
    QTest::newRow("plain") << u"Add email verification to users!"_s << u"add_email_verification_to_users"_s;
    QTest::newRow("long") << u"Create the very long table name for storing audit events of every kind"_s
                          << u"create_the_very_long_table_name_for_"_s;
    QTest::newRow("unicode") << u"Ünïcode wörds – here"_s << u"ünïcode_wörds_here"_s;
}

void RevisionWriterTest::slugIsAlembics()
{
    QFETCH(QString, message);
    QFETCH(QString, slug);
    QCOMPARE(RevisionWriter::slug(message), slug);
}

void RevisionWriterTest::freshIdsAreTwelveHexDigits()
{
    QSet<QString> seen;
    static const QRegularExpression hex(u"^[0-9a-f]{12}$"_s);
    for (int i = 0; i < 200; ++i) {
        const QString id = RevisionWriter::freshId();
        QVERIFY2(hex.match(id).hasMatch(), qPrintable(id));
        seen.insert(id);
    }
    QCOMPARE(seen.size(), 200);
}

void RevisionWriterTest::createsAfterTheHead()
{
    TemporaryProject files;
    const ProcessResult first = cli(files, { u"--json"_s, u"create"_s, u"Create users"_s });
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    const QJsonObject made = QJsonDocument::fromJson(first.out.toUtf8()).object();
    const QString id = made.value(u"revision"_s).toString();
    QCOMPARE(QFileInfo(made.value(u"path"_s).toString()).fileName(), id + u"_create_users.sql"_s);
    const ProcessResult second = cli(files, { u"create"_s, u"Add email"_s, u"--rev-id"_s, u"beef00000001"_s });
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    QVERIFY(second.out.startsWith(u"Created beef00000001: "_s));

    const Project project = loadProject(files);
    const Revision &added = project.graph.revision(project.graph.indexOf(u"beef00000001"_s));
    QCOMPARE(added.downRevisions, QStringList { id });
    QCOMPARE(added.message, u"Add email"_s);
    QVERIFY(added.createDate.isValid());
    QVERIFY(added.section(Direction::Upgrade, Dialect::PostgreSQL));
    QVERIFY(added.section(Direction::Downgrade, Dialect::PostgreSQL));
    QCOMPARE(project.graph.revision(project.graph.indexOf(id)).downRevisions, QStringList());

    // The same id again is refused, and nothing is written.
    const QStringList before = versionFiles(files);
    const ProcessResult again = cli(files, { u"create"_s, u"Other"_s, u"--rev-id"_s, u"beef00000001"_s });
    QCOMPARE(again.exitCode, 2);
    QVERIFY2(again.err.contains(u"revision beef00000001 already exists"_s), qPrintable(again.err));
    QCOMPARE(versionFiles(files), before);
}

void RevisionWriterTest::choosesAsAlembicDoes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("downRevisions"); // empty: refused
    QTest::addColumn<QString>("message");
    QTest::newRow("several-heads-need-a-choice")
        << QStringList {} << QString() << u"several heads are present (b2bbbbbbbbbb, c3cccccccccc)"_s;
    QTest::newRow("head-by-prefix") << QStringList { u"--head"_s, u"c3cc"_s } << u"c3cccccccccc"_s << QString();
    QTest::newRow("label-head") << QStringList { u"--head"_s, u"billing@head"_s } << u"b2bbbbbbbbbb"_s << QString();
    QTest::newRow("not-a-head") << QStringList { u"--head"_s, u"a1aaaaaaaaaa"_s } << QString()
                                << u"revision a1aaaaaaaaaa is not a head revision; use --splice"_s;
    QTest::newRow("splice") << QStringList { u"--head"_s, u"a1aaaaaaaaaa"_s, u"--splice"_s } << u"a1aaaaaaaaaa"_s
                            << QString();
    QTest::newRow("new-base") << QStringList { u"--head"_s, u"base"_s } << u"-"_s << QString();
    QTest::newRow("label-taken") << QStringList { u"--head"_s, u"c3cccccccccc"_s, u"--branch-label"_s, u"billing"_s }
                                 << QString() << u"billing"_s;
    QTest::newRow("unknown-head") << QStringList { u"--head"_s, u"zzzzzz"_s } << QString() << u"zzzzzz"_s;
    QTest::newRow("bad-id") << QStringList { u"--head"_s, u"c3cccccccccc"_s, u"--rev-id"_s, u"a b"_s } << QString()
                            << u"\"a b\" cannot be a revision id"_s;
}

void RevisionWriterTest::choosesAsAlembicDoes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, downRevisions);
    QFETCH(QString, message);
    TemporaryProject files;
    writeBranchedProject(files);
    const QStringList before = versionFiles(files);
    const ProcessResult result = cli(
        files, QStringList { u"--json"_s, u"create"_s, u"Next step"_s, u"--depends-on"_s, u"billing"_s } + arguments);
    if (downRevisions.isEmpty()) {
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QCOMPARE(versionFiles(files), before);
        return;
    }
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QString id = QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"revision"_s).toString();
    const Project project = loadProject(files);
    const Revision &added = project.graph.revision(project.graph.indexOf(id));
    QCOMPARE(added.downRevisions.join(u','), downRevisions == u"-"_s ? QString() : downRevisions);
    QCOMPARE(added.dependsOn.value(), QStringList { u"billing"_s }); // a label stays a label
}

void RevisionWriterTest::mergesHeads()
{
    TemporaryProject files;
    writeBranchedProject(files);
    const ProcessResult merged = cli(files, { u"--json"_s, u"merge"_s, u"heads"_s, u"-m"_s, u"Merge billing"_s });
    QVERIFY2(merged.exitCode == 0, qPrintable(merged.err));
    const QString id = QJsonDocument::fromJson(merged.out.toUtf8()).object().value(u"revision"_s).toString();
    const Project project = loadProject(files);
    const int index = project.graph.indexOf(id);
    QCOMPARE(project.graph.revision(index).downRevisions, (QStringList { u"b2bbbbbbbbbb"_s, u"c3cccccccccc"_s }));
    QCOMPARE(project.graph.heads(), QList<int> { index });

    // One head left: nothing to merge; merging a non-head needs a new branch.
    const QStringList before = versionFiles(files);
    const ProcessResult alone = cli(files, { u"merge"_s, u"heads"_s, u"-m"_s, u"Again"_s });
    QCOMPARE(alone.exitCode, 2);
    QVERIFY2(alone.err.contains(u"there is nothing to merge: heads names only 1 revision"_s), qPrintable(alone.err));
    const ProcessResult notHeads =
        cli(files, { u"merge"_s, u"b2bbbbbbbbbb"_s, u"c3cccccccccc"_s, u"-m"_s, u"Again"_s });
    QCOMPARE(notHeads.exitCode, 2);
    QVERIFY2(notHeads.err.contains(u"is not a head revision"_s), qPrintable(notHeads.err));
    const ProcessResult noMessage = cli(files, { u"merge"_s, u"heads"_s });
    QCOMPARE(noMessage.exitCode, 2);
    QCOMPARE(versionFiles(files), before);
}

QTEST_GUILESS_MAIN(RevisionWriterTest)
#include "tst_revisionwriter.moc"
