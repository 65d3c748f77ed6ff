#include "sqlerror.h"

#include "connectionsettings.h"

#include <QRegularExpression>
#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>

namespace Retort {

namespace {

QString rawText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    return text.isEmpty() ? error.driverText().trimmed() : text;
}

} // namespace

Error sqlError(const QSqlError &error)
{
    const QStringList lines = rawText(error).split(QLatin1Char('\n'));
    QStringList kept;
    bool skipCaret = false;
    for (QString line : lines) {
        if (line.startsWith(QLatin1String("LINE "))) {
            skipCaret = true; // the next line is the "^" under the excerpt
            continue;
        }
        if (skipCaret && line.trimmed() == QLatin1String("^")) {
            skipCaret = false;
            continue;
        }
        skipCaret = false;
        for (const QLatin1String prefix : { QLatin1String("ERROR:"), QLatin1String("FATAL:") }) {
            if (line.startsWith(prefix))
                line = line.mid(prefix.size()).trimmed();
        }
        if (!line.trimmed().isEmpty())
            kept.append(line.trimmed());
    }
    // QPSQL appends the SQLSTATE as a last line "(42P01)"; it has a field of its own.
    if (!kept.isEmpty() && kept.last() == QLatin1Char('(') + error.nativeErrorCode() + QLatin1Char(')'))
        kept.removeLast();
    Error result;
    result.message = redactPasswords(kept.join(QLatin1Char('\n')));
    // QPSQL reports the SQLSTATE; QSQLITE a numeric result code, which is
    // not an SQLSTATE and stays out of the field.
    static const QRegularExpression sqlState(QStringLiteral("^[0-9A-Z]{5}$"));
    if (sqlState.match(error.nativeErrorCode()).hasMatch())
        result.sqlState = error.nativeErrorCode();
    return result;
}

Error sqlError(const QString &context, const QSqlError &error)
{
    Error result = sqlError(error);
    result.message = context + QLatin1String(": ") + result.message;
    return result;
}

int statementLineOfError(const QSqlError &error)
{
    static const QRegularExpression line(QStringLiteral("(?:^|\\n)LINE (\\d+):"));
    const QRegularExpressionMatch match = line.match(rawText(error));
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

pg_conn *postgresConnection(const QSqlDatabase &database)
{
    if (!database.driver())
        return nullptr;
    const QVariant handle = database.driver()->handle();
    if (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0)
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

void forwardNotices(const QSqlDatabase &database, std::function<void(const QString &)> *receiver)
{
    PGconn *connection = postgresConnection(database);
    if (!connection)
        return;
    PQsetNoticeProcessor(
        connection,
        [](void *argument, const char *message) {
            auto *forward = static_cast<std::function<void(const QString &)> *>(argument);
            if (forward && *forward)
                (*forward)(QString::fromUtf8(message).trimmed());
        },
        receiver);
}

bool isSqliteBusy(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("5") || code == QLatin1String("6");
}

bool isConnectionBroken(const QSqlDatabase &database)
{
    if (!database.isOpen() || !database.driver())
        return true;
    if (database.driver()->dbmsType() != QSqlDriver::PostgreSQL)
        return false;
    PGconn *connection = postgresConnection(database);
    return !connection || PQstatus(connection) == CONNECTION_BAD;
}

bool isQueryCanceled(const Error &error)
{
    return error.sqlState == QLatin1String("57014");
}

} // namespace Retort
