// Retort and Alembic on one database, with the real alembic command: what
// Retort applies reads right in `alembic current` and `alembic history -i`,
// what Alembic applies or stamps reads right in Retort, and Alembic projects
// run through Retort (Alembic executes, Retort locks, checks and records).
#include "executortestutil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class InteropTest : public QObject
{
    Q_OBJECT
private slots:
    void retortsDatabaseReadsRightInAlembic_data();
    void retortsDatabaseReadsRightInAlembic();
    void alembicsDatabaseReadsRightInRetort();
    void alembicProjectRunsThroughRetort();
    void alembicFailureAndForeignDatabaseAreReported();

private:
    void addDialects();
};

namespace {

// An Alembic project equivalent to `native` (same revisions) in `target`.
void makeAlembicProject(const QString &native, const QString &target, bool withSql = false)
{
    const QString failure = writeAlembicCopy(native, target, withSql);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

ProcessResult alembic(const QString &project, const QString &url, const QStringList &arguments)
{
    return runProcess(u"alembic"_s, QStringList { u"-c"_s, project + u"/alembic.ini"_s } + arguments, project,
        { u"DATABASE_URL="_s + url });
}

ProcessResult retort(const QString &project, const QString &url, const QStringList &arguments)
{
    return runProcess(
        cliExecutable(), QStringList { u"-p"_s, project } + arguments, project, { u"DATABASE_URL="_s + url });
}

// The revision ids at the start of Alembic's lines ("ae1027a6acf2 (head)"),
// keeping only the lines that contain `marker`.
QStringList alembicIds(const QString &output, const QString &marker = {})
{
    // "ae1027a6acf2 (head)" from current; "a, b -> c (mergepoint) (current), ..." from history.
    static const QRegularExpression id(u"(?:^|-> )([0-9a-f]{12})\\b"_s);
    QStringList ids;
    for (const QString &line : output.split(u'\n')) {
        if (!marker.isEmpty() && !line.contains(marker))
            continue;
        const qsizetype arrow = line.indexOf(u"-> "_s);
        const QRegularExpressionMatch match = id.match(arrow >= 0 ? line.mid(arrow) : line.trimmed());
        if (match.hasMatch())
            ids.append(match.captured(1));
    }
    ids.sort();
    return ids;
}

QStringList retortCurrent(const QString &project, const QString &url)
{
    const ProcessResult current = retort(project, url, { u"--json"_s, u"current"_s });
    QStringList ids;
    for (const QJsonValue &revision :
        QJsonDocument::fromJson(current.out.toUtf8()).object().value(u"current"_s).toArray())
        ids.append(revision.toObject().value(u"revision"_s).toString());
    ids.sort();
    return ids;
}

// A SQLAlchemy URL for the database: Alembic connects with it directly.
QString urlOf(const ScratchDatabase &database)
{
    return database.settings().dialect == Dialect::SQLite ? u"sqlite:///"_s + database.settings().sqlitePath
                                                          : database.settings().url();
}

} // namespace

void InteropTest::addDialects()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("postgresql") << u"postgresql"_s;
    QTest::newRow("sqlite") << u"sqlite"_s;
}

void InteropTest::retortsDatabaseReadsRightInAlembic_data()
{
    addDialects();
}

