#include "clicommand.h"
#include "runsupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace Retort::Cli {

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
        int code = ExitOk;
        const std::optional<RunSetup> setup = openRun(context, parser, &code);
        if (!setup)
            return code;
        Executor *executor = setup->executor.get();
        const Project *project = setup->project;
        const ConnectionSettings *settings = &setup->settings;
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
                                 .arg(settings->displayName(), versionRowsText(made->versionRows), made->path)
                                 .arg((made->bytes + 1023) / 1024)
                                 .arg(made->entries)
                          << Qt::endl;
        }
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
