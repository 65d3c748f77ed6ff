// What users of a command-line program expect: --version, man pages that say
// what --help says, and shell completion of commands, options, revision ids
// and branch labels. Runs the built programs, the generated man pages and
// the bash completion script as a shell would.
#include "project/projectloader.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

using namespace Retort;

namespace {

QString executable(const QString &name)
{
    return name == QLatin1String("retort") ? Test::guiExecutable() : Test::cliExecutable();
}

QString help(const QString &name, const QStringList &arguments = { QStringLiteral("--help") })
{
    const Test::ProcessResult result =
        Test::runProcess(executable(name), arguments, {}, { QStringLiteral("QT_QPA_PLATFORM=offscreen") });
    return result.exitCode == 0 ? result.out : QString();
}

// The entries of a "Title:" list in a --help text ("  name  description").
QStringList listedIn(const QString &helpText, const QString &title)
{
    QStringList names;
    bool inList = false;
    for (const QString &line : helpText.split(QLatin1Char('\n'))) {
        if (line == title + QLatin1Char(':')) {
            inList = true;
        } else if (inList && line.startsWith(QLatin1String("  ")) && !line.startsWith(QLatin1String("   "))) {
            names.append(line.trimmed().section(QLatin1Char(' '), 0, 0));
        } else if (inList && line.isEmpty()) {
            break;
        }
    }
    return names;
}

QStringList longOptions(const QString &helpText)
{
    static const QRegularExpression option(
        QStringLiteral("^  .*?(--[a-z][a-z-]*)"), QRegularExpression::MultilineOption);
    QStringList options;
    for (auto it = option.globalMatch(helpText); it.hasNext();)
        options.append(it.next().captured(1));
    return options;
}

QString roff(QString text)
{
    return text.replace(QLatin1Char('-'), QLatin1String("\\-"));
}

QString manPage(const QString &name)
{
    QFile file(
        QFileInfo(Test::cliExecutable()).absolutePath() + QStringLiteral("/../man/") + name + QStringLiteral(".1"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Runs the bash completion function on `words` (the last one being
// completed) and returns what it offers.
QStringList bashCompletion(const QStringList &words)
{
    const QString script = Test::sourceDirectory() + QStringLiteral("/packaging/completion/retort-cli.bash");
    const QString path =
        QFileInfo(Test::cliExecutable()).absolutePath() + QLatin1Char(':') + qEnvironmentVariable("PATH");
    const Test::ProcessResult result = Test::runProcess(QStringLiteral("bash"),
        QStringList { QStringLiteral("--norc"), QStringLiteral("-c"),
            QStringLiteral("source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _retort_cli; "
                           "printf '%s\\n' \"${COMPREPLY[@]}\""),
            QStringLiteral("bash"), script } +
            words,
        {}, { QStringLiteral("PATH=") + path });
    QStringList offered = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    offered.sort();
    return offered;
}

} // namespace

class CliConventionsTest : public QObject
{
    Q_OBJECT
private slots:
    void versionOption_data();
    void versionOption();
    void manPageSaysWhatHelpSays_data();
    void manPageSaysWhatHelpSays();
    void bashCompletion_data();
    void bashCompletion();
};

void CliConventionsTest::versionOption_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("retort-cli") << QStringLiteral("retort-cli");
    QTest::newRow("retort") << QStringLiteral("retort");
}

void CliConventionsTest::versionOption()
{
    QFETCH(QString, name);
    QCOMPARE(help(name, { QStringLiteral("--version") }), name + QStringLiteral(" " RETORT_TEST_VERSION "\n"));
}

void CliConventionsTest::manPageSaysWhatHelpSays_data()
{
    versionOption_data();
}

void CliConventionsTest::manPageSaysWhatHelpSays()
{
    QFETCH(QString, name);
    const QString page = manPage(name);
    QVERIFY2(!page.isEmpty(), "the man page was not generated next to the programs");
    QVERIFY(page.startsWith(QStringLiteral(".TH ") + name.toUpper()));
    QVERIFY(page.contains(QStringLiteral(RETORT_TEST_VERSION)));
    const QString globalHelp = help(name);
    QStringList options = longOptions(globalHelp);
    QVERIFY(options.contains(QStringLiteral("--version")));
    const QStringList commands = listedIn(globalHelp, QStringLiteral("Commands"));
    QCOMPARE(commands.isEmpty(), name == QLatin1String("retort"));
    for (const QString &command : commands) {
        QVERIFY2(page.contains(QStringLiteral(".SS ") + roff(command) + QLatin1Char('\n')), qPrintable(command));
        options += longOptions(help(name, { command, QStringLiteral("--help") }));
    }
    for (const QString &option : std::as_const(options))
        QVERIFY2(
            page.contains(QStringLiteral(".B ") + roff(option)) || page.contains(QStringLiteral(", ") + roff(option)),
            qPrintable(option));
}

void CliConventionsTest::bashCompletion_data()
{
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QStringList>("expected");
    const QString demo = Test::demoProjectDirectory();
    QStringList commands = listedIn(help(QStringLiteral("retort-cli")), QStringLiteral("Commands"));
    commands.sort();
    QTest::newRow("commands") << QStringList { QStringLiteral("retort-cli"), QString() } << commands;
    QTest::newRow("command-prefix") << QStringList { QStringLiteral("retort-cli"), QStringLiteral("up") }
                                    << QStringList { QStringLiteral("upgrade") };
    QTest::newRow("command-after-project") << QStringList { QStringLiteral("retort-cli"), QStringLiteral("-p"), demo,
        QStringLiteral("hi") } << QStringList { QStringLiteral("history") };
    QTest::newRow("option-of-command") << QStringList { QStringLiteral("retort-cli"), QStringLiteral("history"),
        QStringLiteral("--ve") } << QStringList { QStringLiteral("--verbose") };
    QTest::newRow("global-option") << QStringList { QStringLiteral("retort-cli"), QStringLiteral("--pro") }
                                   << QStringList { QStringLiteral("--profile"), QStringLiteral("--project") };

    // Every revision id and branch label of the demo project, and Alembic's
    // symbolic targets.
    Result<Project> project = ProjectLoader::load(demo);
    QVERIFY(project);
    QStringList targets = { QStringLiteral("base"), QStringLiteral("head"), QStringLiteral("heads") };
    for (const Revision &revision : project->graph.revisions()) {
        targets += revision.id;
        targets += revision.branchLabels;
    }
    targets.sort();
    QVERIFY(targets.contains(QStringLiteral("billing")));
    QTest::newRow("revisions-and-labels") << QStringList { QStringLiteral("retort-cli"), QStringLiteral("-p"), demo,
        QStringLiteral("upgrade"), QString() }
                                          << targets;
    QTest::newRow("label-prefix") << QStringList { QStringLiteral("retort-cli"), QStringLiteral("--project"), demo,
        QStringLiteral("stamp"), QStringLiteral("bil") }
                                  << QStringList { QStringLiteral("billing") };
    QTest::newRow("no-project-here") << QStringList { QStringLiteral("retort-cli"), QStringLiteral("-p"),
        QStringLiteral("/nonexistent"), QStringLiteral("upgrade"), QStringLiteral("he") }
                                     << QStringList { QStringLiteral("head"), QStringLiteral("heads") };
}

void CliConventionsTest::bashCompletion()
{
    QFETCH(QStringList, words);
    QFETCH(QStringList, expected);
    QCOMPARE(::bashCompletion(words), expected);
}

QTEST_GUILESS_MAIN(CliConventionsTest)
#include "tst_cliconventions.moc"
