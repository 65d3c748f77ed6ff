#include "clicommand.h"
#include "runsupport.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace Retort::Cli {

CliCommand restoreCommand()
{
    CliCommand command;
    command.name = QStringLiteral("restore");
    command.summary = tr("Replace the database with a backup (asks first; offers a backup of it as it is now).");
    command.positionalSyntax = tr("FILE");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ QStringLiteral("yes"), tr("Do not ask; for scripts.") });
        parser.addOption({ QStringLiteral("no-backup"), tr("Do not back up the database before replacing it.") });
        addTimeoutOptions(parser);
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const QStringList arguments = parser.positionalArguments().mid(1);
        if (arguments.size() != 1)
            return context.fail(tr("restore takes one backup file: retort-cli restore FILE"), ExitBadInput);
        const QString file = QFileInfo(arguments.first()).absoluteFilePath();
        int code = ExitOk;
        const std::optional<RunSetup> setup = openRun(context, parser, &code);
        if (!setup)
            return code;
        Executor *executor = setup->executor.get();
        const Project *project = setup->project;
        const ConnectionSettings *settings = &setup->settings;
        const bool production = context.isProductionConnection();
        const bool yes = parser.isSet(QStringLiteral("yes"));
        BackupRunner restorer(*executor);
        QObject::connect(&restorer, &BackupRunner::phase,
            [&context](const QString &text) { context.err() << "retort-cli: " << text << Qt::endl; });
        Result<RestorePlan> plan = restorer.planRestore(file);
        if (!plan)
            return context.fail(plan.error(), ExitBadInput);

        QTextStream &out = context.out();
        out << tr("Restoring %1 replaces what %2 holds now (it is at %3).")
                   .arg(file, settings->displayName(), versionRowsText(executor->versionRows().value()))
            << '\n';
        if (!plan->removed.isEmpty()) {
            out << tr("These are not in the backup and will be dropped:") << '\n';
            for (const QString &object : std::as_const(plan->removed))
                out << "  " << object << '\n';
        }
        out.flush();
        if (const int answer = confirmDestructive(
                context, *settings, tr("Restore %1?").arg(QFileInfo(file).fileName()), yes, production);
            answer != ExitOk)
            return answer;
        const std::optional<bool> backup = backupFirst(context, parser, production, yes);
        if (!backup)
            return int(ExitBadInput);
        if (*backup && !runBackup(context, *executor, *project, false)) {
            context.err() << "retort-cli: " << tr("the restore did not start, since the backup before it failed")
                          << Qt::endl;
            return int(ExitFailed);
        }
        Result<void> restored = restorer.restore(*plan);
        if (!restored)
            return context.fail(restored.error(), ExitFailed);
        out << tr("Restored %1 into %2; it is at %3.")
                   .arg(file, settings->displayName(), versionRowsText(executor->versionRows().value()))
            << Qt::endl;
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
