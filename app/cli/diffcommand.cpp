#include "clicommand.h"
#include "db/versiontable.h"
#include "diff/unifieddiff.h"
#include "exec/preparedstep.h"
#include "graph/planner.h"
#include "interrupt.h"
#include "runsupport.h"
#include "shadow/driftcheck.h"
#include "shadow/schemareplayer.h"
#include "shadowsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

namespace Retort::Cli {

namespace {

QJsonObject errorJson(const Error &error)
{
    return { { QStringLiteral("message"), error.message }, { QStringLiteral("file"), error.file },
        { QStringLiteral("line"), error.line }, { QStringLiteral("revision"), error.revision } };
}

} // namespace

CliCommand diffCommand()
{
    CliCommand command;
    command.name = QStringLiteral("diff");
    command.summary = tr("What a plan changes in the schema: the schema before and after [FROM:]TO (FROM: where the "
                         "database is), replayed in a shadow database, never the target.");
    command.positionalSyntax = QStringLiteral("[FROM:]TO");
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        const QStringList positional = parser.positionalArguments().mid(1);
        if (positional.size() > 1)
            return context.fail(tr("diff takes one [FROM:]TO"), ExitBadInput);
        const QString range = positional.value(0, QStringLiteral("heads"));
        const qsizetype colon = range.indexOf(QLatin1Char(':'));
        const QString to = colon < 0 ? range : range.mid(colon + 1);
        Result<ConnectionSettings> settings = context.connectionSettings();
        if (!settings)
            return context.fail(settings.error(), ExitBadInput);

        // The target is only read: its version rows when FROM is not
        // given, and its server version, for a shadow of the same one.
        QStringList fromRows;
        int targetMajor = 0;
        const bool named = !context.databaseUrl.isEmpty() || !context.profileName.isEmpty();
        if (colon < 0 || named) {
            Result<std::unique_ptr<DatabaseConnection>> connection = openForReading(context);
            if (!connection && colon < 0)
                return context.fail(connection.error(), ExitFailed);
            if (connection && *connection) {
                targetMajor = serverMajorOf((*connection)->database(), settings->dialect);
                if (colon < 0) {
                    Result<VersionRows> rows =
                        VersionTable::read((*connection)->database(), settings->dialect, project->settings);
                    if (!rows)
                        return context.fail(rows.error(), ExitFailed);
                    fromRows = rows->rows;
                }
            }
        }
        if (colon >= 0) {
            Result<QStringList> rows = rowsOfTarget(*project, range.left(colon));
            if (!rows)
                return context.fail(rows.error(), ExitBadInput);
            fromRows = *rows;
        }
        const Planner planner(project->graph);
        Result<MigrationPlan> plan = planner.upgrade(fromRows, to);
        if (!plan) {
            Result<MigrationPlan> down = planner.downgrade(fromRows, to);
            if (!down)
                return context.fail(plan.error(), ExitBadInput);
            plan = down;
        }

        SchemaReplayer replayer(*project, shadowOptions(context, *project, settings->dialect, targetMajor));
        const InterruptHandler interrupt([&replayer] { replayer.cancel(); });
        const SchemaReplay replayed = replayer.replay(*plan);
        printWarnings(context, replayed.warnings);

        const QString before = replayed.schemaBefore.value_or(QString());
        const QString after = replayed.schemaAtEnd();
        const QString fromLabel = tr("schema at %1").arg(versionRowsText(plan->versionRowsBefore));
        const QString toLabel = replayed.complete(*plan)
            ? tr("schema at %1").arg(versionRowsText(plan->versionRowsAfter()))
            : tr("schema as far as the replay got");
        const QString whole = unifiedDiff(before, after, fromLabel, toLabel);
        if (context.json) {
            QJsonArray steps;
            QString previous = before;
            for (int i = 0; i < replayed.schemaAfter.size(); ++i) {
                const PlanStep &step = plan->steps.at(i);
                const Revision &revision = project->graph.revision(step.revision);
                steps.append(QJsonObject { { QStringLiteral("revision"), revision.id },
                    { QStringLiteral("direction"),
                        step.direction == Direction::Upgrade ? QStringLiteral("upgrade")
                                                             : QStringLiteral("downgrade") },
                    { QStringLiteral("file"), QDir(project->directory).relativeFilePath(revision.filePath()) },
                    { QStringLiteral("diff"),
                        unifiedDiff(previous, replayed.schemaAfter.at(i), revision.id, revision.id) } });
                previous = replayed.schemaAfter.at(i);
            }
            QJsonObject object { { QStringLiteral("from"), QJsonArray::fromStringList(plan->versionRowsBefore) },
                { QStringLiteral("to"), QJsonArray::fromStringList(plan->versionRowsAfter()) },
                { QStringLiteral("complete"), replayed.complete(*plan) }, { QStringLiteral("steps"), steps },
                { QStringLiteral("before"), before }, { QStringLiteral("after"), after },
                { QStringLiteral("diff"), whole } };
            if (replayed.failure)
                object.insert(QStringLiteral("failure"), errorJson(replayed.failure->error));
            context.printJson(QJsonDocument(object));
        } else {
            QString previous = before;
            for (int i = 0; i < replayed.schemaAfter.size(); ++i) {
                const PlanStep &step = plan->steps.at(i);
                const Revision &revision = project->graph.revision(step.revision);
                const int changed = differingLines(previous, replayed.schemaAfter.at(i));
                context.out() << "-- " << stepLog(revision, step.direction) << " ("
                              << QDir(project->directory).relativeFilePath(revision.filePath()) << "): "
                              << (changed == 0 ? tr("no schema change")
                                               : QCoreApplication::translate(
                                                     "retort-cli", "%n line(s) of schema changed", nullptr, changed))
                              << '\n';
                previous = replayed.schemaAfter.at(i);
            }
            context.out() << (whole.isEmpty() ? tr("-- no schema change") + QLatin1Char('\n') : whole);
            context.out().flush();
        }
        if (replayed.failure) {
            const StepFailure &failure = *replayed.failure;
            return context.fail(
                tr("the shadow could not replay %1: %2; the diff above goes as far as the step "
                   "before it")
                    .arg(failure.error.revision.isEmpty() ? tr("the migrations") : failure.error.revision,
                        failure.error.toString()),
                ExitFailed);
        }
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
