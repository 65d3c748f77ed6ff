#pragma once

#include "exec/executor.h"
#include "project/project.h"
#include "shadow/shadowdatabase.h"

#include <QJsonObject>
#include <QObject>

#include <memory>

namespace Retort {

// One shadow database and the runner that migrates it: the Executor for
// native projects and AlembicRunner (over the same Executor) for Alembic
// projects — the same runners as a real run, so the shadow learns what a
// real run would do, and its failures read the same (file, line, the
// server's message).
class ShadowSession : public QObject
{
    Q_OBJECT
public:
    ShadowSession(const Project &project, std::unique_ptr<ShadowDatabase> shadow, QObject *parent = nullptr);
    ~ShadowSession() override;

    // Connects to the shadow and takes its runner lock.
    Result<void> open();
    // Runs `plan`, which must start from the shadow's version rows.
    // `alembicTarget`: what `alembic upgrade|downgrade` is given for an
    // Alembic project; empty: worked out from the plan's last step.
    ExecutionReport run(const MigrationPlan &plan, const QString &alembicTarget = {});
    // The shadow's schema now (see readSchema()).
    Result<QString> snapshot() const;
    // Fills the (empty) shadow with a cached schema and sets its version
    // rows, as if the steps leading there had run.
    Result<void> restore(const QString &schema, const QStringList &rows);
    // What the bridge checks that a project's env.py connected to this
    // shadow (ConnectionProof::expected()), for Alembic run here by hand.
    Result<QJsonObject> connectionProof() const;
    // The version rows now.
    Result<QStringList> versionRows() { return m_executor->versionRows(); }

    const ShadowDatabase &shadow() const { return *m_shadow; }
    void cancel();

signals:
    void output(const QString &line); // what the runner says (notices, Alembic's lines)

private:
    QString alembicTargetOf(const MigrationPlan &plan) const;

    const Project &m_project;
    std::unique_ptr<ShadowDatabase> m_shadow;
    std::unique_ptr<Executor> m_executor;
};

} // namespace Retort
