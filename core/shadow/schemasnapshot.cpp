#include "schemasnapshot.h"

#include "db/databaseconnection.h"
#include "db/retortschema.h"
#include "db/sqlerror.h"
#include "schema/canonicalddl.h"
#include "schema/schemaintrospector.h"
#include "sql/sqlresource.h"
#include "sql/statementsplitter.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::SchemaSnapshot", text);
}

// The schema engine reads the catalogs (in a read-only transaction) and
// writes its canonical DDL: the same text the diff, drift --sql and
// autogenerate judge by, owners left out (as a shadow's objects belong to
// whoever replays them), privileges kept.
Result<QString> readPostgresSchema(const ConnectionSettings &settings, const ProjectSettings &names)
{
    Result<SchemaModel> model = readSchemaModel(settings, names);
    if (!model)
        return Error::at(
            {}, 0, tr("cannot read the schema of %1: %2").arg(settings.displayName(), model.error().message));
    return CanonicalDdl::write(*model);
}

Result<QString> readSqliteSchema(const ConnectionSettings &settings, const ProjectSettings &names)
{
    // Retort's own file stays out: the schema is the application's, and a
    // runner may hold that file's write lock (the shadow's replay does).
    auto connection = DatabaseConnection::open(settings, DatabaseConnection::RetortTables::Left);
    if (!connection)
        return connection.error();
    QSqlQuery query((*connection)->database());
    query.prepare(sqlResource(QStringLiteral("schema_objects"), Dialect::SQLite));
    query.addBindValue(names.versionTable);
    query.addBindValue(names.historyTable);
    if (!query.exec())
        return sqlError(tr("cannot read the schema of %1").arg(settings.displayName()), query.lastError());
    // ALTER TABLE ... RENAME TO (how a table is rebuilt) stores the new
    // name quoted: CREATE TABLE "people" (...). The same table made by
    // CREATE TABLE people (...) is the same schema.
    static const QRegularExpression quotedName(QStringLiteral(R"re(^CREATE TABLE "([A-Za-z_][A-Za-z0-9_]*)")re"));
    QString schema;
    while (query.next()) {
        QString statement = query.value(0).toString().trimmed();
        statement.replace(quotedName, QStringLiteral("CREATE TABLE \\1"));
        schema += statement + QStringLiteral(";\n\n");
    }
    schema.chop(schema.isEmpty() ? 0 : 1);
    return schema;
}

} // namespace

Result<QString> readSchema(const ConnectionSettings &settings, const ProjectSettings &names)
{
    return settings.dialect == Dialect::PostgreSQL ? readPostgresSchema(settings, names)
                                                   : readSqliteSchema(settings, names);
}

Result<SchemaModel> readSchemaModel(const ConnectionSettings &settings, const ProjectSettings &names)
{
    auto connection = DatabaseConnection::open(settings, DatabaseConnection::RetortTables::Left);
    if (!connection)
        return connection.error();
    return SchemaIntrospector(projectSchemaFilter(names)).read((*connection)->database());
}

SchemaFilter projectSchemaFilter(const ProjectSettings &names)
{
    SchemaFilter filter;
    filter.excludedSchemas = { retortSchema() };
    filter.excludedTables = { names.versionTable, names.historyTable };
    return filter;
}

QString schemaSnapshotFormat(Dialect dialect)
{
    return dialect == Dialect::PostgreSQL ? QStringLiteral("canonical-ddl-1") : QStringLiteral("sqlite-schema-3");
}

Result<void> loadSchema(const QSqlDatabase &db, Dialect dialect, const QString &schema)
{
    Result<QList<SqlStatement>> statements = StatementSplitter::split(schema, dialect);
    if (!statements)
        return statements.error();
    QSqlDatabase connection = db;
    if (!connection.transaction())
        return sqlError(tr("cannot start a transaction"), connection.lastError());
    QSqlQuery query(connection);
    if (dialect == Dialect::PostgreSQL &&
        !query.exec(sqlResource(QStringLiteral("snapshot_load_settings"), Dialect::PostgreSQL))) {
        connection.rollback();
        return sqlError(tr("cannot prepare the shadow for a snapshot"), query.lastError());
    }
    for (const SqlStatement &statement : std::as_const(*statements)) {
        if (!query.exec(statement.text)) {
            Error error =
                sqlError(tr("cannot load a cached schema snapshot (line %1)").arg(statement.line), query.lastError());
            connection.rollback();
            return error;
        }
    }
    query.clear();
    if (!connection.commit())
        return sqlError(tr("cannot load a cached schema snapshot"), connection.lastError());
    return {};
}

} // namespace Retort
