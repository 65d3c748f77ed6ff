#include "schemasnapshot.h"

#include "backup/passfile.h"
#include "db/databaseconnection.h"
#include "db/retortschema.h"
#include "db/sqlerror.h"
#include "process/processrunner.h"
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

// pg_dump's plain output without what varies between two databases of the
// same schema: comments naming the dump's source, session settings, and
// psql's \restrict lines.
QString normalizedDump(const QString &dump)
{
    QStringList kept;
    bool blank = true;
    for (const QString &line : dump.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("--")) || line.startsWith(QLatin1String("SET ")) ||
            line.startsWith(QLatin1String("SELECT pg_catalog.set_config(")) ||
            line.startsWith(QLatin1String("\\restrict")) || line.startsWith(QLatin1String("\\unrestrict")))
            continue;
        if (line.trimmed().isEmpty()) {
            if (!blank)
                kept.append(QString());
            blank = true;
            continue;
        }
        kept.append(line);
        blank = false;
    }
    while (!kept.isEmpty() && kept.last().isEmpty())
        kept.removeLast();
    return kept.isEmpty() ? QString() : kept.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

Result<QString> readPostgresSchema(const ConnectionSettings &settings, const ProjectSettings &names)
{
    QStringList arguments = { QStringLiteral("--schema-only"), QStringLiteral("--no-owner"),
        QStringLiteral("--no-privileges"), QStringLiteral("--no-tablespaces"), QStringLiteral("--no-publications"),
        QStringLiteral("--no-subscriptions"), QStringLiteral("--no-security-labels") };
    for (const QString &table : { names.versionTable, names.historyTable }) {
        arguments.append(QStringLiteral("--exclude-table=") +
            (names.versionTableSchema.isEmpty() ? table : names.versionTableSchema + QLatin1Char('.') + table));
    }
    // Retort's own schema (the history) is not the application's.
    arguments.append(QStringLiteral("--exclude-schema=") + retortSchema());
    arguments.append(QStringLiteral("--dbname=") + settings.conninfo());
    ProcessRequest request(QStringLiteral("pg_dump"), arguments);
    request.missingHint = tr("install the PostgreSQL client tools (postgresql-client)");
    Result<std::unique_ptr<PassFile>> passFile = PassFile::create(settings);
    if (!passFile)
        return passFile.error();
    (*passFile)->apply(request);
    ProcessRunner runner;
    Result<ProcessOutput> output = runner.run(request);
    if (!output)
        return Error::at(
            {}, 0, tr("cannot read the schema of %1: %2").arg(settings.displayName(), output.error().message));
    return normalizedDump(QString::fromUtf8(output->standardOutput));
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

QString schemaSnapshotFormat(Dialect dialect)
{
    return dialect == Dialect::PostgreSQL ? QStringLiteral("pg_dump-schema-only-2") : QStringLiteral("sqlite-schema-3");
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
