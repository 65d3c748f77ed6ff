#include "alembic/pythonenvironment.h"
#include "clicommand.h"
#include "databasestate.h"
#include "exec/scriptdrift.h"
#include "graph/planner.h"
#include "report/alembictext.h"
#include "runsupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace Retort::Cli {

namespace {

QString tr(const char *text, int n)
{
    return QCoreApplication::translate("retort-cli", text, nullptr, n);
}

QStringList ids(const RevisionGraph &graph, const QList<int> &indexes)
{
    QStringList result;
    for (int index : indexes)
        result.append(graph.revision(index).id);
    return result;
}

QJsonObject pythonJson(const Result<PythonEnvironment> &python)
{
    QJsonObject json;
    if (!python) {
        json.insert(QStringLiteral("error"), python.error().toString());
        return json;
    }
    json.insert(QStringLiteral("interpreter"), python->interpreter);
    json.insert(QStringLiteral("virtualenv"), python->virtualEnv);
    json.insert(QStringLiteral("origin"), python->origin);
    json.insert(QStringLiteral("version"), python->pythonVersion);
    json.insert(QStringLiteral("alembic"), python->alembicVersion);
    json.insert(QStringLiteral("sqlalchemy"), python->sqlalchemyVersion);
    return json;
}

} // namespace

CliCommand statusCommand()
{
    CliCommand command;
    command.name = QStringLiteral("status");
    command.summary = tr("Show the project, where the database is, and what is pending.");
    command.run = [](CliContext &context, const QCommandLineParser &) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        const RevisionGraph &graph = project->graph;
        int exitCode = ExitOk;
        std::optional<DatabaseState> state = readDatabaseState(context, *project, &exitCode);
        if (!state)
            return exitCode;
        const Planner planner(graph);
        const QList<int> current = planner.currentRevisions(state->rows);
        const QList<int> heads = graph.realHeads();
        // What `upgrade heads` would run.
        QList<int> pending;
        if (!heads.isEmpty()) {
            Result<MigrationPlan> plan = planner.upgrade(state->versionRows.rows, QStringLiteral("heads"));
            if (!plan)
                return context.fail(plan.error(), ExitFailed);
            for (const PlanStep &step : std::as_const(plan->steps))
                pending.append(step.revision);
        }
        // Applied scripts edited since they ran (when Retort ran them).
        QList<ScriptDrift> drifts;
        if (state->versionRows.databaseExists) {
            Result<std::unique_ptr<DatabaseConnection>> connection = openForReading(context);
            if (!connection)
                return context.fail(connection.error(), ExitFailed);
            if (*connection) {
                Result<QList<ScriptDrift>> changed = changedAppliedScripts(
                    *project, (*connection)->database(), (*connection)->dialect(), state->versionRows.rows);
                if (!changed)
                    return context.fail(changed.error(), ExitFailed);
                drifts = *changed;
            }
        }
        QList<int> changedRevisions;
        for (const ScriptDrift &drift : std::as_const(drifts))
            changedRevisions.append(drift.revision);
        // Alembic projects: which Python and Alembic will run the migrations.
        std::optional<Result<PythonEnvironment>> python;
        if (project->kind == ProjectKind::Alembic)
            python = PythonEnvironment::inspect(*project);
        const QString projectPath = project->configFile.isEmpty() ? project->directory : project->configFile;
        const QString kind =
            project->kind == ProjectKind::Alembic ? QStringLiteral("alembic") : QStringLiteral("native");
        if (context.json) {
            QJsonObject projectJson;
            projectJson.insert(QStringLiteral("path"), projectPath);
            projectJson.insert(QStringLiteral("kind"), kind);
            projectJson.insert(QStringLiteral("revisions"), graph.size());
            projectJson.insert(QStringLiteral("heads"), QJsonArray::fromStringList(ids(graph, heads)));
            QJsonObject status;
            status.insert(QStringLiteral("project"), projectJson);
            status.insert(QStringLiteral("database"), context.databaseName());
            if (python)
                status.insert(QStringLiteral("python"), pythonJson(*python));
            status.insert(QStringLiteral("version_table"), project->settings.versionTable);
            status.insert(QStringLiteral("version_table_exists"), state->versionRows.tableExists);
            status.insert(QStringLiteral("rows"), QJsonArray::fromStringList(state->versionRows.rows));
            status.insert(QStringLiteral("current"), QJsonArray::fromStringList(ids(graph, current)));
            status.insert(QStringLiteral("pending"), QJsonArray::fromStringList(ids(graph, pending)));
            status.insert(QStringLiteral("up_to_date"), pending.isEmpty());
            status.insert(
                QStringLiteral("changed_since_applied"), QJsonArray::fromStringList(ids(graph, changedRevisions)));
            context.printJson(QJsonDocument(status));
            return int(ExitOk);
        }
        QTextStream &out = context.out();
        const AlembicText text(graph);
        out << tr("Project:  %1 (%2, %3, %4)")
                   .arg(projectPath, project->kind == ProjectKind::Alembic ? tr("Alembic") : tr("native"),
                       tr("%n revision(s)", graph.size()), tr("%n head(s)", int(heads.size())))
            << '\n';
        out << tr("Database: %1").arg(context.databaseName()) << '\n';
        if (python) {
            out << tr("Python:   %1")
                       .arg(*python ? (*python)->summary()
                                    : tr("cannot run Alembic: %1").arg(python->error().toString()))
                << '\n';
        }
        if (current.isEmpty()) {
            out << tr("Current:  base (%1)")
                       .arg(!state->versionRows.databaseExists ? tr("the database file does not exist yet")
                               : !state->versionRows.tableExists
                               ? tr("no %1 table yet").arg(project->settings.versionTable)
                               : tr("%1 is empty").arg(project->settings.versionTable))
                << '\n';
        } else {
            for (qsizetype i = 0; i < current.size(); ++i) {
                out << (i == 0 ? tr("Current:  ") : QStringLiteral("          "))
                    << text.headOnly(current.at(i), AlembicTextOptions { true, true, false, true, true, false })
                    << '\n';
            }
        }
        if (heads.size() > 1) {
            out << tr("Heads:    %1 — the project has several heads; merge them, or upgrade each by name")
                       .arg(ids(graph, heads).join(QLatin1String(", ")))
                << '\n';
        }
        if (pending.isEmpty()) {
            out << tr("Pending:  nothing; the database is up to date") << '\n';
        } else {
            out << tr("Pending:  %n revision(s) to reach %1, in the order they run:", int(pending.size()))
                       .arg(heads.size() == 1 ? tr("the head") : tr("the heads"))
                << '\n';
            AlembicTextOptions options;
            options.includeDoc = true;
            options.treeIndicators = false;
            options.headIndicators = false;
            for (int index : std::as_const(pending))
                out << QStringLiteral("  ") << text.headOnly(index, options) << '\n';
        }
        for (const ScriptDrift &drift : std::as_const(drifts)) {
            out << tr("Changed:  %1 was edited after it ran on %2 (%3); see: retort-cli show %1 --diff")
                       .arg(graph.revision(drift.revision).id,
                           drift.ran.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")),
                           graph.revision(drift.revision).filePath())
                << '\n';
        }
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
