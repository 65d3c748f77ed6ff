#include "databasereview.h"

#include "db/historytable.h"
#include "db/versiontable.h"
#include "graph/planner.h"
#include "graph/stampplanner.h"
#include "lint/livechecks.h"
#include "lint/revisionlint.h"
#include "reviewsteps.h"
#include "sql/alembicopsanalysis.h"
#include "sql/sqlanalysis.h"

#include <QUrl>

#include <algorithm>

namespace Retort {

DatabaseReview::DatabaseReview(const Project &project, QSqlDatabase database, Dialect dialect)
    : m_project(project)
    , m_database(std::move(database))
    , m_dialect(dialect)
{ }

std::optional<AlembicPython> DatabaseReview::alembicPython() const
{
    if (m_project.kind != ProjectKind::Alembic)
        return std::nullopt;
    if (m_python)
        return m_python;
    // Offline SQL needs only the dialect from the URL: the database the
    // review reads, without its password.
    AlembicPython python;
    if (m_dialect == Dialect::SQLite) {
        python.url = QStringLiteral("sqlite:///") + m_database.databaseName();
    } else {
        QUrl url;
        url.setScheme(QStringLiteral("postgresql"));
        url.setUserName(m_database.userName());
        url.setHost(m_database.hostName().isEmpty() ? QStringLiteral("localhost") : m_database.hostName());
        if (m_database.port() > 0)
            url.setPort(m_database.port());
        url.setPath(QLatin1Char('/') + m_database.databaseName());
        python.url = url.toString();
    }
    python.environment.insert(QStringLiteral("DATABASE_URL"), python.url);
    return python;
}

Result<QStringList> DatabaseReview::versionRows() const
{
    Result<VersionRows> read = VersionTable::read(m_database, m_dialect, m_project.settings);
    if (!read)
        return read.error();
    return read->rows;
}

QList<int> DatabaseReview::appliedRevisions(const QStringList &rows) const
{
    const RevisionGraph &graph = m_project.graph;
    QList<int> current;
    for (const QString &row : rows) {
        const int index = graph.indexOf(row);
        if (index >= 0)
            current.append(index);
    }
    return graph.ancestors(current, EdgeKind::All).sorted();
}

Result<DatabaseStatus> DatabaseReview::status() const
{
    Result<QStringList> rows = versionRows();
    if (!rows)
        return rows.error();
    DatabaseStatus status;
    status.versionRows = *rows;
    status.applied = appliedRevisions(*rows);
    Result<MigrationPlan> plan = Planner(m_project.graph).upgrade(*rows, QStringLiteral("heads"));
    if (plan)
        status.pending = int(plan->steps.size());
    else
        status.pendingError = plan.error().message;
    return status;
}

void DatabaseReview::lintSteps(Review &review) const
{
    if (m_dialect != Dialect::PostgreSQL)
        return;
    LiveChecks live(m_database);
    int version = m_project.settings.lint.pgVersion;
    if (version == 0) {
        Result<int> server = live.serverMajorVersion();
        version = server ? *server : 0;
    }
    // One linter for the whole plan, in order: later steps know the columns
    // earlier ones made.
    Linter linter(version, m_project.settings.lint);
    QList<int> revisions;
    QList<ReviewStep *> upgrades;
    for (ReviewStep &step : review.steps) {
        if (step.step.direction != Direction::Upgrade)
            continue;
        revisions.append(step.step.revision);
        upgrades.append(&step);
    }
    const QList<QList<LintFinding>> findings = lintEachRevision(m_project, revisions, linter);
    for (qsizetype i = 0; i < upgrades.size(); ++i) {
        upgrades.at(i)->lint = findings.at(i);
        live.annotate(upgrades.at(i)->lint);
    }
}

Result<Review> DatabaseReview::review(ReviewMode mode, const QString &target) const
{
    Result<QStringList> rows = versionRows();
    if (!rows)
        return rows.error();
    const RevisionGraph &graph = m_project.graph;
    Review review;
    review.dialect = m_dialect;
    review.target = target;
    if (mode == ReviewMode::Stamp) {
        // Stamping runs nothing: what changes is the version table, and so
        // which revisions count as applied.
        Result<QStringList> after = StampPlanner(graph).stamp(*rows, { target }, false);
        if (!after)
            return after.error();
        review.plan.versionRowsBefore = *rows;
        review.stampedRows = *after;
        const QList<int> before = appliedRevisions(*rows);
        const QList<int> afterApplied = appliedRevisions(*after);
        std::set_difference(afterApplied.cbegin(), afterApplied.cend(), before.cbegin(), before.cend(),
            std::back_inserter(review.newlyApplied));
        std::set_difference(before.cbegin(), before.cend(), afterApplied.cbegin(), afterApplied.cend(),
            std::back_inserter(review.newlyUnapplied));
    } else {
        const Planner planner(graph);
        Result<MigrationPlan> plan =
            mode == ReviewMode::Upgrade ? planner.upgrade(*rows, target) : planner.downgrade(*rows, target);
        if (!plan)
            return plan.error();
        review.plan = *plan;
    }

    reviewPlanSteps(m_project, m_dialect, review, alembicPython());
    lintSteps(review);

    const ProjectSettings &settings = m_project.settings;
    const HistoryTable history(m_database, m_dialect, settings.versionTableSchema, settings.historyTable);
    Result<bool> historyExists = history.exists();
    if (!historyExists)
        return historyExists.error();
    review.historyTableExists = *historyExists;
    if (review.historyTableExists) {
        Result<QList<ScriptDrift>> edited = changedAppliedScripts(m_project, m_database, m_dialect, *rows);
        if (!edited)
            return edited.error();
        review.edited = *edited;
    }
    return review;
}

} // namespace Retort
