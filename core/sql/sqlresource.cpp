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

} // namespace Retort
