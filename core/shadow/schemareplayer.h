#pragma once

#include "exec/executor.h"
#include "graph/plan.h"
#include "project/project.h"
#include "shadow/shadowdatabase.h"
#include "shadow/snapshotcache.h"

#include <QObject>

#include <atomic>
#include <optional>

namespace Retort {

class ShadowSession;

// What a replay learnt about a plan: the schema before it and after each of
// its steps. When a step cannot run in the shadow, `failure` says which
// (its index in the plan, the file and line) and schemaAfter holds the
// steps before it — so a review still shows everything up to it.
struct SchemaReplay {
    std::optional<QString> schemaBefore; // unset when the way to the plan's start failed
    QStringList schemaAfter; // one per step that ran, in plan order
    std::optional<StepFailure> failure; // step: index in the plan; -1 before its first step
    QStringList warnings; // e.g. the shadow runs another PostgreSQL version than the target
    QString shadowDescription; // empty when the cache answered everything
    int stepsReplayed = 0;
    int statesFromCache = 0;

    bool complete(const MigrationPlan &plan) const
    {
        return !failure && schemaBefore && schemaAfter.size() == plan.steps.size();
    }
    QString schemaAtEnd() const
    {
        return schemaAfter.isEmpty() ? schemaBefore.value_or(QString()) : schemaAfter.last();
    }
};

// Learns the schema at any revision by replaying migrations, from an empty
// database or from the nearest cached snapshot on the way, into a shadow
// database (never the target), through the same runners as a real run
// (ShadowSession). Every state it snapshots is cached (SnapshotCache); a
// replay that fails caches only the states before the failure.
//
// Blocking: run it in a worker thread from the GUI. cancel() from any thread.
class SchemaReplayer : public QObject
{
    Q_OBJECT
public:
    SchemaReplayer(const Project &project, ShadowOptions options, SnapshotCache cache = SnapshotCache(),
        QObject *parent = nullptr);
    ~SchemaReplayer() override;

    // The upgrade steps from an empty database to the version rows `rows`.
    Result<MigrationPlan> pathTo(const QStringList &rows) const;
    // The schema before `plan` (at its versionRowsBefore) and after each step.
    SchemaReplay replay(const MigrationPlan &plan);
    // The schema of a database whose version table holds `rows`.
    Result<QString> schemaAt(const QStringList &rows);

    void cancel();

signals:
    // `done` of `total` steps replayed; `what`: the step now running.
    void progress(int done, int total, const QString &what);
    void output(const QString &line);

private:
    const Project &m_project;
    ShadowOptions m_options;
    SnapshotCache m_cache;
    std::atomic<bool> m_cancelled { false };
    std::atomic<ShadowSession *> m_session { nullptr }; // while a replay runs
};

} // namespace Retort
