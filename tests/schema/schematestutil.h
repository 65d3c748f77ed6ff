#pragma once

#include "db/connectionsettings.h"
#include "schema/schemamodel.h"

#include <QString>
#include <QStringList>

namespace Retort::Test {

// Databases of the ./dev test server for the schema suites: made empty
// (from template0, which is quick) and dropped when the object goes.
class SchemaDatabases
{
public:
    SchemaDatabases();
    ~SchemaDatabases();
    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }
    // A new empty database; its settings, or an empty name on failure.
    ConnectionSettings create(QString *error);
    ConnectionSettings admin() const { return m_admin; }

private:
    ConnectionSettings m_admin;
    QStringList m_created;
    bool m_valid = false;
    QString m_error;
};

// Runs `sql` (many statements) in one round trip; empty on success, else
// the server's message.
QString executeSql(const ConnectionSettings &settings, const QString &sql);
// Runs a script with psql as a user would (each statement on its own,
// stopping at the first error); empty on success, else psql's stderr.
QString runPsql(const ConnectionSettings &settings, const QString &script);
// pg_dump --schema-only of the database, as it prints it.
QString pgDumpSchema(const ConnectionSettings &settings, QString *error);
// pg_dump --schema-only of the database, without what differs between two
// databases of the same schema (comments, SET lines, blank lines, psql's
// \restrict keys): the independent judge of "same schema".
QString normalizedPgDump(const ConnectionSettings &settings, QString *error);
// The database's schema read by Retort.
SchemaModel readSchema(const ConnectionSettings &settings, QString *error);

} // namespace Retort::Test
