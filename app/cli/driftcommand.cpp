#include "clicommand.h"
#include "db/versiontable.h"
#include "runsupport.h"
#include "shadow/driftcheck.h"
#include "shadowsupport.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Retort::Cli {

CliCommand driftCommand()
{
    CliCommand command;
    command.name = QStringLiteral("drift");
    command.summary = tr("Whether the database's schema is the one its version rows imply (replayed in a shadow "
                         "database); exit 1 on drift, with the nearest revision.");
    command.run = [](CliContext &context, const QCommandLineParser &) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        Result<ConnectionSettings> settings = context.connectionSettings();
        if (!settings)
            return context.fail(settings.error(), ExitBadInput);
        Result<std::unique_ptr<DatabaseConnection>> connection = openForReading(context);
        if (!connection)
            return context.fail(connection.error(), ExitFailed);
        if (!*connection)
            return context.fail(tr("%1 does not exist").arg(settings->sqlitePath), ExitFailed);
        Result<VersionRows> rows = VersionTable::read((*connection)->database(), settings->dialect, project->settings);
        if (!rows)
            return context.fail(rows.error(), ExitFailed);
        int code = ExitOk;
        std::optional<DriftReport> report =
            checkDrift(context, *project, *settings, (*connection)->database(), rows->rows, &code);
        if (!report)
            return code;
        if (context.json) {
            QJsonObject object { { QStringLiteral("drift"), report->drifted() },
                { QStringLiteral("version"), QJsonArray::fromStringList(report->versionRows) },
                { QStringLiteral("diff"), report->diff } };
            if (report->lookAlike) {
                object.insert(QStringLiteral("nearest"),
                    QJsonObject {
                        { QStringLiteral("version"), QJsonArray::fromStringList(report->lookAlike->versionRows) },
                        { QStringLiteral("exact"), report->lookAlike->exact() },
                        { QStringLiteral("differing_lines"), report->lookAlike->differingLines },
                        { QStringLiteral("diff"), report->lookAlike->diff } });
            }
            context.printJson(QJsonDocument(object));
        } else if (!report->drifted()) {
            context.out() << tr("drift: none; %1's schema is the one revision %2 gives")
                                 .arg(settings->displayName(), versionRowsText(report->versionRows))
                          << Qt::endl;
        } else {
            context.out() << tr("drift: %1's schema differs from the one revision %2 gives:")
                                 .arg(settings->displayName(), versionRowsText(report->versionRows))
                          << '\n'
                          << report->diff;
            const QString advice = lookAlikeAdvice(*report);
            if (!advice.isEmpty())
                context.out() << "drift: " << advice << '\n';
            context.out().flush();
        }
        return report->drifted() ? int(ExitFailed) : int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
