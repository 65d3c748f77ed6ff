// BackupRunner for SQLite: VACUUM INTO for a backup, and a restore that
// copies the backup in through ATTACH within one transaction, so that other
// connections never see a half-restored file (replacing the file under them
// would).
#include "backuprunner.h"
#include "db/databaseconnection.h"
#include "db/sqlerror.h"
#include "exec/executor.h"
#include "sql/sqlresource.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::BackupRunner", text);
}

} // namespace

// "ok" from PRAGMA integrity_check, which reads every page, or the first
// problem it finds; the number of tables when sound.
Result<int> BackupRunner::checkSqliteBackup(const QString &path)
{
    ConnectionSettings settings;
    settings.dialect = Dialect::SQLite;
    settings.sqlitePath = path;
    auto connection = DatabaseConnection::open(settings, DatabaseConnection::RetortTables::Left);
    if (!connection)
        return connection.error();
    QSqlQuery query((*connection)->database());
    if (!query.exec(sqlResource(QStringLiteral("backup_integrity"), Dialect::SQLite)) || !query.next())
        return sqlError(tr("cannot read the backup back"), query.lastError());
    const QString verdict = query.value(0).toString();
    if (verdict != QLatin1String("ok"))
        return Error::at(path, 0, tr("the backup is damaged: %1").arg(verdict));
    int tables = 0;
    QSqlQuery objects((*connection)->database());
    if (objects.exec(sqlResource(QStringLiteral("restore_objects"), Dialect::SQLite,
            { { QStringLiteral("schema"), QStringLiteral("main") } }))) {
        while (objects.next())
            tables += objects.value(0).toString() == QLatin1String("table") ? 1 : 0;
    }
    return tables;
}

namespace {

struct SchemaObject {
    QString type;
    QString name;
    QString sql;
};

Result<QList<SchemaObject>> objectsOf(QSqlDatabase db, const QString &schema)
{
    QSqlQuery query(db);
    if (!query.exec(
            sqlResource(QStringLiteral("restore_objects"), Dialect::SQLite, { { QStringLiteral("schema"), schema } })))
        return sqlError(tr("cannot list the objects of %1").arg(schema), query.lastError());
    QList<SchemaObject> objects;
    while (query.next())
        objects.append({ query.value(0).toString(), query.value(1).toString(), query.value(2).toString() });
    return objects;
}

} // namespace

Result<int> BackupRunner::dumpSqlite(const QString &partial)
{
    emit phase(tr("Copying %1 with VACUUM INTO").arg(m_executor.settings().displayName()));
    QSqlQuery query(m_executor.database());
    query.prepare(sqlResource(QStringLiteral("backup_vacuum_into"), Dialect::SQLite));
    query.addBindValue(partial);
    if (!query.exec())
        return sqlError(query.lastError());
    emit phase(tr("Verifying the backup by reading it back"));
    return checkSqliteBackup(partial);
}

Result<void> BackupRunner::restoreSqlite(const RestorePlan &plan)
{
    QSqlDatabase db = m_executor.database();
    QSqlQuery query(db);
    query.prepare(sqlResource(QStringLiteral("restore_attach"), Dialect::SQLite));
    query.addBindValue(plan.file);
    if (!query.exec())
        return sqlError(tr("cannot open the backup"), query.lastError());
    const auto detach = [&] { QSqlQuery(db).exec(sqlResource(QStringLiteral("restore_detach"), Dialect::SQLite)); };

    emit phase(tr("Restoring %1 into %2 in one transaction")
                   .arg(QFileInfo(plan.file).fileName(), m_executor.settings().displayName()));
    Result<QList<SchemaObject>> current = objectsOf(db, QStringLiteral("main"));
    Result<QList<SchemaObject>> saved = objectsOf(db, QStringLiteral("retort_backup"));
    if (!current || !saved) {
        detach();
        return current ? saved.error() : current.error();
    }
    if (!db.transaction()) {
        detach();
        return sqlError(tr("cannot start a transaction"), db.lastError());
    }
    const auto run = [&](const QString &sql) -> Result<void> {
        QSqlQuery statement(db);
        if (!statement.exec(sql))
            return sqlError(
                tr("the restore failed and was rolled back; the database is as it was"), statement.lastError());
        return {};
    };
    Result<void> done;
    // Views and triggers first, then tables (their indexes go with them).
    for (auto it = current->crbegin(); done && it != current->crend(); ++it) {
        if (it->type == QLatin1String("index"))
            continue;
        done = run(sqlResource(QStringLiteral("restore_drop"), Dialect::SQLite,
            { { QStringLiteral("kind"), it->type.toUpper() }, { QStringLiteral("name"), quoteIdentifier(it->name) } }));
    }
    bool hasSequences = false;
    for (const SchemaObject &object : std::as_const(*saved)) {
        if (!done)
            break;
        done = run(object.sql);
        if (done && object.type == QLatin1String("table")) {
            hasSequences = hasSequences || object.sql.contains(QLatin1String("AUTOINCREMENT"), Qt::CaseInsensitive);
            done = run(sqlResource(QStringLiteral("restore_copy_rows"), Dialect::SQLite,
                { { QStringLiteral("name"), quoteIdentifier(object.name) } }));
        }
    }
    if (done && hasSequences) {
        done = run(sqlResource(QStringLiteral("restore_clear_sequences"), Dialect::SQLite));
        if (done)
            done = run(sqlResource(QStringLiteral("restore_sequences"), Dialect::SQLite));
    }
    if (!done) {
        db.rollback();
        detach();
        return done.error();
    }
    if (!db.commit()) {
        detach();
        return sqlError(tr("the restore could not be committed; the database is as it was"), db.lastError());
    }
    detach();
    return {};
}

} // namespace Retort
