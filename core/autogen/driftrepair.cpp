#include "driftrepair.h"

#include "autogen/shadowschema.h"
#include "db/databaseconnection.h"
#include "schema/schemadiff.h"
#include "schema/schemaintrospector.h"
#include "shadow/schemareplayer.h"
#include "shadow/schemasnapshot.h"

namespace Retort {

Result<DriftRepair> repairDrift(const Project &project, const ShadowOptions &options, const ConnectionSettings &target,
    const QStringList &rows, std::atomic<ShadowSession *> *running)
{
    DriftRepair repair;
    repair.versionRows = rows;
    Result<MigrationPlan> path = SchemaReplayer(project, options).pathTo(rows);
    if (!path)
        return path.error();
    Result<std::unique_ptr<ShadowSchema>> expected = ShadowSchema::replay(project, options, *path, running);
    if (!expected)
        return expected.error();
    Result<SchemaModel> expectedModel = (*expected)->read(project.settings);
    if (!expectedModel)
        return expectedModel.error();
    Result<SchemaModel> live = readSchemaModel(target, project.settings);
    if (!live)
        return live.error();
    repair.backToRevision = SchemaDiff::compare(*live, *expectedModel);
    repair.capture = SchemaDiff::compare(*expectedModel, *live);
    return repair;
}

} // namespace Retort
