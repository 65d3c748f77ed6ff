#include "backup/backupcatalog.h"
#include "backup/backupverifier.h"
#include "clicommand.h"
#include "interrupt.h"
#include "runsupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace Retort::Cli {

namespace {

// backup --list: the project's backup folder, newest first.
int listBackups(CliContext &context, const Project &project)
{
    Result<QList<BackupFile>> backups = BackupCatalog::list(project.backupFolder());
    if (!backups)
        return context.fail(backups.error(), ExitBadInput);
    if (context.json) {
        QJsonArray list;
        for (const BackupFile &backup : std::as_const(*backups)) {
            list.append(QJsonObject {
                { QStringLiteral("path"), backup.path },
                { QStringLiteral("bytes"), backup.bytes },
                { QStringLiteral("created_at"), backup.createdAt.toString(Qt::ISODate) },
                { QStringLiteral("format"), backupFormatName(backup.format) },
                { QStringLiteral("version"),
                    backup.versionRowsKnown ? QJsonValue(QJsonArray::fromStringList(backup.versionRows))
                                            : QJsonValue() },
                { QStringLiteral("state"), backupStateName(backup.state()) },
            });
        }
        context.printJson(QJsonDocument(
            QJsonObject { { QStringLiteral("folder"), project.backupFolder() }, { QStringLiteral("backups"), list } }));
        return ExitOk;
    }
    QTextStream &out = context.out();
    if (backups->isEmpty()) {
        out << tr("No backups in %1.").arg(project.backupFolder()) << Qt::endl;
        return ExitOk;
    }
    out << tr("Backups in %1, newest first:").arg(project.backupFolder()) << '\n';
    for (const BackupFile &backup : std::as_const(*backups)) {
        out << "  " << backup.createdAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << " UTC  "
            << tr("%1 KiB").arg((backup.bytes + 1023) / 1024).rightJustified(10) << "  "
            << (backup.versionRowsKnown ? versionRowsText(backup.versionRows) : tr("(revision unknown)")) << "  "
            << backupStateText(backup.state()) << "  " << backup.fileName() << '\n';
    }
    out.flush();
    return ExitOk;
}

// backup --verify FILE: read back fully, and the revision inside.
int verifyBackup(CliContext &context, const Project &project, const QString &file, bool verbose)
{
    BackupVerifier verifier;
    QObject::connect(&verifier, &BackupVerifier::phase,
        [&context](const QString &text) { context.err() << "retort-cli: " << text << Qt::endl; });
    if (verbose) {
        QObject::connect(&verifier, &BackupVerifier::progress,
            [&context](const QString &line) { context.err() << "  " << line << Qt::endl; });
    }
    if (Result<BackupFile> described = BackupCatalog::describe(file); !described)
        return context.fail(described.error(), ExitBadInput);
    Result<BackupCheck> check = [&] {
        const InterruptHandler interrupt([&verifier] { verifier.cancel(); });
        return verifier.verify(file, project.settings);
    }();
    if (!check)
        return context.fail(check.error(), ExitFailed);
    if (context.json) {
        context.printJson(QJsonDocument(QJsonObject {
            { QStringLiteral("path"), check->path },
            { QStringLiteral("entries"), check->entries },
            { QStringLiteral("version"),
                check->versionRowsKnown ? QJsonValue(QJsonArray::fromStringList(check->versionRows)) : QJsonValue() },
        }));
    } else {
        context.out() << tr("%1 is sound: read back fully, %2 entries, %3.")
                             .arg(check->path)
                             .arg(check->entries)
                             .arg(check->versionRowsKnown
                                     ? tr("at %1").arg(versionRowsText(check->versionRows))
                                     : tr("no version table %1 in it").arg(project.settings.versionTable))
                      << Qt::endl;
    }
    return ExitOk;
}

} // namespace

CliCommand backupCommand()
{
    CliCommand command;
    command.name = QStringLiteral("backup");
    command.summary = tr("Back up the database into the project's backup folder, and verify the backup; or list or "
                         "verify the backups there.");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption(
            { { QStringLiteral("v"), QStringLiteral("verbose") }, tr("Show pg_dump's progress, object by object.") });
        parser.addOption(
            { QStringLiteral("list"), tr("List the backups in the backup folder instead, newest first.") });
        parser.addOption({ QStringLiteral("verify"),
            tr("Read an existing backup FILE back fully instead, and say what revision it holds."), tr("FILE") });
        addTimeoutOptions(parser);
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const bool list = parser.isSet(QStringLiteral("list"));
        const bool verify = parser.isSet(QStringLiteral("verify"));
        if (list || verify) {
            if (list && verify)
                return context.fail(tr("--list and --verify do not go together"), ExitBadInput);
            const Project *project = context.project();
            if (!project)
                return context.projectExitCode();
            return list ? listBackups(context, *project)
                        : verifyBackup(context, *project, parser.value(QStringLiteral("verify")),
                              parser.isSet(QStringLiteral("verbose")));
        }
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
