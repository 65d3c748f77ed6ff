#pragma once

#include <QSqlDatabase>

#include <atomic>

namespace Retort {

// Cancels the statement running on a PostgreSQL connection through libpq's
// cancel request (PQcancel), the way psql's Ctrl-C does: the server stops
// the statement with SQLSTATE 57014 and the transaction can be rolled back.
//
// cancel() may be called from any thread and from a signal handler (it
// only reads an atomic pointer and calls PQcancel, which libpq documents as
// safe there). arm() and disarm() belong to the thread that owns the
// connection; disarm() must not race with cancel() — the owner disarms
// only after it stopped accepting cancels (see Executor).
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
    std::atomic<void *> m_cancel { nullptr }; // PGcancel*
    std::atomic<bool> m_cancelled { false };
};

} // namespace Retort
