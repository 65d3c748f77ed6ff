#include "sqlerror.h"

#include "connectionsettings.h"

#include <QRegularExpression>

namespace Retort {

Error sqlError(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    for (const QLatin1String prefix : { QLatin1String("ERROR:"), QLatin1String("FATAL:") }) {
        if (text.startsWith(prefix))
            text = text.mid(prefix.size()).trimmed();
    }
    Error result;
    result.message = redactPasswords(text);
    const QString code = error.nativeErrorCode();
    // QPSQL reports the SQLSTATE; QSQLITE a numeric result code, which is
    // not an SQLSTATE and stays out of the field.
    static const QRegularExpression sqlState(QStringLiteral("^[0-9A-Z]{5}$"));
    if (sqlState.match(code).hasMatch())
        result.sqlState = code;
    return result;
}

Error sqlError(const QString &context, const QSqlError &error)
{
    Error result = sqlError(error);
    result.message = context + QLatin1String(": ") + result.message;
    return result;
}

int statementLineOfError(const QString &message)
{
    static const QRegularExpression line(QStringLiteral("(?:^|\\n)LINE (\\d+):"));
    const QRegularExpressionMatch match = line.match(message);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace Retort
