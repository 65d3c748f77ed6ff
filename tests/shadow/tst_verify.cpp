// Verify: each revision upgraded, downgraded, compared with the schema
// before it and upgraded again, in the shadow; a broken downgrade caught
// with its diff, a failing upgrade with its file and line; the CLI's exit
// code for CI.
#include "shadow/migrationverifier.h"
#include "shadowtestutil.h"

#include <QTest>

using namespace Retort;
using namespace Retort::Test;

class TestVerify : public QObject
{
    Q_OBJECT

private slots:
    void demoProjectVerifies_data() { addDialectRows(); }
    void demoProjectVerifies();
    void outcomes_data();
    void outcomes();
    void range();
    void cliExitCodes_data();
    void cliExitCodes();
};

void TestVerify::demoProjectVerifies()
{
    QFETCH(QString, dialect);
    const Dialect d = dialectFromName(dialect);
    RETORT_SKIP_WITHOUT_POSTGRES(d);
    const Project project = loadDemoProject();
    MigrationVerifier verifier(project, shadowFor(d));
    Result<VerifyReport> report = verifier.verify({});
    QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
    QCOMPARE(report->checks.size(), project.graph.size());
    for (const RevisionCheck &check : std::as_const(report->checks)) {
        QVERIFY2(check.outcome == RevisionCheck::Outcome::Ok,
            qPrintable(project.graph.revision(check.revision).id + QLatin1Char(' ') + revisionCheckName(check.outcome) +
                QLatin1Char(' ') + check.error.toString() + check.diff));
    }
    QVERIFY(report->ok());
}

void TestVerify::outcomes_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("upgrade");
    QTest::addColumn<QString>("downgrade"); // "none": no downgrade section
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("inDiff");
    const QString addColumn = QStringLiteral("ALTER TABLE t ADD COLUMN flag boolean;");
    for (const QString &dialect : { QStringLiteral("postgresql"), QStringLiteral("sqlite") }) {
        const QByteArray tag = dialect.toUtf8();
        QTest::addRow("%s-downgrade-restores", tag.constData())
            << dialect << addColumn << QStringLiteral("ALTER TABLE t DROP COLUMN flag;") << QStringLiteral("ok") << 0
            << QString();
        QTest::addRow("%s-downgrade-forgets-the-column", tag.constData())
            << dialect << addColumn << QStringLiteral("SELECT 1;") << QStringLiteral("not-restored") << 8
            << QStringLiteral("flag");
        QTest::addRow("%s-downgrade-drops-too-much", tag.constData())
            << dialect << addColumn << QStringLiteral("DROP TABLE t;") << QStringLiteral("not-restored") << 8
            << QStringLiteral("CREATE TABLE");
        QTest::addRow("%s-upgrade-fails-on-fresh-database", tag.constData())
            << dialect << QStringLiteral("SELECT 1;\nALTER TABLE missing ADD COLUMN x int;")
            << QStringLiteral("SELECT 1;") << QStringLiteral("upgrade-fails") << 7 << QString();
        QTest::addRow("%s-downgrade-fails", tag.constData())
            << dialect << addColumn << QStringLiteral("DROP TABLE missing;") << QStringLiteral("downgrade-fails") << 9
            << QString();
        QTest::addRow("%s-no-downgrade", tag.constData())
            << dialect << addColumn << QStringLiteral("none") << QStringLiteral("no-downgrade") << 0 << QString();
    }
}

