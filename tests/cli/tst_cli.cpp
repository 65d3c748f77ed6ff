// retort-cli as users run it: the real binary, its output compared with
// golden files in tests/data/cli/reference (RETORT_REGENERATE=1 rewrites them).
#include "testsupport.h"

#include <QDir>
#include <QTest>

using namespace Retort;

class CliTest : public QObject
{
    Q_OBJECT
private slots:
    void matchesGoldenOutput_data();
    void matchesGoldenOutput();
    void badProjectsExitWithTwoAndNameTheFile_data();
    void badProjectsExitWithTwoAndNameTheFile();
    void badUsageExitsWithTwo_data();
    void badUsageExitsWithTwo();
    void helpListsTheCommands();
};

void CliTest::matchesGoldenOutput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("reference");
    QTest::newRow("demo-heads") << QStringList { QStringLiteral("heads") } << QStringLiteral("demo-heads.txt");
    QTest::newRow("demo-heads-verbose") << QStringList { QStringLiteral("heads"), QStringLiteral("--verbose") }
                                        << QStringLiteral("demo-heads-verbose.txt");
    QTest::newRow("demo-heads-json") << QStringList { QStringLiteral("--json"), QStringLiteral("heads") }
                                     << QStringLiteral("demo-heads.json");
    QTest::newRow("demo-history") << QStringList { QStringLiteral("history") } << QStringLiteral("demo-history.txt");
}

void CliTest::matchesGoldenOutput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, reference);
    const QString project = Test::demoProjectDirectory();
    const Test::ProcessResult result =
        Test::runProcess(Test::cliExecutable(), QStringList { QStringLiteral("-p"), project } + arguments);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.err, QString());
    // Paths differ between checkouts; the references hold $PROJECT instead.
    QString output = result.out;
    output.replace(project, QStringLiteral("$PROJECT"));
    QString difference;
    QVERIFY2(Test::matchesGoldenFile(
                 output, Test::testDataDirectory() + QStringLiteral("/cli/reference/") + reference, &difference),
        qPrintable(difference));
}

void CliTest::badProjectsExitWithTwoAndNameTheFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown-key") << QByteArray("-- revision: a1\n-- down_revision:\n-- message: m\n-- colour: red\n")
                                 << QStringLiteral("b_bad.sql:4: unknown header key \"colour\"");
    QTest::newRow("dangling-parent") << Test::TemporaryProject::nativeRevision(
                                            QStringLiteral("b2"), QStringLiteral("zz"), QStringLiteral("m"))
                                     << QStringLiteral(
                                            "b_bad.sql:1: down_revision zz of revision b2 is not a revision");
}

void CliTest::badProjectsExitWithTwoAndNameTheFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    Test::TemporaryProject project;
    project.writeRevision(QStringLiteral("a_good.sql"),
        Test::TemporaryProject::nativeRevision(QStringLiteral("a0"), {}, QStringLiteral("m")));
    project.writeRevision(QStringLiteral("b_bad.sql"), content);
    for (const QString &command : { QStringLiteral("heads"), QStringLiteral("history") }) {
        const Test::ProcessResult result =
            Test::runProcess(Test::cliExecutable(), { QStringLiteral("-p"), project.path(), command });
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.out, QString());
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
        QVERIFY2(result.err.contains(project.versionsPath()), qPrintable(result.err));
    }
}

void CliTest::badUsageExitsWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown-command") << QStringList { QStringLiteral("upgrad") }
                                     << QStringLiteral("unknown command \"upgrad\"");
    QTest::newRow("unknown-option") << QStringList { QStringLiteral("heads"), QStringLiteral("--colour") }
                                    << QStringLiteral("Unknown option 'colour'");
    QTest::newRow("no-command") << QStringList {} << QStringLiteral("Commands:");
    QTest::newRow("missing-project") << QStringList { QStringLiteral("-p"), QStringLiteral("/nonexistent/project"),
        QStringLiteral("heads") } << QStringLiteral("/nonexistent/project: the project folder does not exist");
}

void CliTest::badUsageExitsWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Test::ProcessResult result = Test::runProcess(Test::cliExecutable(), arguments, Test::demoProjectDirectory());
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(expected), qPrintable(result.err));
}

void CliTest::helpListsTheCommands()
{
    const Test::ProcessResult result = Test::runProcess(Test::cliExecutable(), { QStringLiteral("--help") });
    QCOMPARE(result.exitCode, 0);
    for (const QString &command : { QStringLiteral("heads"), QStringLiteral("history") })
        QVERIFY2(result.out.contains(QStringLiteral("\n  ") + command), qPrintable(result.out));
    const Test::ProcessResult commandHelp =
        Test::runProcess(Test::cliExecutable(), { QStringLiteral("history"), QStringLiteral("--help") });
    QCOMPARE(commandHelp.exitCode, 0);
    QVERIFY(commandHelp.out.contains(QStringLiteral("--verbose")));
}

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
