#pragma once

#include "shadow/driftcheck.h"
#include "shadow/schemareplayer.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace Retort {

// Work in the shadow for the window, on a thread of its own, so that the
// window never waits for it: a replay of a plan (SchemaJob) or a drift
// check (DriftJob). Progress and the result come back as queued signals.
// Deleting a job cancels it and waits for its thread.
class SchemaJob : public QObject
{
    Q_OBJECT
public:
    // The schema before `plan` and after each step (SchemaReplayer).
    SchemaJob(Project project, ShadowOptions options, MigrationPlan plan, QObject *parent = nullptr);
    ~SchemaJob() override;

    void start();
    void cancel() { m_replayer.cancel(); }
    const Project &project() const { return *m_project; }
    const MigrationPlan &plan() const { return m_plan; }

signals:
    void progress(int done, int total, const QString &what);
    void finished(const Retort::SchemaReplay &replay);

private:
    std::unique_ptr<const Project> m_project; // the replayer keeps a reference
    MigrationPlan m_plan;
    SchemaReplayer m_replayer;
    SchemaReplay m_result;
    std::unique_ptr<QThread> m_thread;
};

// What a drift check found, or why it could not tell.
struct DriftOutcome {
    std::optional<DriftReport> report;
    Error error;
};

class DriftJob : public QObject
{
    Q_OBJECT
public:
    // Whether `target` (holding `rows`) drifted; read only (DriftCheck).
    DriftJob(
        Project project, ShadowOptions options, ConnectionSettings target, QStringList rows, QObject *parent = nullptr);
    ~DriftJob() override;

    void start();
    void cancel() { m_drift.replayer().cancel(); }
    const Project &project() const { return *m_project; }

signals:
    void finished(const Retort::DriftOutcome &outcome);

private:
    std::unique_ptr<const Project> m_project;
    ConnectionSettings m_target; // with the session's password, in memory only
    QStringList m_rows;
    DriftCheck m_drift;
    DriftOutcome m_result;
    std::unique_ptr<QThread> m_thread;
};

} // namespace Retort

Q_DECLARE_METATYPE(Retort::SchemaReplay)
Q_DECLARE_METATYPE(Retort::DriftOutcome)
