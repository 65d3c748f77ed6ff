#include "clicommand.h"
#include "runsupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace Retort::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("retort-cli", text);
}

} // namespace

CliCommand backupCommand()
{
    CliCommand command;
    command.name = QStringLiteral("backup");
    command.summary = tr("Back up the database into the project's backup folder, and verify the backup.");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption(
            { { QStringLiteral("v"), QStringLiteral("verbose") }, tr("Show pg_dump's progress, object by object.") });
        addTimeoutOptions(parser);
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        Result<ConnectionSettings> settings = context.connectionSettings();
        if (!settings)
            return context.fail(settings.error(), ExitBadInput);
        Result<ExecutionOptions> options = executionOptions(parser);
        if (!options)
            return context.fail(options.error(), ExitBadInput);
        int code = ExitOk;
        std::unique_ptr<Executor> executor = openExecutor(context, *project, *settings, *options, &code);
        if (!executor)
            return code;
        const std::optional<BackupInfo> made =
            runBackup(context, *executor, *project, parser.isSet(QStringLiteral("verbose")));
        if (!made)
            return int(ExitFailed);
        if (context.json) {
            context.printJson(QJsonDocument(QJsonObject {
                { QStringLiteral("path"), made->path },
                { QStringLiteral("bytes"), made->bytes },
                { QStringLiteral("entries"), made->entries },
                { QStringLiteral("version"), QJsonArray::fromStringList(made->versionRows) },
                { QStringLiteral("duration_ms"), made->durationMs },
                { QStringLiteral("tool"), made->tool },
            }));
        } else {
            context.out() << tr("Backed up %1 at %2 to %3 (%4 KiB, %5 entries, read back and verified).")
                                 .arg(settings->displayName(), rowsText(made->versionRows), made->path)
                                 .arg((made->bytes + 1023) / 1024)
                                 .arg(made->entries)
                          << Qt::endl;
        }
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