void InteropTest::retortsDatabaseReadsRightInAlembic()
{
    QFETCH(QString, dialect);
    ScratchDatabase database(dialectFromName(dialect));
    QVERIFY(database.isValid());
    QTemporaryDir dir;
    const QString twin = dir.filePath(u"alembic-twin"_s);
    makeAlembicProject(demoProjectDirectory(), twin);
    const QString url = urlOf(database);
    // States with one head, two heads (across the branch point) and after
    // a merge, reached by upgrades and a downgrade.
    const QList<QStringList> steps = { { u"upgrade"_s, u"e2a47c9d5b18"_s }, { u"upgrade"_s, u"billing@head"_s },
        { u"upgrade"_s, u"a8d5f2c7e019"_s }, { u"upgrade"_s, u"heads"_s },
        { u"downgrade"_s, u"d4e8c1f6b2a9"_s, u"--yes"_s, u"--no-backup"_s } };
    for (const QStringList &step : steps) {
        const ProcessResult ran = retort(demoProjectDirectory(), url, step);
        QVERIFY2(ran.exitCode == 0, qPrintable(step.join(u' ') + u": "_s + ran.err));
        const QStringList ours = retortCurrent(demoProjectDirectory(), url);
        QVERIFY(!ours.isEmpty());
        const ProcessResult current = alembic(twin, url, { u"current"_s });
        QVERIFY2(current.exitCode == 0, qPrintable(current.err));
        QCOMPARE(alembicIds(current.out), ours);
        const ProcessResult history = alembic(twin, url, { u"history"_s, u"-i"_s });
        QVERIFY2(history.exitCode == 0, qPrintable(history.err));
        QCOMPARE(alembicIds(history.out, u"(current)"_s), ours);
    }
}

void InteropTest::alembicsDatabaseReadsRightInRetort()
{
    ScratchDatabase database(Dialect::SQLite);
    QTemporaryDir dir;
    const QString twin = dir.filePath(u"alembic-twin"_s);
    makeAlembicProject(demoProjectDirectory(), twin);
    const QString url = urlOf(database);
    for (const QStringList &step :
        QList<QStringList> { { u"upgrade"_s, u"0d6b8e1a4c73"_s }, { u"stamp"_s, u"4b9f1d7e2c65"_s },
            { u"upgrade"_s, u"heads"_s }, { u"downgrade"_s, u"-1"_s }, { u"stamp"_s, u"base"_s } }) {
        const ProcessResult ran = alembic(twin, url, step);
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.err));
        const ProcessResult current = alembic(twin, url, { u"current"_s });
        QCOMPARE(retortCurrent(demoProjectDirectory(), url), alembicIds(current.out));
        // And the same as the Alembic project opened in Retort.
        QCOMPARE(retortCurrent(twin, url), alembicIds(current.out));
    }
    // Retort carries on where Alembic stopped (its stamp at base: all pending).
    const ProcessResult status = retort(demoProjectDirectory(), url, { u"--json"_s, u"status"_s });
    QCOMPARE(QJsonDocument::fromJson(status.out.toUtf8()).object().value(u"pending"_s).toArray().size(), 16);
}

void InteropTest::alembicProjectRunsThroughRetort()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject native;
    native.writeRevision(u"a1.sql"_s,
        revisionFile(
            u"aaaaaaaaaaa1"_s, {}, u"CREATE TABLE t1 (x int);\nINSERT INTO t1 VALUES (1);"_s, u"DROP TABLE t1;"_s));
    native.writeRevision(u"b2.sql"_s,
        revisionFile(u"bbbbbbbbbbb2"_s, u"aaaaaaaaaaa1"_s, u"CREATE TABLE t2 (x int);"_s, u"DROP TABLE t2;"_s));
    QTemporaryDir dir;
    const QString project = dir.filePath(u"app"_s);
    makeAlembicProject(native.path(), project, true);
    // Retort's URL carries the password; Alembic gets the URL without it
    // and the password through a passfile.
    const QString url = database.settings().url();

    ProcessResult up = retort(project, url, { u"upgrade"_s });
    QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
    QVERIFY2(up.out.contains(u"Running alembic upgrade heads"_s), qPrintable(up.out));
    // Each revision as Alembic runs it (reported from inside Alembic).
    QVERIFY2(up.out.contains(u"Running upgrade  -> aaaaaaaaaaa1, step aaaaaaaaaaa1 ... "_s), qPrintable(up.out));
    QVERIFY(!up.err.contains(database.settings().password) && !up.out.contains(database.settings().password));
    auto connection = database.connect();
    QCOMPARE(column(connection->database(), u"SELECT x FROM t1"_s), QStringList { u"1"_s });
    QCOMPARE(alembicIds(alembic(project, url, { u"current"_s }).out), QStringList { u"bbbbbbbbbbb2"_s });
    const QStringList recorded = column(connection->database(),
        u"SELECT revision || ' ' || action || ' ' || outcome || ' ' || (checksum IS NOT NULL) FROM "
        u"retort_meta.retort_history "
        "ORDER BY id"_s);
    QCOMPARE(
        recorded, (QStringList { u"aaaaaaaaaaa1 upgrade succeeded true"_s, u"bbbbbbbbbbb2 upgrade succeeded true"_s }));
    QCOMPARE(retort(project, url, { u"check"_s }).exitCode, 0);

    const ProcessResult down = retort(project, url, { u"downgrade"_s, u"-1"_s, u"--yes"_s, u"--no-backup"_s });
    QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
    QCOMPARE(retortCurrent(project, url), QStringList { u"aaaaaaaaaaa1"_s });
    QVERIFY(!userTables(connection->database(), Dialect::PostgreSQL).contains(u"t2"_s));

    // New revisions come from Alembic's own template.
    const ProcessResult created =
        retort(project, url, { u"--json"_s, u"create"_s, u"Add t3"_s, u"--rev-id"_s, u"ccccccccccc3"_s });
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    const QJsonObject made = QJsonDocument::fromJson(created.out.toUtf8()).object();
    QCOMPARE(made.value(u"revision"_s).toString(), u"ccccccccccc3"_s);
    QVERIFY(made.value(u"path"_s).toString().endsWith(u"ccccccccccc3_add_t3.py"_s));
    QCOMPARE(alembicIds(alembic(project, url, { u"heads"_s }).out), QStringList { u"ccccccccccc3"_s });
}

