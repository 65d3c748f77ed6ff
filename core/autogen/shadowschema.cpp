#include "shadowschema.h"

#include "db/retortschema.h"
#include "db/sqlerror.h"
#include "schema/schemaintrospector.h"
#include "shadow/schemasnapshot.h"

#include <QSqlQuery>

namespace Retort {

Result<std::unique_ptr<ShadowSchema>> ShadowSchema::create(const ShadowOptions &options)
{
    Result<std::unique_ptr<ShadowDatabase>> shadow = ShadowDatabase::create(options);
    if (!shadow)
        return shadow.error();
    std::unique_ptr<ShadowSchema> scratch(new ShadowSchema);
    scratch->m_shadow = std::move(*shadow);
    if (auto connected = scratch->connect(); !connected)
        return connected.error();
    return scratch;
}

Result<std::unique_ptr<ShadowSchema>> ShadowSchema::replay(const Project &project, const ShadowOptions &options,
    const MigrationPlan &plan, std::atomic<ShadowSession *> *running)
{
    Result<std::unique_ptr<ShadowDatabase>> shadow = ShadowDatabase::create(options);
    if (!shadow)
        return shadow.error();
    std::unique_ptr<ShadowSchema> scratch(new ShadowSchema);
    scratch->m_session = std::make_unique<ShadowSession>(project, std::move(*shadow));
    if (auto opened = scratch->m_session->open(); !opened)
        return opened.error();
    running->store(scratch->m_session.get());
    const ExecutionReport report = scratch->m_session->run(plan);
    running->store(nullptr);
    if (report.failure)
        return report.failure->error;
    if (auto connected = scratch->connect(); !connected)
        return connected.error();
    return scratch;
}

ShadowSchema::~ShadowSchema()
{
    m_connection.reset(); // before the shadow database is dropped
}

Result<void> ShadowSchema::connect()
{
    auto connection = DatabaseConnection::open(shadow().settings(), DatabaseConnection::RetortTables::Left);
    if (!connection)
        return shadow().explain(connection.error());
    m_connection = std::move(*connection);
    return {};
}

Result<void> ShadowSchema::loadSnapshot(const QString &snapshot)
{
    if (auto loaded = loadSchema(database(), shadow().dialect(), snapshot); !loaded)
        return shadow().explain(loaded.error());
    return {};
}

Result<void> ShadowSchema::execute(const QStringList &statements)
{
    for (const QString &statement : statements) {
        QSqlQuery query(database());
        if (!query.exec(statement))
            return shadow().explain(sqlError(statement, query.lastError()));
    }
    return {};
}

Result<SchemaModel> ShadowSchema::read(const ProjectSettings &names) const
{
    Result<SchemaModel> model = SchemaIntrospector(projectSchemaFilter(names)).read(database());
    if (!model)
        return shadow().explain(model.error());
    return model;
}

} // namespace Retort
