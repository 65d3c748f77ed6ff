#include "querycanceller.h"

#include "db/sqlerror.h"

#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>

namespace Retort {

QueryCanceller::~QueryCanceller()
{
    disarm();
}

void QueryCanceller::arm(const QSqlDatabase &database)
{
    disarm();
    if (PGconn *connection = postgresConnection(database)) {
        PGcancel *cancel = PQgetCancel(connection);
        const std::lock_guard locker(m_mutex);
        m_cancel = cancel;
    }
}

void QueryCanceller::disarm()
{
    void *cancel = nullptr;
    {
        const std::lock_guard locker(m_mutex);
        std::swap(cancel, m_cancel);
    }
    if (cancel)
        PQfreeCancel(static_cast<PGcancel *>(cancel));
}

void QueryCanceller::cancel()
{
    m_cancelled.store(true);
    const std::lock_guard locker(m_mutex);
    if (m_cancel) {
        char message[256];
        PQcancel(static_cast<PGcancel *>(m_cancel), message, int(sizeof message));
    }
}

} // namespace Retort
