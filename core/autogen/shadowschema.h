#pragma once

#include "db/databaseconnection.h"
#include "project/projectsettings.h"
#include "schema/schemamodel.h"
#include "shadow/shadowdatabase.h"
#include "shadow/shadowsession.h"

#include <atomic>
#include <memory>

namespace Retort {

// A shadow database (never the target) held open to load a schema into,
// change it and read it back as a model: where autogenerate puts the
// head's schema and the desired one, and `schema dump --revision` a
// revision's. Dropped when the object goes.
class ShadowSchema
{
public:
    static Result<std::unique_ptr<ShadowSchema>> create(const ShadowOptions &options);
    // A shadow brought to the end of `plan` (from an empty database) by the
    // same runners as a real run: exact, where loading a cached snapshot
    // (canonical DDL, which names what the engine does not model only in a
    // comment) may not be. `running` is set
    // to the session while it runs, for cancel().
    static Result<std::unique_ptr<ShadowSchema>> replay(const Project &project, const ShadowOptions &options,
        const MigrationPlan &plan, std::atomic<ShadowSession *> *running);

    ~ShadowSchema();

    QSqlDatabase database() const { return m_connection->database(); }
    const ShadowDatabase &shadow() const { return m_session ? m_session->shadow() : *m_shadow; }

    // Loads a schema snapshot (SchemaReplayer's text).
    Result<void> loadSnapshot(const QString &snapshot);
    // Runs statements one by one (renames).
    Result<void> execute(const QStringList &statements);
    // The schema as a model, without Retort's and Alembic's tables
    // (those `names` names).
    Result<SchemaModel> read(const ProjectSettings &names) const;

private:
    ShadowSchema() = default;

    Result<void> connect();

    std::unique_ptr<ShadowDatabase> m_shadow; // or, when replayed, the session's
    std::unique_ptr<ShadowSession> m_session;
    std::unique_ptr<DatabaseConnection> m_connection; // closed before the shadow is dropped
};

} // namespace Retort
