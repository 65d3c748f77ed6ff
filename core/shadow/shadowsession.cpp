#include "shadowsession.h"

#include "alembic/connectionproof.h"
#include "exec/alembicrunner.h"
#include "shadow/schemasnapshot.h"

#include <QCoreApplication>

namespace Retort {

ShadowSession::ShadowSession(const Project &project, std::unique_ptr<ShadowDatabase> shadow, QObject *parent)
    : QObject(parent)
    , m_project(project)
    , m_shadow(std::move(shadow))
{
    ExecutionOptions options;
    options.toolVersion = QCoreApplication::applicationName() + QStringLiteral(" shadow");
    m_executor = std::make_unique<Executor>(m_project, m_shadow->settings(), options);
    connect(m_executor.get(), &Executor::notice, this, &ShadowSession::output);
}

ShadowSession::~ShadowSession()
{
    m_executor.reset(); // disconnect before the shadow database is dropped
}

Result<void> ShadowSession::open()
{
    if (auto r = m_executor->open(); !r)
        return m_shadow->explain(r.error());
    return {};
}

void ShadowSession::cancel()
{
    m_executor->cancel();
}

QString ShadowSession::alembicTargetOf(const MigrationPlan &plan) const
{
    const PlanStep &last = plan.steps.last();
    const Revision &revision = m_project.graph.revision(last.revision);
    if (last.direction == Direction::Upgrade)
        return revision.id;
    return revision.downRevisions.isEmpty() ? QStringLiteral("base") : revision.downRevisions.first();
}

ExecutionReport ShadowSession::run(const MigrationPlan &plan, const QString &alembicTarget)
{
    ExecutionReport report;
    if (m_project.kind == ProjectKind::Alembic && !plan.isEmpty()) {
        AlembicRunner alembic(*m_executor, m_project);
        connect(&alembic, &AlembicRunner::output, this, &ShadowSession::output);
        report = alembic.run(plan, alembicTarget.isEmpty() ? alembicTargetOf(plan) : alembicTarget);
    } else {
        report = m_executor->run(plan);
    }
    if (report.failure)
        report.failure->error = m_shadow->explain(report.failure->error);
    return report;
}

Result<QJsonObject> ShadowSession::connectionProof() const
{
    if (!m_executor->runLock())
        return Error::at({}, 0, tr("the shadow is not open"));
    return ConnectionProof::expected(m_executor->database(), m_executor->settings(), *m_executor->runLock());
}

Result<QString> ShadowSession::snapshot() const
{
    Result<QString> schema = readSchema(m_shadow->settings(), m_project.settings);
    if (!schema)
        return m_shadow->explain(schema.error());
    return schema;
}

Result<void> ShadowSession::restore(const QString &schema, const QStringList &rows)
{
    if (auto r = loadSchema(m_executor->database(), m_shadow->dialect(), schema); !r)
        return m_shadow->explain(r.error());
    if (auto r = m_executor->stamp({}, rows, rows.join(QLatin1Char(' '))); !r)
        return m_shadow->explain(r.error());
    return {};
}

} // namespace Retort
