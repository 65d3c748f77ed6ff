#include "sqlresource.h"

#include <QFile>
#include <QHash>
#include <QMutex>

namespace Retort {

QString sqlResource(const QString &name, const QList<std::pair<QString, QString>> &substitutions)
{
    static QMutex mutex;
    static QHash<QString, QString> cache;
    QString text;
    {
        QMutexLocker lock(&mutex);
        auto found = cache.constFind(name);
        if (found == cache.constEnd()) {
            QFile file(QStringLiteral(":/retort/sql/") + name + QStringLiteral(".sql"));
            // A missing resource is a programming error caught by every test
            // that runs the query, not a condition users can meet.
            if (!file.open(QIODevice::ReadOnly))
                qFatal("SQL resource %s is missing", qPrintable(name));
            found = cache.insert(name, QString::fromUtf8(file.readAll()).trimmed());
        }
        text = *found;
    }
    for (const auto &[placeholder, value] : substitutions)
        text.replace(QLatin1Char('{') + placeholder + QLatin1Char('}'), value);
    return text;
}

QString sqlResource(const QString &name, Dialect dialect, const QList<std::pair<QString, QString>> &substitutions)
{
    const QString own = name + QLatin1Char('.') + dialectName(dialect);
    if (QFile::exists(QStringLiteral(":/retort/sql/") + own + QStringLiteral(".sql")))
        return sqlResource(own, substitutions);
    return sqlResource(name, substitutions);
}

QString quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString qualifiedTableName(const QString &schema, const QString &table)
{
    if (schema.isEmpty())
        return quoteIdentifier(table);
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(table);
}

} // namespace Retort
