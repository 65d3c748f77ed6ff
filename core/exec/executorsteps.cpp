// How each step of a run executes: in a transaction with its version-table
// change (over a PostgreSQL pipeline, or statement by statement for SQLite),
// or statement by statement without one (transactional: false).
#include "db/databaseconnection.h"
#include "db/pipeline.h"
#include "db/sqlerror.h"
#include "db/versiontablewriter.h"
#include "executor.h"
#include "runlock.h"
#include "sql/sqlresource.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QVariant>

namespace Retort {

namespace {

QList<int> linesOf(const PreparedStep &step, int count)
{
    QList<int> lines;
    for (int i = 0; i < count && i < step.statements.size(); ++i)
        lines.append(step.statements.at(i).line);
    return lines;
}

} // namespace

StepFailure Executor::statementFailure(const PreparedStep &step, int statementIndex, const QSqlError &error)
{
    return statementFailure(step, statementIndex, sqlError(error), statementLineOfError(error));
}

StepFailure Executor::statementFailure(const PreparedStep &step, int statementIndex, Error error, int lineInStatement)
{
    const SqlStatement &statement = step.statements.at(statementIndex);
    StepFailure failure;
    failure.error = std::move(error);
    failure.error.file = step.filePath;
    failure.error.line = statement.line + qMax(0, lineInStatement - 1);
    failure.error.revision = step.revisionId;
    failure.statementIndex = statementIndex;
    failure.statementCount = int(step.statements.size());
    failure.statement = statement.text;
    failure.transactional = step.transactional;
    if (!m_canceller.isCancelled() && isConnectionBroken(database()))
        failure.error.message = tr("the connection to the server was lost: %1").arg(failure.error.message);
    return failure;
}

std::optional<StepFailure> Executor::runTransactional(int index, const PreparedStep &step)
{
    QElapsedTimer timer;
    timer.start();
    m_stepStart = QDateTime::currentDateTimeUtc();
    QSqlDatabase db = database();
    const auto abandon = [&](StepFailure failure) {
        return abandonTransaction(step, std::move(failure), timer.elapsed());
    };
    if (!db.transaction())
        return abandon(StepFailure { sqlError(tr("cannot start a transaction"), db.lastError()) });
    QSqlQuery query(db);
    const int count = int(step.statements.size());
    for (int k = 0; k < count; ++k) {
        if (m_canceller.isCancelled()) {
            StepFailure stopped { Error::at(
                step.filePath, step.statements.at(k).line, tr("stopped before this statement ran")) };
            stopped.statementIndex = k;
            return abandon(stopped);
        }
        emit statementStarted(index, k, count, step.statements.at(k).line);
        if (!query.exec(step.statements.at(k).text))
            return abandon(statementFailure(step, k, query.lastError()));
    }
    query.clear();
    if (auto r = m_versions->change(step.versionRowsBefore, step.versionRowsAfter); !r)
        return abandon(StepFailure { r.error() });
    HistoryEntry entry = historyEntry(step, HistoryOutcome::Succeeded);
    entry.durationMs = timer.elapsed();
    entry.statementsDone = count;
    if (auto r = m_history->record(entry); !r)
        return abandon(StepFailure { r.error() });
    if (!db.commit()) {
        StepFailure failure { sqlError(tr("COMMIT failed"), db.lastError()) };
        failure.error.file = step.filePath;
        return abandon(failure);
    }
    return std::nullopt;
}

std::optional<StepFailure> Executor::runPipelined(int index, const PreparedStep &step)
{
    // One round trip for the step — BEGIN, its statements, the lock check,
    // the version-table change and the history row — and one for COMMIT
    // once every result was checked. On a busy server or network this is
    // what keeps a long upgrade close to running the SQL by hand.
    QElapsedTimer timer;
    timer.start();
    m_stepStart = QDateTime::currentDateTimeUtc();
    QSqlDatabase db = database();
    const int count = int(step.statements.size());
    const auto abandon = [&](StepFailure failure) {
        return abandonTransaction(step, std::move(failure), timer.elapsed());
    };
    if (m_canceller.isCancelled()) {
        StepFailure stopped { Error::at(step.filePath, step.revision >= 0 && count ? step.statements.first().line : 0,
            tr("stopped before this statement ran")) };
        stopped.statementIndex = 0;
        stopped.transactional = true;
        stopped.statementCount = count;
        return stopped;
    }

    QList<PipelinedQuery> queries;
    queries.append({ sqlResource(QStringLiteral("transaction_begin"), Dialect::PostgreSQL), {} });
    for (const SqlStatement &statement : step.statements)
        queries.append({ statement.text, {} });
    const int lockQuery = int(queries.size());
    queries.append({ sqlResource(QStringLiteral("lock_held_by"), Dialect::PostgreSQL),
        { RunLock::kClassId, m_lock->objectIdValue(), m_lock->backendPid() } });
    const int firstChange = int(queries.size());
    QStringList changes;
    queries += m_versions->changeQueries(step.versionRowsBefore, step.versionRowsAfter, &changes);
    const int historyQuery = int(queries.size());
    HistoryEntry entry = historyEntry(step, HistoryOutcome::Succeeded);
    entry.statementsDone = count;
    queries.append(m_history->stepRecordQuery(entry));

    if (count > 0)
        emit statementStarted(index, 0, count, step.statements.first().line);
    Result<QList<PipelinedResult>> results = runPipeline(db, queries, [&](int arrived) {
        const int next = arrived; // query `arrived` is statement arrived - 1; the next one starts
        if (next >= 1 && next < count)
            emit statementStarted(index, next, count, step.statements.at(next).line);
    });
    if (!results)
        return abandon(StepFailure { results.error() });
    for (int q = 0; q < int(results->size()); ++q) {
        const PipelinedResult &result = results->at(q);
        if (result.status == PipelinedResult::Ok)
            continue;
        if (result.status == PipelinedResult::Skipped)
            break;
        if (q >= 1 && q <= count)
            return abandon(statementFailure(step, q - 1, result.error, result.errorLine));
        Error error = result.error;
        if (q == lockQuery)
            error.message = tr("cannot check the migration lock: %1").arg(error.message);
        else if (q >= firstChange && q < historyQuery)
            error.message =
                tr("cannot change the version table %1: %2").arg(m_versions->qualifiedName(), error.message);
        else if (q == historyQuery)
            error.message =
                tr("cannot write to the history table %1: %2").arg(m_history->qualifiedName(), error.message);
        if (!m_canceller.isCancelled() && isConnectionBroken(db))
            error.message = tr("the connection to the server was lost: %1").arg(error.message);
        return abandon(StepFailure { error });
    }
    if (results->value(lockQuery).firstValue != QLatin1String("t")) {
        return abandon(StepFailure { Error::at({}, 0,
            tr("the connection holding the migration lock was lost, so another run could start; the step was rolled "
               "back and the run stops here")) });
    }
    for (int q = firstChange; q < historyQuery; ++q) {
        if (results->at(q).rowsAffected != 1)
            return abandon(StepFailure {
                Error::at({}, 0, m_versions->mismatch(changes.at(q - firstChange), results->at(q).rowsAffected)) });
    }
    // The server ignores a cancel that arrives between two statements of
    // the pipeline (it was reading the next one), so a cancel that came
    // while the step ran is honoured here, before anything is kept.
    if (m_canceller.isCancelled()) {
        StepFailure stopped { Error::at(step.filePath, 0, tr("cancelled; this migration was rolled back")) };
        return abandon(stopped);
    }
    if (!db.commit()) {
        StepFailure failure { sqlError(tr("COMMIT failed"), db.lastError()) };
        failure.error.file = step.filePath;
        return abandon(failure);
    }
    return std::nullopt;
}

StepFailure Executor::abandonTransaction(const PreparedStep &step, StepFailure failure, qint64 durationMs)
{
    QSqlDatabase db = database();
    // Again when a second cancel request hit the ROLLBACK (see isQueryCanceled()).
    if (!isConnectionBroken(db) && !db.rollback() && !isConnectionBroken(db))
        db.rollback();
    failure.transactional = true;
    failure.statementCount = int(step.statements.size());
    if (failure.error.revision.isEmpty())
        failure.error.revision = step.revisionId;
    recordFailure(step, failure, durationMs);
    return failure;
}

std::optional<StepFailure> Executor::runAutocommit(int index, const PreparedStep &step)
{
    QElapsedTimer timer;
    timer.start();
    m_stepStart = QDateTime::currentDateTimeUtc();
    QSqlDatabase db = database();
    const int count = int(step.statements.size());
    const QStringList invalidBefore = invalidIndexes();

    HistoryEntry entry = historyEntry(step, HistoryOutcome::Running);
    entry.versionAfter = step.versionRowsBefore;
    entry.statementsDone = 0;
    Result<qint64> id = m_history->record(entry);
    if (!id) {
        StepFailure failure { id.error() };
        failure.transactional = false;
        return failure;
    }
    // The history row of a step that stopped part way: through the
    // migration connection, or the lock's when the former was lost.
    const auto finishRecord = [&](HistoryOutcome outcome, int done, const QString &error) {
        if (!isConnectionBroken(db)) {
            const auto finish = [&] {
                return m_history->finish(*id, outcome, timer.elapsed(), done, error, step.versionRowsBefore);
            };
            // The row must say how the step ended even when a second cancel
            // request hits this write (see isQueryCanceled()).
            if (Result<void> written = finish(); !written && isQueryCanceled(written.error()))
                (void)finish();
            return;
        }
        const QSqlDatabase lockDb = m_lock->connection();
        if (lockDb.isValid() && !isConnectionBroken(lockDb)) {
            const HistoryTable viaLock(
                lockDb, m_settings.dialect, m_project.settings.versionTableSchema, m_project.settings.historyTable);
            (void)viaLock.finish(*id, outcome, timer.elapsed(), done, error, step.versionRowsBefore);
        }
    };
    const auto stopped = [&](StepFailure failure, int done) {
        failure.transactional = false;
        failure.statementCount = count;
        failure.completedStatementLines = linesOf(step, done);
        if (failure.error.revision.isEmpty())
            failure.error.revision = step.revisionId;
        finishRecord(m_canceller.isCancelled() ? HistoryOutcome::Cancelled : HistoryOutcome::Failed, done,
            failure.error.toString());
        for (const QString &invalid : invalidIndexes()) {
            if (!invalidBefore.contains(invalid)) {
                failure.advice.append(tr("the index %1 was left INVALID: queries do not use it but writes still "
                                         "maintain it; remove it with \"DROP INDEX CONCURRENTLY %1;\" before running "
                                         "the migration again")
                                          .arg(invalid));
            }
        }
        return failure;
    };

    QSqlQuery query(db);
    for (int k = 0; k < count; ++k) {
        if (m_canceller.isCancelled())
            return stopped(StepFailure { Error::at(
                               step.filePath, step.statements.at(k).line, tr("stopped before this statement ran")) },
                k);
        emit statementStarted(index, k, count, step.statements.at(k).line);
        if (!query.exec(step.statements.at(k).text))
            return stopped(statementFailure(step, k, query.lastError()), k);
        // Progress is recorded as it happens, so that a kill leaves the count.
        (void)m_history->finish(*id, HistoryOutcome::Running, -1, k + 1, {}, step.versionRowsBefore);
    }
    query.clear();

    // Every statement ran; the version table and the history row change
    // together, so either both say "applied" or neither does.
    const auto unrecorded = [&](const Error &error) {
        db.rollback();
        StepFailure failure { error };
        failure.error.file = step.filePath;
        failure.advice.append(tr("every statement of revision %1 ran, but the version table could not be updated; "
                                 "once the server is reachable, mark it applied with \"retort-cli stamp %2\"")
                                  .arg(step.revisionId, step.versionRowsAfter.join(QLatin1Char(' '))));
        return stopped(failure, count);
    };
    if (!db.transaction())
        return unrecorded(sqlError(tr("cannot start a transaction"), db.lastError()));
    if (auto r = m_versions->change(step.versionRowsBefore, step.versionRowsAfter); !r)
        return unrecorded(r.error());
    if (auto r = m_history->finish(*id, HistoryOutcome::Succeeded, timer.elapsed(), count, {}, step.versionRowsAfter);
        !r)
        return unrecorded(r.error());
    if (!db.commit())
        return unrecorded(sqlError(tr("COMMIT failed"), db.lastError()));
    return std::nullopt;
}

} // namespace Retort
