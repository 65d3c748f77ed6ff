#pragma once

#include <QSqlDatabase>

#include <atomic>
#include <mutex>

namespace Retort {

// Cancels the statement running on a PostgreSQL connection through libpq's
// cancel request (PQcancel), the way psql's Ctrl-C does: the server stops
// the statement with SQLSTATE 57014 and the transaction can be rolled back.
//
// cancel() may be called from any thread (not from a signal handler: it
// takes a mutex). The mutex keeps disarm(), on the thread that owns the
// connection, from freeing the cancel request while cancel() sends it.
class QueryCanceller
{
public:
    QueryCanceller() = default;
    ~QueryCanceller();
    QueryCanceller(const QueryCanceller &) = delete;
    QueryCanceller &operator=(const QueryCanceller &) = delete;

    // Prepares a cancel request for `database` (a QPSQL connection; other
    // drivers are ignored and cancel() only raises the flag).
    void arm(const QSqlDatabase &database);
    void disarm();

    // Raises the flag and, when armed, asks the server to cancel.
    void cancel();
    bool isCancelled() const { return m_cancelled.load(); }
    void reset() { m_cancelled.store(false); }

private:
    std::mutex m_mutex;
    void *m_cancel = nullptr; // PGcancel*, under m_mutex
    std::atomic<bool> m_cancelled { false };
};

} // namespace Retort
