#include "sqlresource.h"

#include <QDirIterator>
#include <QFile>
#include <QMutex>

namespace Retort {

namespace {

const QString kRoot = QStringLiteral(":/retort/sql/");

QString load(const QString &path)
{
    // Read once per process; the executor reads them from worker threads.
    static QMutex mutex;
    static QHash<QString, QString> cache;
    const QMutexLocker locker(&mutex);
    const auto found = cache.constFind(path);
    if (found != cache.cend())
        return *found;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return cache.insert(path, QString()).value();
    return cache.insert(path, QString::fromUtf8(file.readAll()).trimmed()).value();
}

} // namespace

QString SqlResource::text(const QString &name, Dialect dialect, const QHash<QString, QString> &names)
{
    QString sql = load(kRoot + dialectName(dialect) + QLatin1Char('/') + name + QLatin1String(".sql"));
    if (sql.isEmpty())
        sql = load(kRoot + QLatin1String("common/") + name + QLatin1String(".sql"));
    if (sql.isEmpty())
        qFatal("SQL resource %s for %s is missing", qPrintable(name), qPrintable(dialectName(dialect)));
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        sql.replace(QLatin1String("{{") + it.key() + QLatin1String("}}"), it.value());
    return sql;
}

QStringList SqlResource::allNames()
{
    QStringList names;
    QDirIterator it(kRoot, { QStringLiteral("*.sql") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        names.append(path.mid(kRoot.size()));
    }
    names.sort();
    return names;
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
