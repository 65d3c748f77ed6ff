#pragma once

#include "project/project.h"
#include "schema/schemachange.h"
#include "shadow/shadowdatabase.h"

#include <atomic>

namespace Retort {

class ShadowSession;

// The two ways out of drift that need SQL, from the schema engine: the SQL
// that would bring the database back to the schema its version rows imply
// (shown, never run by Retort), and the migration that records the drift
// as a new revision after them.
struct DriftRepair {
    QStringList versionRows;
    QList<SchemaChange> backToRevision; // the live schema -> the revision's
    QList<SchemaChange> capture; // the revision's schema -> the live one
    bool drifted() const { return !backToRevision.isEmpty() || !capture.isEmpty(); }
};

// Replays the migrations up to `rows` in a shadow (exactly, privileges
// too), reads the target's schema (only reads), and compares both ways.
// `running` is set to the replaying session, for cancelling.
Result<DriftRepair> repairDrift(const Project &project, const ShadowOptions &options, const ConnectionSettings &target,
    const QStringList &rows, std::atomic<ShadowSession *> *running);

} // namespace Retort
