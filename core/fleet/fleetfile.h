#pragma once

#include "fleetdatabase.h"
#include "util/result.h"

#include <QList>
#include <QString>

namespace Retort {

class IniFile;

// A fleet file: the databases one plan runs on. INI, read with the rules of
// alembic.ini (IniFile: '#' and ';' comments, indented continuation lines,
// %(here)s, '%%' for a literal '%' before '('). One section per entry:
//
//   [database staging]            one database
//   url = postgresql://app@db1/staging
//   group = staging
//
//   [database eu-1]               or a saved connection profile,
//   profile = eu-1                (its password from libpq: ~/.pgpass...)
//
//   [query tenants]               the databases a query returns: columns
//   url = postgresql://ops@db1/catalog    "url" (a URL, or a database name
//   sql = SELECT name, url FROM tenants   on this server), optional "name"
//   group = tenants                       and "group"
//
//   [schemas saas]                tenant schemas in one database, each
//   url = postgresql://app@db1/saas       with its own version table:
//   schemas = tenant_a, tenant_b          listed, or
//   sql = SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant_%'
//
// Passwords are never written in a fleet file (a URL with one is refused):
// libpq finds them in ~/.pgpass, PGPASSFILE or a service file (service=
// in the URL's query). SQLite URLs are relative to the file's folder.
struct FleetEntry {
    enum class Kind { Database, Query, Schemas };
    Kind kind = Kind::Database;
    QString name; // the section's name after its kind
    QString group;
    ConnectionSettings connection; // the database, or where the query runs
    QString sql; // Query, Schemas
    QStringList schemas; // Schemas, when listed
    QString origin; // "file:line" of the section
    bool production = false; // the connection is a profile marked production
};

class FleetFile
{
public:
    // `profileFile`: where connection profiles are read (ProfileStore's
    // default when empty).
    static Result<FleetFile> read(const QString &path, const QString &profileFile = {});
    static Result<FleetFile> parse(const QString &text, const QString &path, const QString &profileFile = {});

    QString path() const { return m_path; }
    const QList<FleetEntry> &entries() const { return m_entries; }

    // Every database, in file order, queries run (each on a connection of
    // its own, closed afterwards). An error names the section and, for a
    // query, the server's message; so does a name used twice.
    Result<QList<FleetDatabase>> databases() const;

private:
    static Result<FleetFile> fromIni(const IniFile &ini, const QString &profileFile);

    QString m_path;
    QList<FleetEntry> m_entries;
};

} // namespace Retort
