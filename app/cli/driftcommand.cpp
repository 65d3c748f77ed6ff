#include "autogen/driftrepair.h"
#include "clicommand.h"
#include "db/versiontable.h"
#include "interrupt.h"
#include "project/revisionwriter.h"
#include "runsupport.h"
#include "shadow/driftcheck.h"
#include "shadow/shadowsession.h"
#include "shadowsupport.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Retort::Cli {

namespace {

// drift --sql and --capture: the schema engine's SQL between the live
// schema and the one the version rows imply.
int repair(CliContext &context, const Project &project, const ConnectionSettings &settings, const QSqlDatabase &target,
    const QStringList &rows, const QCommandLineParser &parser)
{
    std::atomic<ShadowSession *> running { nullptr };
    const InterruptHandler interrupt([&running] {
        if (ShadowSession *session = running.load())
            session->cancel();
    });
    Result<DriftRepair> repaired =
        repairDrift(project, shadowOptions(context, project, settings.dialect, serverMajorOf(target, settings.dialect)),
            settings, rows, &running);
    if (!repaired)
        return context.fail(repaired.error(), ExitFailed);
    if (!repaired->drifted()) {
        context.out() << tr("drift: none; %1's schema is the one revision %2 gives")
                             .arg(settings.displayName(), versionRowsText(rows))
                      << Qt::endl;
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("sql"))) {
        context.out() << "-- "
                      << tr("Back to the schema of revision %1 from %2's. Retort never runs this: review it.")
                             .arg(versionRowsText(rows), settings.displayName())
                      << "\n\n"
                      << changeScript(repaired->backToRevision);
        context.out().flush();
        return ExitFailed; // it drifted
    }
    if (rows.size() != 1)
        return context.fail(
            tr("drift --capture writes after one revision; the database is at %1").arg(versionRowsText(rows)),
            ExitBadInput);
    NewRevision spec = revisionSpec(parser);
    spec.message = parser.value(QStringLiteral("capture"));
    spec.heads = rows;
    spec.upgradeSql = changeScript(repaired->capture);
    spec.downgradeSql = changeScript(repaired->backToRevision);
    Result<WrittenRevision> written = RevisionWriter::create(project, spec);
    if (!written)
        return context.fail(written.error(), ExitBadInput);
    context.out() << tr("Created %1: %2").arg(written->id, written->path) << '\n'
                  << tr("The database already has its schema: record that with retort-cli stamp %1").arg(written->id)
                  << Qt::endl;
    return ExitOk;
}

} // namespace

CliCommand driftCommand()
{
    CliCommand command;
    command.name = QStringLiteral("drift");
    command.summary = tr("Whether the database's schema is the one its version rows imply (replayed in a shadow "
                         "database); exit 1 on drift, with the nearest revision.");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ QStringLiteral("sql"),
            tr("Print the SQL that would bring the database back to its revision's schema (never run).") });
        parser.addOption({ QStringLiteral("capture"),
            tr("Write a new revision after the database's revision that records the drift (its upgrade: the "
               "revision's schema to the database's); then stamp the database there."),
            tr("MESSAGE") });
        addRevisionOptions(parser);
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
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
        if (parser.isSet(QStringLiteral("sql")) || parser.isSet(QStringLiteral("capture")))
            return repair(context, *project, *settings, (*connection)->database(), rows->rows, parser);
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
