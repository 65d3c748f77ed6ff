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
    if (PGconn *connection = postgresConnection(database))
        m_cancel.store(PQgetCancel(connection));
}

void QueryCanceller::disarm()
{
    if (void *cancel = m_cancel.exchange(nullptr))
        PQfreeCancel(static_cast<PGcancel *>(cancel));
}

void QueryCanceller::cancel()
{
    m_cancelled.store(true);
    if (void *cancel = m_cancel.load()) {
        char message[256];
        PQcancel(static_cast<PGcancel *>(cancel), message, int(sizeof message));
    }
}

} // namespace Retort
