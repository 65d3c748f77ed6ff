#include "historytable.h"

#include "retortschema.h"
#include "sql/sqlresource.h"
#include "sqlerror.h"
#include "util/textfile.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSqlQuery>
#include <QSysInfo>
#include <QVariant>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::HistoryTable", text);
}

struct Name {
    const char *text;
};
constexpr Name kActionNames[] = { { "upgrade" }, { "downgrade" }, { "stamp" }, { "backup" }, { "restore" } };
constexpr Name kOutcomeNames[] = { { "succeeded" }, { "failed" }, { "cancelled" }, { "running" } };

QVariant textOrNull(const QString &text)
{
    return text.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant numberOrNull(qint64 value)
{
    return value < 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(value);
}

} // namespace

QString historyActionName(HistoryAction action)
{
    return QLatin1String(kActionNames[int(action)].text);
}

QString historyOutcomeName(HistoryOutcome outcome)
{
    return QLatin1String(kOutcomeNames[int(outcome)].text);
}

std::optional<HistoryAction> historyActionFromName(const QString &name)
{
    for (int i = 0; i < int(std::size(kActionNames)); ++i) {
        if (name == QLatin1String(kActionNames[i].text))
            return HistoryAction(i);
    }
    return std::nullopt;
}

std::optional<HistoryOutcome> historyOutcomeFromName(const QString &name)
{
    for (int i = 0; i < int(std::size(kOutcomeNames)); ++i) {
        if (name == QLatin1String(kOutcomeNames[i].text))
            return HistoryOutcome(i);
    }
    return std::nullopt;
}

Result<QString> migrationScript(const Revision &revision, Direction direction, Dialect dialect)
{
    QString text;
    if (revision.format == RevisionFormat::Alembic) {
        Result<QString> file = readUtf8File(revision.filePath());
        if (!file)
            return file.error();
        text = *file;
    } else {
        const std::optional<SqlSection> section = revision.section(direction, dialect);
        if (!section)
            return QString();
        text = section->sql();
    }
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    return text.trimmed();
}

