#include "executor.h"

#include "db/databaseconnection.h"
#include "db/sqlerror.h"
#include "db/versiontablewriter.h"
#include "runlock.h"
#include "runoutcome.h"
#include "sql/sqlresource.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QVariant>

namespace Retort {

namespace {

HistoryAction actionOf(Direction direction)
{
    return direction == Direction::Upgrade ? HistoryAction::Upgrade : HistoryAction::Downgrade;
}

} // namespace

Executor::Executor(
    const Project &project, const ConnectionSettings &settings, const ExecutionOptions &options, QObject *parent)
    : QObject(parent)
    , m_project(project)
    , m_settings(settings)
    , m_options(options)
    , m_osUser(currentOsUser())
    , m_noticeReceiver([this](const QString &text) { emit notice(text); })
{ }

Executor::~Executor()
{
    close();
}

void Executor::close()
{
    m_canceller.disarm();
    m_versions.reset();
    m_history.reset();
    m_lock.reset();
    m_connection.reset();
}

QSqlDatabase Executor::database() const
{
    return m_connection ? m_connection->database() : QSqlDatabase();
}

Result<void> Executor::open()
{
    auto connection = DatabaseConnection::open(m_settings);
    if (!connection)
        return connection.error();
    m_connection = std::move(*connection);
    const QSqlDatabase db = m_connection->database();
    forwardNotices(db, &m_noticeReceiver);
    const ProjectSettings &names = m_project.settings;
    m_versions =
        std::make_unique<VersionTableWriter>(db, m_settings.dialect, names.versionTableSchema, names.versionTable);
    m_history = std::make_unique<HistoryTable>(db, m_settings.dialect, names.versionTableSchema, names.historyTable);

    RunLock::Options lockOptions;
    lockOptions.lockName = m_versions->qualifiedName();
    lockOptions.timeoutMs = m_options.lockTimeoutMs;
    lockOptions.waiting = [this](const QString &holder) { emit lockWaiting(holder); };
    auto lock = RunLock::acquire(m_settings, db, lockOptions, m_canceller);
    if (!lock)
        return lock.error();
    m_lock = std::move(*lock);

    if (m_settings.dialect == Dialect::PostgreSQL) {
        const auto set = [&](const char *name, int ms) -> Result<void> {
            if (ms < 0)
                return {};
            QSqlQuery query(db);
            query.prepare(sqlResource(QStringLiteral("session_setting"), Dialect::PostgreSQL));
            query.addBindValue(QLatin1String(name));
            query.addBindValue(QString::number(ms));
            if (!query.exec())
                return sqlError(tr("cannot set %1").arg(QLatin1String(name)), query.lastError());
            return {};
        };
        if (auto r = set("lock_timeout", m_options.lockTimeoutMs); !r)
            return r.error();
        if (auto r = set("statement_timeout", m_options.statementTimeoutMs); !r)
            return r.error();
        m_canceller.arm(db);
    } else if (m_options.statementTimeoutMs >= 0) {
        emit notice(tr("SQLite has no statement timeout; --statement-timeout is ignored"));
    }
    return {};
}

Result<QStringList> Executor::versionRows()
{
    if (!m_versions)
        return Error::at({}, 0, tr("not connected"));
    return m_versions->rows();
}

Result<void> Executor::ensureTables()
{
    return createUnderSchemaLock([this]() -> Result<void> {
        if (auto r = m_versions->createIfMissing(); !r)
            return r;
        return m_history->createIfMissing();
    });
}

Result<void> Executor::ensureHistoryTable()
{
    return createUnderSchemaLock([this] { return m_history->createIfMissing(); });
}

Result<void> Executor::createUnderSchemaLock(const std::function<Result<void>()> &create)
{
    QSqlDatabase db = database();
    // PostgreSQL: one runner at a time creates Retort's schema (see the
    // resource for why the lock is the session's, around the transaction).
    const bool postgres = m_settings.dialect == Dialect::PostgreSQL;
    if (postgres) {
        QSqlQuery lock(db);
        if (!lock.exec(sqlResource(QStringLiteral("history_schema_lock"), Dialect::PostgreSQL)))
            return sqlError(tr("cannot create the version and history tables"), lock.lastError());
    }
    const auto unlock = qScopeGuard([&] {
        if (postgres)
            QSqlQuery(db).exec(sqlResource(QStringLiteral("history_schema_unlock"), Dialect::PostgreSQL));
    });
    if (!db.transaction())
        return sqlError(tr("cannot start a transaction"), db.lastError());
    if (auto r = create(); !r) {
        db.rollback();
        return r.error();
    }
    if (!db.commit())
        return sqlError(tr("cannot create the version and history tables"), db.lastError());
    return {};
}

Result<void> Executor::checkIncomplete(const QList<PreparedStep> &steps)
{
    if (m_options.retryIncomplete)
        return {};
    for (const PreparedStep &step : steps) {
        if (step.transactional)
            continue;
        Result<QList<HistoryEntry>> entries = m_history->entries(step.revisionId);
        if (!entries)
            return entries.error();
        if (entries->isEmpty())
            continue;
        const HistoryEntry &last = entries->last();
        const bool unfinished = last.outcome == HistoryOutcome::Running ||
            (last.outcome != HistoryOutcome::Succeeded && last.statementsDone > 0);
        if (last.action != actionOf(step.direction) || !unfinished)
            continue;
        Error error = Error::at(step.filePath, 0,
            tr("revision %1 (transactional: false) did not finish when it last ran (%2 on %3 by %4: %5): %6 of its "
               "statements completed and their changes are still in the database. Check them; then either undo them "
               "and run again with --retry-incomplete, or finish the migration by hand and mark it done with "
               "\"retort-cli stamp %1\"")
                .arg(step.revisionId, historyActionName(last.action),
                    last.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")), last.osUser,
                    last.outcome == HistoryOutcome::Running ? tr("interrupted") : historyOutcomeName(last.outcome))
                .arg(qMax(0, last.statementsDone)));
        error.revision = step.revisionId;
        return error;
    }
    return {};
}

ExecutionReport Executor::run(const MigrationPlan &plan)
{
    ExecutionReport report;
    report.versionRows = plan.versionRowsBefore;
    if (!m_connection || !m_lock)
        return fail(report, StepFailure { Error::at({}, 0, tr("not connected")) });

    Result<QStringList> rows = versionRows();
    if (!rows)
        return fail(report, StepFailure { rows.error() });
    QStringList expected = plan.versionRowsBefore;
    expected.sort();
    if (*rows != expected) {
        report.versionRows = *rows;
        return fail(report,
            StepFailure { Error::at({}, 0,
                tr("the database is at %1, but the plan starts from %2: another run changed it since the plan was "
                   "made; make the plan again")
                    .arg(versionRowsText(*rows), versionRowsText(expected))) });
    }

    Result<QList<PreparedStep>> steps = prepareSteps(m_project.graph, plan, m_settings.dialect);
    if (!steps) {
        StepFailure failure { steps.error() };
        failure.badInput = true;
        return fail(report, failure);
    }
    if (steps->isEmpty())
        return report;
    for (const PreparedStep &step : std::as_const(*steps)) {
        if (m_project.graph.revision(step.revision).format == RevisionFormat::Alembic) {
            return fail(report,
                StepFailure { Error::at(step.filePath, 0,
                    tr("revision %1 is an Alembic (Python) migration, which Retort runs through Alembic, not "
                       "itself")
                        .arg(step.revisionId)) });
        }
    }
    if (auto r = ensureTables(); !r)
        return fail(report, StepFailure { r.error() });
    if (auto r = checkIncomplete(*steps); !r)
        return fail(report, StepFailure { r.error() });

    for (int i = 0; i < steps->size(); ++i) {
        const PreparedStep &step = steps->at(i);
        if (m_canceller.isCancelled()) {
            StepFailure stopped;
            stopped.error = Error::at(step.filePath, 0, tr("stopped before revision %1 started").arg(step.revisionId));
            stopped.error.revision = step.revisionId;
            stopped.step = i;
            report.outcome = ExecutionReport::Outcome::Cancelled;
            report.failure = stopped;
            readBack(report);
            return report;
        }
        // A PostgreSQL transactional step checks the lock inside its own
        // transaction (runPipelined); the others before they start.
        if (!(step.transactional && m_settings.dialect == Dialect::PostgreSQL)) {
            if (auto held = m_lock->check(); !held) {
                StepFailure lost { held.error() };
                lost.step = i;
                return fail(report, lost);
            }
        }
        emit stepStarted(i);
        QElapsedTimer timer;
        timer.start();
        std::optional<StepFailure> failure = !step.transactional ? runAutocommit(i, step)
            : m_settings.dialect == Dialect::PostgreSQL          ? runPipelined(i, step)
                                                                 : runTransactional(i, step);
        if (failure) {
            failure->step = i;
            report.outcome =
                m_canceller.isCancelled() ? ExecutionReport::Outcome::Cancelled : ExecutionReport::Outcome::Failed;
            report.failure = failure;
            readBack(report);
            return report;
        }
        ++report.stepsCompleted;
        report.versionRows = step.versionRowsAfter;
        emit stepFinished(i, timer.elapsed());
    }
    readBack(report);
    return report;
}

ExecutionReport Executor::fail(ExecutionReport report, StepFailure failure)
{
    report.outcome = ExecutionReport::Outcome::Failed;
    report.failure = std::move(failure);
    if (m_connection)
        readBack(report);
    return report;
}

HistoryEntry Executor::historyEntry(const PreparedStep &step, HistoryOutcome outcome) const
{
    HistoryEntry entry;
    entry.revision = step.revisionId;
    entry.action = actionOf(step.direction);
    entry.outcome = outcome;
    entry.checksum = step.checksum;
    entry.script = step.script;
    entry.scriptPath = QDir(m_project.directory).relativeFilePath(step.filePath);
    entry.versionAfter = step.versionRowsAfter;
    entry.osUser = m_osUser;
    entry.startedAt = m_stepStart;
    entry.toolVersion = m_options.toolVersion;
    return entry;
}

void Executor::recordFailure(const PreparedStep &step, const StepFailure &failure, qint64 durationMs)
{
    HistoryEntry entry =
        historyEntry(step, m_canceller.isCancelled() ? HistoryOutcome::Cancelled : HistoryOutcome::Failed);
    entry.versionAfter = step.versionRowsBefore;
    entry.durationMs = durationMs;
    entry.error = failure.error.toString();
    QSqlDatabase db = database();
    if (!isConnectionBroken(db)) {
        // Made again when a second cancel request hits it (see isQueryCanceled()).
        if (Result<qint64> written = m_history->record(entry); !written && isQueryCanceled(written.error()))
            (void)m_history->record(entry);
        return;
    }
    const QSqlDatabase lockDb = m_lock->connection();
    if (lockDb.isValid() && !isConnectionBroken(lockDb)) {
        const HistoryTable viaLock(
            lockDb, m_settings.dialect, m_project.settings.versionTableSchema, m_project.settings.historyTable);
        (void)viaLock.record(entry);
    }
}

void Executor::readBack(ExecutionReport &report)
{
    Result<QStringList> rows = Error();
    if (!isConnectionBroken(database())) {
        rows = m_versions->rows();
    } else {
        // The migration connection is gone; a new one tells what the server
        // kept (a lost COMMIT may or may not have happened).
        auto fresh = DatabaseConnection::open(m_settings);
        if (fresh) {
            const VersionTableWriter reader((*fresh)->database(), m_settings.dialect,
                m_project.settings.versionTableSchema, m_project.settings.versionTable);
            rows = reader.rows();
        }
    }
    report.versionRowsKnown = rows.ok();
    if (rows)
        report.versionRows = *rows;
}

QStringList Executor::invalidIndexes()
{
    if (m_settings.dialect != Dialect::PostgreSQL)
        return {};
    QSqlDatabase db = database();
    if (isConnectionBroken(db))
        db = m_lock->connection();
    if (!db.isValid() || isConnectionBroken(db))
        return {};
    QSqlQuery query(db);
    QStringList names;
    if (query.exec(sqlResource(QStringLiteral("invalid_indexes"), Dialect::PostgreSQL))) {
        while (query.next())
            names.append(query.value(0).toString());
    }
    return names;
}

Result<void> Executor::stamp(const QStringList &before, const QStringList &after, const QString &target)
{
    Result<QStringList> rows = versionRows();
    if (!rows)
        return rows.error();
    QStringList expected = before;
    expected.sort();
    if (*rows != expected) {
        return Error::at({}, 0,
            tr("the database is at %1, not at %2 as when the stamp was planned; try again")
                .arg(versionRowsText(*rows), versionRowsText(expected)));
    }
    if (auto r = ensureTables(); !r)
        return r.error();
    QElapsedTimer timer;
    timer.start();
    QSqlDatabase db = database();
    if (!db.transaction())
        return sqlError(tr("cannot start a transaction"), db.lastError());
    if (auto r = m_versions->change(before, after); !r) {
        db.rollback();
        return r.error();
    }
    HistoryEntry entry;
    entry.revision = target;
    entry.action = HistoryAction::Stamp;
    entry.outcome = HistoryOutcome::Succeeded;
    entry.versionAfter = after;
    entry.osUser = m_osUser;
    entry.startedAt = QDateTime::currentDateTimeUtc();
    entry.durationMs = timer.elapsed();
    entry.toolVersion = m_options.toolVersion;
    if (auto r = m_history->record(entry); !r) {
        db.rollback();
        return r.error();
    }
    if (!db.commit())
        return sqlError(tr("COMMIT failed"), db.lastError());
    return {};
}

Result<void> Executor::recordEvent(
    HistoryAction action, HistoryOutcome outcome, const QString &path, qint64 durationMs, const QString &error)
{
    if (auto r = ensureHistoryTable(); !r)
        return r.error();
    Result<QStringList> rows = versionRows();
    HistoryEntry entry;
    entry.revision = rows && !rows->isEmpty() ? rows->join(QLatin1Char(' ')) : QStringLiteral("base");
    entry.action = action;
    entry.outcome = outcome;
    entry.scriptPath = path;
    entry.versionAfter = rows ? *rows : QStringList();
    entry.osUser = m_osUser;
    entry.startedAt = QDateTime::currentDateTimeUtc().addMSecs(-durationMs);
    entry.durationMs = durationMs;
    entry.error = error;
    entry.toolVersion = m_options.toolVersion;
    Result<qint64> id = m_history->record(entry);
    if (!id)
        return id.error();
    return {};
}

} // namespace Retort
