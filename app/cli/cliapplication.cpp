#include "cliapplication.h"

#include "clicommand.h"
#include "completion.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <functional>

namespace Retort::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("retort-cli", text);
}

void addGlobalOptions(QCommandLineParser &parser)
{
    parser.addOption({ { QStringLiteral("p"), QStringLiteral("project") },
        tr("The migration project folder (default: the current folder)."), tr("DIR") });
    parser.addOption({ QStringLiteral("db"),
        tr("Database URL: postgresql://user@host:port/db or sqlite:///path (default: $DATABASE_URL, "
           "then libpq's PGHOST, PGSERVICE, ~/.pgpass...)."),
        tr("URL") });
    parser.addOption({ QStringLiteral("profile"),
        tr("A saved connection profile (made in the GUI's Connection Profiles, kept in "
           "~/.config/Retort/profiles.conf)."),
        tr("NAME") });
    parser.addOption({ QStringLiteral("json"), tr("Print machine-readable JSON instead of text.") });
}

// Global options that take a value: the command is the first argument that
// is neither an option nor such an option's value.
const QStringList &optionsWithValues()
{
    static const QStringList options = { QStringLiteral("-p"), QStringLiteral("--project"), QStringLiteral("--db"),
        QStringLiteral("--profile") };
    return options;
}

QString findCommandName(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (optionsWithValues().contains(argument)) {
            ++i;
            continue;
        }
        if (argument == QLatin1String("--"))
            return {};
        if (!argument.startsWith(QLatin1Char('-')))
            return argument;
    }
    return {};
}

// Alembic's targets are often negative ("downgrade -1", "history -r -3:"),
// which argparse takes as values but QCommandLineParser takes as options.
// Such an argument becomes the value of the option before it when that
// option takes one ("-r -3:" -> "-r=-3:"), else a positional argument
// (moved after "--", with the positional arguments that follow it).
QStringList protectRelativeTargets(const QStringList &arguments, const std::function<bool(const QStringList &)> &parses)
{
    static const QRegularExpression relative(QStringLiteral("^-[0-9]"));
    QStringList result = arguments;
    QStringList moved;
    for (qsizetype i = 1; i < result.size(); ++i) {
        const QString &argument = result.at(i);
        if (argument == QLatin1String("--"))
            break;
        if (!relative.match(argument).hasMatch())
            continue;
        const QString &previous = result.at(i - 1);
        if (i > 1 && previous.startsWith(QLatin1Char('-')) && !previous.contains(QLatin1Char('=')) &&
            !relative.match(previous).hasMatch()) {
            QStringList merged = result;
            merged[i - 1] =
                previous + (previous.startsWith(QLatin1String("--")) ? QStringLiteral("=") : QString()) + argument;
            merged.removeAt(i);
            if (parses(merged + (moved.isEmpty() ? QStringList() : QStringList { QStringLiteral("--") } + moved))) {
                result = merged;
                --i;
                continue;
            }
        }
        moved.append(argument);
        result.removeAt(i);
        --i;
        // Positional arguments after it keep their order.
        for (qsizetype k = i + 1; k < result.size();) {
            if (!result.at(k).startsWith(QLatin1Char('-'))) {
                moved.append(result.takeAt(k));
            } else {
                ++k;
            }
        }
    }
    if (moved.isEmpty())
        return result;
    if (!result.contains(QStringLiteral("--")))
        result.append(QStringLiteral("--"));
    return result + moved;
}

QString globalHelp(const QList<CliCommand> &commands)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Retort: review and run database migrations (Alembic-compatible)."));
    addGlobalOptions(parser);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(tr("command"), tr("One of the commands below."), tr("COMMAND [ARGS...]"));
    QString help = parser.helpText();
    help += QLatin1Char('\n') + tr("Commands:") + QLatin1Char('\n');
    for (const CliCommand &command : commands)
        help += QLatin1String("  ") + command.name.leftJustified(12) + command.summary + QLatin1Char('\n');
    help +=
        QLatin1Char('\n') + tr("Run \"retort-cli COMMAND --help\" for a command's own options.") + QLatin1Char('\n');
    return help;
}