QString scriptChecksum(const QString &script)
{
    return QString::fromLatin1(QCryptographicHash::hash(script.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString currentOsUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    if (user.isEmpty())
        user = QStringLiteral("unknown");
    return user + QLatin1Char('@') + QSysInfo::machineHostName();
}

HistoryTable::HistoryTable(QSqlDatabase database, Dialect dialect, const QString &schema, const QString &table)
    : m_database(std::move(database))
    , m_dialect(dialect)
    // Where older versions kept the table, and from where a run moves it:
    // the version table's schema (PostgreSQL) or the database file (SQLite).
    , m_schema(dialect == Dialect::SQLite ? QStringLiteral("main") : schema)
    , m_table(table)
    , m_retortTable(retortTableName(dialect, schema, table))
    , m_qualifiedName(qualifiedTableName(retortSchema(), m_retortTable))
{ }

QString HistoryTable::retortTableName(Dialect dialect, const QString &schema, const QString &table)
{
    if (dialect == Dialect::SQLite || schema.isEmpty() || schema == QLatin1String("public"))
        return table;
    return schema + QLatin1Char('_') + table;
}

namespace {

QList<std::pair<QString, QString>> substitutions(
    const QString &table, const QString &legacyTable, const QString &legacySchema = {}, const QString &name = {})
{
    return { { QStringLiteral("history_table"), table }, { QStringLiteral("schema"), quoteIdentifier(retortSchema()) },
        { QStringLiteral("legacy_table"), legacyTable }, { QStringLiteral("legacy_schema"), legacySchema },
        { QStringLiteral("history_name"), name } };
}

// Whether `schema`.`table` exists (SQLite: in the attached database `schema`).
Result<bool> tableExists(QSqlDatabase database, Dialect dialect, const QString &schema, const QString &table)
{
    const QString name = qualifiedTableName(schema, table);
    QSqlQuery query(database);
    if (dialect == Dialect::SQLite) {
        query.prepare(sqlResource(
            QStringLiteral("table_exists_in"), dialect, { { QStringLiteral("schema"), quoteIdentifier(schema) } }));
        query.addBindValue(table);
    } else {
        query.prepare(sqlResource(QStringLiteral("table_exists"), dialect));
        query.addBindValue(name);
    }
    if (!query.exec() || !query.next())
        return sqlError(tr("cannot look for the history table %1").arg(name), query.lastError());
    return query.value(0).toBool();
}

} // namespace

QString HistoryTable::sql(const QString &name) const
{
    return sqlResource(name, m_dialect,
        substitutions(m_qualifiedName, qualifiedTableName(m_schema, m_table),
            m_schema.isEmpty() ? QString() : quoteIdentifier(m_schema), quoteIdentifier(m_retortTable)));
}

Result<bool> HistoryTable::exists() const
{
    return tableExists(m_database, m_dialect, retortSchema(), m_retortTable);
}

Result<void> HistoryTable::createIfMissing() const
{
    // Only when missing: IF NOT EXISTS alone would make the server send a
    // "skipping" notice on every run.
    Result<bool> present = exists();
    if (!present)
        return present.error();
    if (*present)
        return {};
    QSqlQuery query(m_database);
    const auto run = [&](const QString &resource) -> Result<void> {
        if (!query.exec(sql(resource))) {
            return sqlError(
                tr("cannot create the history table %1 (Retort keeps its tables apart from the application's, so "
                   "that Alembic's autogenerate does not see them)")
                    .arg(m_qualifiedName),
                query.lastError());
        }
        return {};
    };
    if (m_dialect == Dialect::PostgreSQL) {
        if (auto r = run(QStringLiteral("history_schema_create")); !r)
            return r;
    }
    Result<bool> legacy = tableExists(m_database, m_dialect, m_schema, m_table);
    if (!legacy)
        return legacy.error();
    if (!*legacy)
        return run(QStringLiteral("history_create"));
    // An older Retort's table: moved with its rows, all or nothing.
    if (m_dialect == Dialect::PostgreSQL)
        return run(m_retortTable == m_table ? QStringLiteral("history_move") : QStringLiteral("history_move_renamed"));
    if (!query.exec(QStringLiteral("SAVEPOINT retort_history_move")))
        return sqlError(
            tr("cannot move the history table %1").arg(qualifiedTableName(m_schema, m_table)), query.lastError());
    for (const QString &resource :
        { QStringLiteral("history_create"), QStringLiteral("history_copy"), QStringLiteral("history_drop_legacy") }) {
        if (auto r = run(resource); !r) {
            query.exec(QStringLiteral("ROLLBACK TO retort_history_move"));
            query.exec(QStringLiteral("RELEASE retort_history_move"));
            return r;
        }
    }
    if (!query.exec(QStringLiteral("RELEASE retort_history_move")))
        return sqlError(
            tr("cannot move the history table %1").arg(qualifiedTableName(m_schema, m_table)), query.lastError());
    return {};
}

Result<QSqlQuery *> HistoryTable::prepared(std::unique_ptr<QSqlQuery> &slot, const QString &name) const
{
    if (!slot) {
        slot = std::make_unique<QSqlQuery>(m_database);
        if (!slot->prepare(sql(name))) {
            Error error = sqlError(tr("cannot write to the history table %1").arg(m_qualifiedName), slot->lastError());
            slot.reset();
            return error;
        }
    }
    return slot.get();
}

Result<qint64> HistoryTable::record(const HistoryEntry &entry) const
{
    Result<QSqlQuery *> prepared = this->prepared(m_insert, QStringLiteral("history_insert"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    const QVariantList values = { entry.revision, historyActionName(entry.action), historyOutcomeName(entry.outcome),
        textOrNull(entry.checksum), textOrNull(entry.script), textOrNull(entry.scriptPath),
        entry.versionAfter.join(QLatin1Char(' ')), textOrNull(entry.osUser),
        entry.startedAt.toUTC().toString(Qt::ISODateWithMs), numberOrNull(entry.durationMs),
        numberOrNull(entry.statementsDone), textOrNull(entry.error), textOrNull(entry.toolVersion) };
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec() || !query.next()) {
        const Error error =
            sqlError(tr("cannot write to the history table %1").arg(m_qualifiedName), query.lastError());
        query.finish();
        return error;
    }
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
}

PipelinedQuery HistoryTable::stepRecordQuery(const HistoryEntry &entry) const
{
    return { sql(QStringLiteral("history_insert_step")),
        { entry.revision, historyActionName(entry.action), historyOutcomeName(entry.outcome),
            textOrNull(entry.checksum), textOrNull(entry.script), textOrNull(entry.scriptPath),
            entry.versionAfter.join(QLatin1Char(' ')), textOrNull(entry.osUser), numberOrNull(entry.statementsDone),
            textOrNull(entry.error), textOrNull(entry.toolVersion) } };
}

Result<void> HistoryTable::finish(qint64 id, HistoryOutcome outcome, qint64 durationMs, int statementsDone,
    const QString &error, const QStringList &versionAfter) const
{
    Result<QSqlQuery *> prepared = this->prepared(m_finish, QStringLiteral("history_update"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    const QVariantList values = { historyOutcomeName(outcome), numberOrNull(durationMs), numberOrNull(statementsDone),
        textOrNull(error), versionAfter.join(QLatin1Char(' ')), id };
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec())
        return sqlError(tr("cannot write to the history table %1").arg(m_qualifiedName), query.lastError());
    return {};
}

Result<QList<HistoryEntry>> HistoryTable::entries() const
{
    return select(QStringLiteral("history_select"), {});
}

Result<QList<HistoryEntry>> HistoryTable::entries(const QString &revision) const
{
    return select(QStringLiteral("history_select_revision"), revision);
}

Result<std::optional<HistoryEntry>> HistoryTable::lastApplied(const QString &revision) const
{
    Result<QList<HistoryEntry>> rows = entries(revision);
    if (!rows)
        return rows.error();
    for (auto it = rows->crbegin(); it != rows->crend(); ++it) {
        if (it->action == HistoryAction::Upgrade && it->outcome == HistoryOutcome::Succeeded)
            return std::optional<HistoryEntry>(*it);
    }
    return std::optional<HistoryEntry>();
}

Result<QList<HistoryEntry>> HistoryTable::select(const QString &resource, const QString &revision) const
{
    Result<bool> present = exists();
    if (!present)
        return present.error();
    QString table = m_qualifiedName;
    if (!*present) {
        // Not moved yet (only a run moves it): read it where it is.
        Result<bool> legacy = tableExists(m_database, m_dialect, m_schema, m_table);
        if (!legacy)
            return legacy.error();
        if (!*legacy)
            return QList<HistoryEntry>();
        table = qualifiedTableName(m_schema, m_table);
    }
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (!query.prepare(sqlResource(resource, m_dialect, substitutions(table, table))))
        return sqlError(tr("cannot read the history table %1").arg(m_qualifiedName), query.lastError());
    if (!revision.isNull())
        query.addBindValue(revision);
    if (!query.exec())
        return sqlError(tr("cannot read the history table %1").arg(m_qualifiedName), query.lastError());
    QList<HistoryEntry> rows;
    while (query.next()) {
        HistoryEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.revision = query.value(1).toString();
        const QString action = query.value(2).toString();
        const QString outcome = query.value(3).toString();
        const auto knownAction = historyActionFromName(action);
        const auto knownOutcome = historyOutcomeFromName(outcome);
        if (!knownAction || !knownOutcome) {
            return Error::at({}, 0,
                tr("row %1 of the history table %2 has an unknown action \"%3\" or outcome \"%4\"; it was written by "
                   "a newer Retort")
                    .arg(entry.id)
                    .arg(m_qualifiedName, action, outcome));
        }
        entry.action = *knownAction;
        entry.outcome = *knownOutcome;
        entry.checksum = query.value(4).toString();
        entry.script = query.value(5).toString();
        entry.scriptPath = query.value(6).toString();
        entry.versionAfter = query.value(7).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        entry.databaseUser = query.value(8).toString();
        entry.osUser = query.value(9).toString();
        entry.startedAt = QDateTime::fromString(query.value(10).toString(), Qt::ISODateWithMs).toUTC();
        entry.durationMs = query.value(11).isNull() ? -1 : query.value(11).toLongLong();
        entry.statementsDone = query.value(12).isNull() ? -1 : query.value(12).toInt();
        entry.error = query.value(13).toString();
        entry.toolVersion = query.value(14).toString();
        rows.append(entry);
    }
    if (query.lastError().isValid())
        return sqlError(tr("cannot read the history table %1").arg(m_qualifiedName), query.lastError());
    return rows;
}

} // namespace Retort