void InteropTest::alembicFailureAndForeignDatabaseAreReported()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject native;
    native.writeRevision(u"a1.sql"_s, revisionFile(u"aaaaaaaaaaa1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    native.writeRevision(
        u"b2.sql"_s, revisionFile(u"bbbbbbbbbbb2"_s, u"aaaaaaaaaaa1"_s, u"INSERT INTO missing VALUES (1);"_s));
    QTemporaryDir dir;
    const QString project = dir.filePath(u"app"_s);
    makeAlembicProject(native.path(), project, true);
    const QString url = database.settings().url();

    const ProcessResult failed = retort(project, url, { u"upgrade"_s });
    QCOMPARE(failed.exitCode, 1);
    QVERIFY2(failed.err.contains(u"relation \"missing\" does not exist"_s), qPrintable(failed.err));
    QVERIFY2(failed.err.contains(u"The database is at base."_s), qPrintable(failed.err)); // one transaction: all undone
    auto connection = database.connect();
    // The revision that failed, not the first one of the plan.
    QCOMPARE(column(connection->database(), u"SELECT revision || ' ' || outcome FROM retort_meta.retort_history"_s),
        QStringList { u"bbbbbbbbbbb2 failed"_s });

    // An env.py that ignores DATABASE_URL and migrates another database.
    QTemporaryDir elsewhere;
    QFile env(project + u"/alembic/env.py"_s);
    QVERIFY(env.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(env.readAll());
    env.close();
    text.replace(u"os.environ.get(\"DATABASE_URL\") or config.get_main_option(\"sqlalchemy.url\")"_s,
        u"\"sqlite:///"_s + elsewhere.filePath(u"other.sqlite"_s) + u"\""_s);
    QVERIFY(env.open(QIODevice::WriteOnly | QIODevice::Truncate));
    env.write(text.toUtf8());
    env.close();
    const ProcessResult foreign = retort(project, url, { u"upgrade"_s, u"aaaaaaaaaaa1"_s });
    QCOMPARE(foreign.exitCode, 1);
    QVERIFY2(foreign.err.contains(u"Alembic's connection is not the database Retort locked: env.py connected to "
                                  "SQLite file "_s +
                 elsewhere.filePath(u"other.sqlite"_s)),
        qPrintable(foreign.err));
    QVERIFY(!QFileInfo(elsewhere.filePath(u"other.sqlite"_s)).size()); // untouched
    QVERIFY(!foreign.err.contains(database.settings().password));
}

QTEST_GUILESS_MAIN(InteropTest)
#include "tst_interop.moc"