void setUpCommandParser(QCommandLineParser &parser, const CliCommand &command)
{
    parser.setApplicationDescription(command.summary);
    addGlobalOptions(parser);
    parser.addHelpOption();
    parser.addPositionalArgument(
        command.name, command.summary, command.name + QLatin1Char(' ') + command.positionalSyntax);
    if (command.addOptions)
        command.addOptions(parser);
}

const CliCommand *findCommand(const QList<CliCommand> &commands, const QString &name)
{
    const auto found = std::find_if(
        commands.cbegin(), commands.cend(), [&](const CliCommand &command) { return command.name == name; });
    return found == commands.cend() ? nullptr : &*found;
}

} // namespace

QString helpText(const QString &commandName)
{
    const QList<CliCommand> commands = allCommands();
    const CliCommand *command = findCommand(commands, commandName);
    if (!command)
        return globalHelp(commands);
    QCommandLineParser parser;
    setUpCommandParser(parser, *command);
    return parser.helpText();
}

QList<CliCommand> allCommands()
{
    return { statusCommand(), currentCommand(), historyCommand(), headsCommand(), branchesCommand(), showCommand(),
        upgradeCommand(), downgradeCommand(), stampCommand(), createCommand(), mergeCommand(), backupCommand(),
        restoreCommand(), checkCommand(), lintCommand(), schemaCommand(), fleetCommand(), promoteCommand(),
        diffCommand(), driftCommand(), verifyCommand() };
}

int runCli(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QList<CliCommand> commands = allCommands();
    const QString name = findCommandName(arguments);
    // Hidden: what the shell completion scripts ask for.
    if (name == QLatin1String("__complete"))
        return runCompletion(arguments.mid(arguments.indexOf(name) + 1), out);
    if (name.isEmpty() || name == QLatin1String("help")) {
        if (arguments.contains(QLatin1String("--version")) || arguments.contains(QLatin1String("-V"))) {
            out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion() << '\n';
            return ExitOk;
        }
        const bool askedForHelp = name == QLatin1String("help") || arguments.contains(QLatin1String("--help")) ||
            arguments.contains(QLatin1String("-h"));
        (askedForHelp ? out : err) << globalHelp(commands);
        return askedForHelp ? ExitOk : ExitBadInput;
    }
    const CliCommand *found = findCommand(commands, name);
    if (!found) {
        err << "retort-cli: error: " << tr("unknown command \"%1\"; run retort-cli --help for the list").arg(name)
            << Qt::endl;
        return ExitBadInput;
    }

    const auto setUp = [&](QCommandLineParser &parser) { setUpCommandParser(parser, *found); };
    QCommandLineParser parser;
    setUp(parser);
    const QStringList protectedArguments = protectRelativeTargets(arguments, [&](const QStringList &candidate) {
        QCommandLineParser trial;
        setUp(trial);
        return trial.parse(candidate);
    });
    if (!parser.parse(protectedArguments)) {
        err << "retort-cli " << name << ": error: " << parser.errorText() << Qt::endl;
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitOk;
    }

    CliContext context(out, err);
    context.projectDirectory =
        parser.isSet(QStringLiteral("project")) ? parser.value(QStringLiteral("project")) : QDir::currentPath();
    context.databaseUrl = parser.isSet(QStringLiteral("db"))
        ? parser.value(QStringLiteral("db"))
        : QProcessEnvironment::systemEnvironment().value(QStringLiteral("DATABASE_URL"));
    context.json = parser.isSet(QStringLiteral("json"));
    context.profileName = parser.value(QStringLiteral("profile"));
    context.profileFile = QProcessEnvironment::systemEnvironment().value(QStringLiteral("RETORT_PROFILES_FILE"));
    if (parser.isSet(QStringLiteral("db")) && parser.isSet(QStringLiteral("profile"))) {
        err << "retort-cli: error: " << tr("give --db or --profile, not both") << Qt::endl;
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("profile")))
        context.databaseUrl.clear(); // the profile wins over DATABASE_URL
    const int code = found->run(context, parser);
    out.flush();
    err.flush();
    return code;
}

} // namespace Retort::Cli