void TestVerify::outcomes()
{
    QFETCH(QString, dialect);
    QFETCH(QString, upgrade);
    QFETCH(QString, downgrade);
    QFETCH(QString, outcome);
    QFETCH(int, line);
    QFETCH(QString, inDiff);
    const Dialect d = dialectFromName(dialect);
    RETORT_SKIP_WITHOUT_POSTGRES(d);
    TemporaryProject folder;
    folder.writeRevision(QStringLiteral("a.sql"),
        revisionFile(
            QStringLiteral("a"), {}, QStringLiteral("CREATE TABLE t (id int);"), QStringLiteral("DROP TABLE t;")));
    QByteArray b = revisionFile(QStringLiteral("b"), QStringLiteral("a"), upgrade, downgrade);
    if (downgrade == QLatin1String("none"))
        b = b.left(b.indexOf("-- migrate:downgrade"));
    const QString bPath = folder.writeRevision(QStringLiteral("b.sql"), b);
    const Project project = loadProject(folder);
    MigrationVerifier verifier(project, shadowFor(d));
    Result<VerifyReport> report = verifier.verify({});
    QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
    QCOMPARE(report->checks.size(), 2);
    QCOMPARE(revisionCheckName(report->checks.at(0).outcome), QStringLiteral("ok"));
    const RevisionCheck &check = report->checks.at(1);
    QCOMPARE(revisionCheckName(check.outcome), outcome);
    QCOMPARE(report->ok(), outcome == QLatin1String("ok") || outcome == QLatin1String("no-downgrade"));
    if (line > 0) {
        QCOMPARE(check.error.file, bPath);
        QCOMPARE(check.error.line, line);
    }
    if (!inDiff.isEmpty())
        QVERIFY2(check.diff.contains(inDiff), qPrintable(check.diff));
}

void TestVerify::range()
{
    const Project project = loadDemoProject();
    MigrationVerifier verifier(project, shadowFor(Dialect::SQLite));
    Result<VerifyReport> report = verifier.verify(QStringLiteral("e2a47c9d5b18:d4e8c1f6b2a9"));
    QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
    QStringList checked;
    for (const RevisionCheck &check : std::as_const(report->checks))
        checked.append(project.graph.revision(check.revision).id);
    checked.sort();
    // After the audit log, up to the merge: both branches and the merge.
    QCOMPARE(checked,
        QStringList({ QStringLiteral("2c7d9b3e5a14"), QStringLiteral("4b9f1d7e2c65"), QStringLiteral("6c1e8b4d9a37"),
            QStringLiteral("9e3c6a0f8d24"), QStringLiteral("a8d5f2c7e019"), QStringLiteral("d4e8c1f6b2a9"),
            QStringLiteral("f03b7a9e6d52") }));
    QVERIFY(report->ok());

    Result<VerifyReport> unknown = verifier.verify(QStringLiteral("nosuchrev"));
    QVERIFY(!unknown);
}

void TestVerify::cliExitCodes_data()
{
    QTest::addColumn<QString>("downgrade");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("inOutput");
    QTest::newRow("ok") << QStringLiteral("ALTER TABLE t DROP COLUMN flag;") << 0
                        << QStringLiteral("2 revisions verified");
    QTest::newRow("broken-downgrade") << QStringLiteral("SELECT 1;") << 1
                                      << QStringLiteral("downgrade does not restore the schema");
}

void TestVerify::cliExitCodes()
{
    QFETCH(QString, downgrade);
    QFETCH(int, exitCode);
    QFETCH(QString, inOutput);
    TemporaryProject folder;
    folder.writeRevision(QStringLiteral("a.sql"),
        revisionFile(
            QStringLiteral("a"), {}, QStringLiteral("CREATE TABLE t (id int);"), QStringLiteral("DROP TABLE t;")));
    folder.writeRevision(QStringLiteral("b.sql"),
        revisionFile(QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("ALTER TABLE t ADD COLUMN flag boolean;"),
            downgrade));
    QTemporaryDir home;
    const ProcessResult result = runProcess(cliExecutable(),
        { QStringLiteral("-p"), folder.path(), QStringLiteral("--db"), QStringLiteral("sqlite:///db.sqlite"),
            QStringLiteral("verify") },
        {}, { QStringLiteral("XDG_CACHE_HOME=") + home.path() });
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.out.contains(inOutput), qPrintable(result.out + result.err));
    // The target was never touched: not even created.
    QVERIFY(!QFile::exists(folder.path() + QStringLiteral("/db.sqlite")));
}

QTEST_GUILESS_MAIN(TestVerify)
#include "tst_verify.moc"
