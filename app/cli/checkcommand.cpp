#include "alembic/alembicprocess.h"
#include "alembic/modelcheck.h"
#include "clicommand.h"
#include "db/databaseconnection.h"
#include "db/versiontable.h"
#include "exec/alembicrunner.h"
#include "exec/scriptdrift.h"
#include "graph/planner.h"
#include "lint/revisionlint.h"
#include "runsupport.h"
#include "shadowsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace Retort::Cli {

namespace {

struct Problem {
    QString kind; // "pending", "multiple-heads", "changed", "unknown-revision", "lint"
    QString message;
    QStringList revisions;
};

QStringList idsOf(const RevisionGraph &graph, const QList<int> &indexes)
{
    QStringList ids;
    for (int index : indexes)
        ids.append(graph.revision(index).id);
    return ids;
}

} // namespace

CliCommand checkCommand()
{
    CliCommand command;
    command.name = QStringLiteral("check");
    command.summary =
        tr("For CI: fail when migrations are pending (or would fail lint), there are several heads, applied scripts "
           "changed, the database is at a revision the project does not know, or its schema drifted.");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ QStringLiteral("no-drift"),
            tr("Do not compare the schema with the one the version rows imply (which replays the migrations "
               "in a shadow database).") });
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        Result<ConnectionSettings> settings = context.connectionSettings();
        if (!settings)
            return context.fail(settings.error(), ExitBadInput);
        const RevisionGraph &graph = project->graph;
        QList<Problem> problems;

        const QList<int> heads = graph.heads();
        if (heads.size() > 1) {
            problems.append({ QStringLiteral("multiple-heads"),
                tr("the project has %1 heads (%2); merge them: retort-cli merge heads -m MESSAGE")
                    .arg(heads.size())
                    .arg(idsOf(graph, heads).join(QLatin1String(", "))),
                idsOf(graph, heads) });
        }

        // Read only: no lock, and a SQLite file that is not there stays so.
        std::unique_ptr<DatabaseConnection> connection;
        QStringList rows;
        const bool missingFile = settings->dialect == Dialect::SQLite && !QFileInfo::exists(settings->sqlitePath);
        if (!missingFile) {
            auto opened = DatabaseConnection::open(*settings);
            if (!opened)
                return context.fail(opened.error(), ExitFailed);
            connection = std::move(*opened);
            Result<VersionRows> read = VersionTable::read(connection->database(), settings->dialect, project->settings);
            if (!read)
                return context.fail(read.error(), ExitFailed);
            rows = read->rows;
        }
        QStringList unknown;
        for (const QString &row : std::as_const(rows)) {
            if (graph.indexOf(row) < 0)
                unknown.append(row);
        }
        if (!unknown.isEmpty()) {
            problems.append({ QStringLiteral("unknown-revision"),
                tr("the database is at %1, which this project does not have").arg(unknown.join(QLatin1String(", "))),
                unknown });
        } else {
            Result<MigrationPlan> pending = Planner(graph).upgrade(rows, QStringLiteral("heads"));
            if (!pending)
                return context.fail(pending.error(), ExitBadInput);
            if (!pending->isEmpty()) {
                QList<int> revisions;
                for (const PlanStep &step : std::as_const(pending->steps))
                    revisions.append(step.revision);
                // Pending PostgreSQL migrations are linted: an error-level
                // finding (one that makes the migration fail) is a problem.
                if (settings->dialect == Dialect::PostgreSQL) {
                    Linter linter(project->settings.lint.pgVersion, project->settings.lint);
                    for (const LintFinding &finding : lintRevisions(*project, revisions, linter)) {
                        if (finding.severity == LintSeverity::Error)
                            problems.append({ QStringLiteral("lint"),
                                QStringLiteral("%1:%2: [%3] %4")
                                    .arg(QDir::current().relativeFilePath(finding.file))
                                    .arg(finding.line)
                                    .arg(finding.rule, finding.message),
                                { finding.revision } });
                    }
                }
                problems.append({ QStringLiteral("pending"),
                    QCoreApplication::translate("retort-cli", "%n migration(s) not applied: %1; run retort-cli upgrade",
                        nullptr, int(revisions.size()))
                        .arg(idsOf(graph, revisions).join(QLatin1String(", "))),
                    idsOf(graph, revisions) });
            }
            if (connection) {
                Result<QList<ScriptDrift>> drifts =
                    changedAppliedScripts(*project, connection->database(), settings->dialect, rows);
                if (!drifts)
                    return context.fail(drifts.error(), ExitFailed);
                for (const ScriptDrift &drift : std::as_const(*drifts)) {
                    const Revision &revision = graph.revision(drift.revision);
                    problems.append({ QStringLiteral("changed"),
                        tr("%1: revision %2 was changed after it ran on %3; see retort-cli show %2 --diff")
                            .arg(revision.filePath(), revision.id,
                                drift.ran.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))),
                        { revision.id } });
                }
                if (!parser.isSet(QStringLiteral("no-drift"))) {
                    std::optional<DriftReport> drift =
                        checkDrift(context, *project, *settings, connection->database(), rows, nullptr);
                    if (drift && drift->drifted()) {
                        QString message = tr("the schema differs from the one revision %1 gives (see retort-cli "
                                             "drift)")
                                              .arg(versionRowsText(rows));
                        const QString advice = lookAlikeAdvice(*drift);
                        if (!advice.isEmpty())
                            message += QStringLiteral("; ") + advice;
                        problems.append({ QStringLiteral("drift"), message, drift->versionRows });
                    }
                }
            }
        }

        // An Alembic project's own `alembic check`: its models against this
        // database, reported on its own line.
        std::optional<ModelCheck> models;
        if (project->kind == ProjectKind::Alembic) {
            AlembicPython python;
            python.url = AlembicProcess::sqlalchemyUrl(*settings, *project);
            python.environment.insert(QStringLiteral("DATABASE_URL"), python.url);
            python.password = settings->password;
            models = missingFile
                ? ModelCheck { ModelCheck::Outcome::Skipped, tr("the database file does not exist yet") }
                : checkModels(*project, python);
            if (models->outcome == ModelCheck::Outcome::Drift) {
                problems.append({ QStringLiteral("model-drift"),
                    tr("alembic check: the models and the database differ: %1").arg(models->detail), {} });
            }
        }

        if (context.json) {
            QJsonArray list;
            for (const Problem &problem : std::as_const(problems)) {
                list.append(QJsonObject { { QStringLiteral("kind"), problem.kind },
                    { QStringLiteral("message"), problem.message },
                    { QStringLiteral("revisions"), QJsonArray::fromStringList(problem.revisions) } });
            }
            QJsonObject object { { QStringLiteral("ok"), problems.isEmpty() },
                { QStringLiteral("version"), QJsonArray::fromStringList(rows) }, { QStringLiteral("problems"), list } };
            if (models) {
                const char *outcomes[] = { "clean", "drift", "skipped" };
                object.insert(QStringLiteral("alembic_check"),
                    QJsonObject { { QStringLiteral("outcome"), QLatin1String(outcomes[int(models->outcome)]) },
                        { QStringLiteral("detail"), models->detail } });
            }
            context.printJson(QJsonDocument(object));
        } else {
            if (problems.isEmpty()) {
                context.out() << tr("check: %1 is at %2: nothing pending, one head, no applied script changed.")
                                     .arg(settings->displayName(), versionRowsText(rows))
                              << '\n';
            }
            for (const Problem &problem : std::as_const(problems))
                context.out() << "check: " << problem.kind << ": " << problem.message << '\n';
            if (models && models->outcome == ModelCheck::Outcome::Clean)
                context.out() << tr("check: alembic check: the models match the database.") << '\n';
            else if (models && models->outcome == ModelCheck::Outcome::Skipped)
                context.out() << tr("check: alembic check skipped: %1").arg(models->detail) << '\n';
            context.out().flush();
        }
        return problems.isEmpty() ? int(ExitOk) : int(ExitFailed);
    };
    return command;
}

} // namespace Retort::Cli
