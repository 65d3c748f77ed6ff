#pragma once

#include "fleetdatabase.h"

#include <QList>
#include <QStringList>

namespace Retort {

// Where one database of a fleet stands, read without the runner lock.
struct FleetDatabaseStatus {
    bool reachable = false; // connected and read its version table
    QStringList versionRows; // sorted; empty at base
    int pending = -1; // migrations to the target; -1 when unknown (see error)
    QString error; // why it could not be read or planned (unreachable, unknown revision...)
    qint64 durationMs = 0;

    bool ok() const { return error.isEmpty(); }
};

// `fleet status`: every database's version rows and pending count towards
// `target`, read N at a time, each on a connection of its own. A database
// that cannot be reached, or whose revision the project does not know, gets
// its error; the others are read all the same.
class FleetStatus
{
public:
    static FleetDatabaseStatus readOne(const Project &project, const FleetDatabase &database, const QString &target);
    static QList<FleetDatabaseStatus> read(
        const Project &project, const QList<FleetDatabase> &databases, const QString &target, int parallel);
};

} // namespace Retort
