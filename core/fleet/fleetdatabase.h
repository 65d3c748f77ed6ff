#pragma once

#include "db/connectionsettings.h"
#include "project/project.h"

#include <QString>

namespace Retort {

// One database of a fleet (see FleetFile): where it is, what it is called,
// and for a tenant schema, which schema holds its tables and version table.
struct FleetDatabase {
    QString name; // unique in the fleet
    QString group; // free text: "tenants", "eu"...; may be empty
    ConnectionSettings connection; // never carries a password from the fleet file
    // A tenant schema in a shared database: the migrations run with this
    // schema first on the search_path, and the version and history tables
    // live in it, so each tenant has its own revision and its own runner
    // lock. Empty: the database as a whole, with the project's settings.
    QString schema;
    QString origin; // "fleet.ini:12": where it was listed, for messages
    // Listed by an entry whose connection is a profile marked production
    // (every database a query on it returns too, to be safe): risky runs
    // ask for typed confirmation.
    bool production = false;

    // The connection the migrations use: for a tenant, search_path set to
    // its schema (libpq's options keyword, so every connection gets it).
    ConnectionSettings migrationConnection() const;
    // The project as this database sees it: for a tenant, the version and
    // history tables in its schema.
    Project projectFor(const Project &project) const;
    // "tenant_a", or "app@db:5432/saas (schema tenant_a)" when unnamed.
    QString displayName() const;
};

} // namespace Retort
