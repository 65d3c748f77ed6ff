#include "error.h"

namespace Retort {

QString Error::toString() const
{
    QString where = file;
    if (!where.isEmpty() && line > 0)
        where += QLatin1Char(':') + QString::number(line);
    QString text = where.isEmpty() ? message : where + QLatin1String(": ") + message;
    if (!sqlState.isEmpty())
        text += QLatin1String(" [SQLSTATE ") + sqlState + QLatin1Char(']');
    return text;
}

Error Error::at(const QString &file, int line, const QString &message)
{
    Error error;
    error.file = file;
    error.line = line;
    error.message = message;
    return error;
}

} // namespace Retort
