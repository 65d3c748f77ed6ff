#pragma once

#include "db/connectionsettings.h"
#include "project/project.h"
#include "shadow/schemareplayer.h"

#include <QObject>

#include <optional>

namespace Retort {

// The state of the project whose schema is nearest to a database's.
struct LookAlike {
    QStringList versionRows; // what to stamp
    int differingLines = 0; // 0: the very schema
    QString diff; // from the state's schema to the database's

    bool exact() const { return differingLines == 0; }
};

struct DriftReport {
    QStringList versionRows; // what the database's version table says
    QString expected; // the schema those rows imply (replayed in the shadow)
    QString live; // the database's own schema
    QString diff; // unified diff from expected to live; empty: no drift
    std::optional<LookAlike> lookAlike; // when drifted: the nearest state
    QStringList warnings;

    bool drifted() const { return !diff.isEmpty(); }
};

// Drift: whether a database's schema is the one its version rows imply.
// Reads the database (never writes it); learns the expected schema by
// replaying into the shadow (SchemaReplayer, cached). Blocking.
class DriftCheck : public QObject
{
    Q_OBJECT
public:
    DriftCheck(const Project &project, ShadowOptions options, SnapshotCache cache = SnapshotCache(),
        QObject *parent = nullptr);

    // `rows`: the database's version rows (read by the caller). When it
    // drifted and `findLookAlike`, also looks for the nearest state.
    Result<DriftReport> check(const ConnectionSettings &target, const QStringList &rows, bool findLookAlike = true);
    // Among the states on the way from base to the heads, the one whose
    // schema is nearest to `live`, the first of equals.
    Result<LookAlike> findLookAlike(const QString &live);

    SchemaReplayer &replayer() { return m_replayer; }

private:
    const Project &m_project;
    SchemaReplayer m_replayer;
};

// The number of lines added or removed between two schemas.
int differingLines(const QString &a, const QString &b);

} // namespace Retort
