#include "fleetdatabase.h"

namespace Retort {

ConnectionSettings FleetDatabase::migrationConnection() const
{
    ConnectionSettings settings = connection;
    if (schema.isEmpty() || settings.dialect != Dialect::PostgreSQL)
        return settings;
    // The schema name was checked to be a plain identifier (FleetFile), so
    // it needs no quoting inside the options value.
    const QString searchPath = QStringLiteral("-c search_path=") + schema;
    const QString existing = settings.options.value(QStringLiteral("options"));
    settings.options.insert(
        QStringLiteral("options"), existing.isEmpty() ? searchPath : existing + QLatin1Char(' ') + searchPath);
    return settings;
}

Project FleetDatabase::projectFor(const Project &project) const
{
    Project copy = project;
    if (!schema.isEmpty())
        copy.settings.versionTableSchema = schema;
    return copy;
}

QString FleetDatabase::displayName() const
{
    if (!name.isEmpty())
        return name;
    QString text = connection.displayName();
    if (!schema.isEmpty())
        text += QStringLiteral(" (schema %1)").arg(schema);
    return text;
}

} // namespace Retort
