#include "connectionproof.h"

#include "db/sqlerror.h"
#include "exec/runlock.h"
#include "sql/sqlresource.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <sys/stat.h>

namespace Retort::ConnectionProof {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ConnectionProof", text);
}

// The first row of resource `name`, column by column.
Result<QJsonObject> firstRow(QSqlDatabase connection, const QString &name)
{
    QSqlQuery query(connection);
    if (!query.exec(sqlResource(name, Dialect::PostgreSQL)) || !query.next())
        return sqlError(tr("cannot tell where the database is"), query.lastError());
    QJsonObject row;
    const QSqlRecord record = query.record();
    for (int i = 0; i < record.count(); ++i)
        row.insert(record.fieldName(i), query.value(i).isNull() ? QJsonValue() : QJsonValue(query.value(i).toString()));
    return row;
}

} // namespace

Result<QJsonObject> expected(QSqlDatabase connection, const ConnectionSettings &settings, const RunLock &lock)
{
    QJsonObject place;
    if (settings.dialect == Dialect::SQLite) {
        place.insert(QStringLiteral("dialect"), QStringLiteral("sqlite"));
        const QString path = QFileInfo(settings.sqlitePath).canonicalFilePath();
        struct stat status { };
        if (path.isEmpty() || ::stat(QFile::encodeName(path).constData(), &status) != 0)
            return Error::at(settings.sqlitePath, 0, tr("the database file is not there"));
        place.insert(QStringLiteral("path"), path);
        // Numbers as JSON doubles: exact up to 2^53, which device and inode
        // numbers stay below.
        place.insert(QStringLiteral("device"), double(status.st_dev));
        place.insert(QStringLiteral("inode"), double(status.st_ino));
        return place;
    }
    place.insert(QStringLiteral("dialect"), QStringLiteral("postgresql"));
    Result<QJsonObject> identity = firstRow(connection, QStringLiteral("alembic_identity"));
    if (!identity)
        return identity.error();
    for (auto it = identity->begin(); it != identity->end(); ++it)
        place.insert(it.key(), it.value());
    Result<QJsonObject> readable = firstRow(connection, QStringLiteral("alembic_system_identifier_readable"));
    if (readable && readable->value(QStringLiteral("readable")).toString() == QLatin1String("true")) {
        if (Result<QJsonObject> system = firstRow(connection, QStringLiteral("alembic_system_identifier")); system)
            place.insert(QStringLiteral("system_identifier"), system->value(QStringLiteral("system_identifier")));
    }
    QJsonObject held;
    held.insert(QStringLiteral("pid"), lock.backendPid());
    held.insert(QStringLiteral("application_name"), lock.applicationName());
    held.insert(QStringLiteral("classid"), RunLock::kClassId);
    // pg_locks shows the key's second half as an oid: unsigned.
    held.insert(QStringLiteral("objid"), double(quint32(lock.objectIdValue())));
    place.insert(QStringLiteral("lock"), held);
    return place;
}

QString describe(const QJsonObject &place)
{
    if (place.value(QStringLiteral("dialect")).toString() == QLatin1String("sqlite")) {
        const QString path = place.value(QStringLiteral("path")).toString();
        return tr("SQLite file %1").arg(path.isEmpty() ? tr("(in memory)") : QDir::toNativeSeparators(path));
    }
    const QString address = place.value(QStringLiteral("address")).toString();
    QString text = tr("database %1 on %2 port %3")
                       .arg(place.value(QStringLiteral("database")).toString(),
                           address.isEmpty() ? tr("the local socket") : address,
                           place.value(QStringLiteral("port")).toVariant().toString());
    const QString system = place.value(QStringLiteral("system_identifier")).toVariant().toString();
    if (!system.isEmpty())
        text += tr(" (system identifier %1)").arg(system);
    return text;
}

} // namespace Retort::ConnectionProof
