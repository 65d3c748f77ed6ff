#include "versiontablewriter.h"

#include "sql/sqlresource.h"
#include "sqlerror.h"

#include <QCoreApplication>
#include <QSet>
#include <QVariant>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::VersionTableWriter", text);
}

} // namespace

VersionTableWriter::VersionTableWriter(
    QSqlDatabase database, Dialect dialect, const QString &schema, const QString &table)
    : m_database(std::move(database))
    , m_dialect(dialect)
    , m_schema(dialect == Dialect::SQLite ? QString() : schema)
    , m_table(table)
    , m_qualifiedName(qualifiedTableName(m_schema, table))
{ }

VersionTableWriter::~VersionTableWriter() = default;

QString VersionTableWriter::sql(const QString &name) const
{
    return sqlResource(name, m_dialect,
        { { QStringLiteral("version_table"), m_qualifiedName },
            { QStringLiteral("version_pk"), quoteIdentifier(m_table + QLatin1String("_pkc")) } });
}

QString VersionTableWriter::createStatement() const
{
    return withoutLeadingComments(sql(QStringLiteral("version_create")));
}

Result<bool> VersionTableWriter::exists() const
{
    QSqlQuery query(m_database);
    query.prepare(sqlResource(QStringLiteral("table_exists"), m_dialect));
    query.addBindValue(m_dialect == Dialect::SQLite ? m_table : m_qualifiedName);
    if (!query.exec() || !query.next())
        return sqlError(tr("cannot look for the version table %1").arg(m_qualifiedName), query.lastError());
    return query.value(0).toBool();
}

Result<void> VersionTableWriter::createIfMissing() const
{
    // Only when missing: IF NOT EXISTS alone would make the server send a
    // "skipping" notice on every run.
    Result<bool> present = exists();
    if (!present)
        return present.error();
    if (*present)
        return {};
    QSqlQuery query(m_database);
    if (!query.exec(createStatement()))
        return sqlError(tr("cannot create the version table %1").arg(m_qualifiedName), query.lastError());
    return {};
}

Result<QStringList> VersionTableWriter::rows() const
{
    Result<bool> present = exists();
    if (!present)
        return present.error();
    if (!*present)
        return QStringList();
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (!query.exec(sql(QStringLiteral("version_select"))))
        return sqlError(tr("cannot read the version table %1").arg(m_qualifiedName), query.lastError());
    QStringList rows;
    while (query.next())
        rows.append(query.value(0).toString());
    rows.sort();
    return rows;
}

QList<VersionTableWriter::Change> VersionTableWriter::changes(const QStringList &before, const QStringList &after)
{
    QStringList removed;
    QStringList added;
    for (const QString &row : before) {
        if (!after.contains(row))
            removed.append(row);
    }
    for (const QString &row : after) {
        if (!before.contains(row))
            added.append(row);
    }
    removed.sort();
    added.sort();
    // As HeadMaintainer: where one head gives way to another it is moved;
    // extra heads that end are deleted first (a merge), extra heads that
    // begin are inserted last (a branch).
    const qsizetype moved = std::min(removed.size(), added.size());
    QList<Change> result;
    for (qsizetype i = moved; i < removed.size(); ++i)
        result.append({ Change::Delete, removed.at(i), {} });
    for (qsizetype i = 0; i < moved; ++i)
        result.append({ Change::Update, removed.at(i), added.at(i) });
    for (qsizetype i = moved; i < added.size(); ++i)
        result.append({ Change::Insert, {}, added.at(i) });
    return result;
}

Result<void> VersionTableWriter::run(
    QSqlQuery &query, const QString &name, const QVariantList &values, const QString &what)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec())
        return sqlError(tr("cannot %1 in the version table %2").arg(what, m_qualifiedName), query.lastError());
    const int affected = query.numRowsAffected();
    if (affected != 1)
        return Error::at({}, 0, mismatch(what + QLatin1String(" (") + name + QLatin1Char(')'), affected));
    return {};
}

QString VersionTableWriter::mismatch(const QString &what, int affected) const
{
    return tr("expected to %1 exactly one row in the version table %2, but %3 matched: the table was changed by "
              "someone else; nothing of this step was kept")
        .arg(what, m_qualifiedName)
        .arg(affected);
}

QList<PipelinedQuery> VersionTableWriter::changeQueries(
    const QStringList &before, const QStringList &after, QStringList *what) const
{
    QList<PipelinedQuery> queries;
    for (const Change &change : changes(before, after)) {
        switch (change.kind) {
        case Change::Delete:
            queries.append({ sql(QStringLiteral("version_delete")), { change.from } });
            what->append(tr("delete %1").arg(change.from));
            break;
        case Change::Update:
            queries.append({ sql(QStringLiteral("version_update")), { change.to, change.from } });
            what->append(tr("move %1 to %2").arg(change.from, change.to));
            break;
        case Change::Insert:
            queries.append({ sql(QStringLiteral("version_insert")), { change.to } });
            what->append(tr("insert %1").arg(change.to));
            break;
        }
    }
    return queries;
}

Result<void> VersionTableWriter::change(const QStringList &before, const QStringList &after)
{
    const auto prepared = [this](std::unique_ptr<QSqlQuery> &query, const QString &name) -> Result<QSqlQuery *> {
        if (!query) {
            query = std::make_unique<QSqlQuery>(m_database);
            if (!query->prepare(sql(name))) {
                Error error =
                    sqlError(tr("cannot write the version table %1").arg(m_qualifiedName), query->lastError());
                query.reset();
                return error;
            }
        }
        return query.get();
    };
    for (const Change &change : changes(before, after)) {
        Result<void> done;
        switch (change.kind) {
        case Change::Delete: {
            auto query = prepared(m_delete, QStringLiteral("version_delete"));
            if (!query)
                return query.error();
            done = run(**query, QStringLiteral("DELETE %1").arg(change.from), { change.from },
                tr("delete %1").arg(change.from));
            break;
        }
        case Change::Update: {
            auto query = prepared(m_update, QStringLiteral("version_update"));
            if (!query)
                return query.error();
            done = run(**query, QStringLiteral("UPDATE %1 to %2").arg(change.from, change.to),
                { change.to, change.from }, tr("move %1 to %2").arg(change.from, change.to));
            break;
        }
        case Change::Insert: {
            auto query = prepared(m_insert, QStringLiteral("version_insert"));
            if (!query)
                return query.error();
            done =
                run(**query, QStringLiteral("INSERT %1").arg(change.to), { change.to }, tr("insert %1").arg(change.to));
            break;
        }
        }
        if (!done)
            return done.error();
    }
    return {};
}

QStringList VersionTableWriter::changeStatements(const QStringList &before, const QStringList &after) const
{
    QStringList statements;
    for (const Change &change : changes(before, after)) {
        switch (change.kind) {
        case Change::Delete:
            statements.append(
                inlineParameters(sql(QStringLiteral("version_delete")), { sqlStringLiteral(change.from) }));
            break;
        case Change::Update:
            statements.append(inlineParameters(
                sql(QStringLiteral("version_update")), { sqlStringLiteral(change.to), sqlStringLiteral(change.from) }));
            break;
        case Change::Insert:
            statements.append(inlineParameters(sql(QStringLiteral("version_insert")), { sqlStringLiteral(change.to) }));
            break;
        }
    }
    return statements;
}

QString sqlStringLiteral(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString withoutLeadingComments(const QString &sql)
{
    QStringList lines = sql.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && (lines.first().startsWith(QLatin1String("--")) || lines.first().trimmed().isEmpty()))
        lines.removeFirst();
    return lines.join(QLatin1Char('\n'));
}

QString inlineParameters(const QString &sql, const QStringList &literals)
{
    QString result;
    result.reserve(sql.size() + 64);
    qsizetype next = 0;
    bool inString = false;
    for (const QChar c : withoutLeadingComments(sql)) {
        if (c == QLatin1Char('\''))
            inString = !inString;
        if (c == QLatin1Char('?') && !inString && next < literals.size())
            result += literals.at(next++);
        else
            result += c;
    }
    return result;
}

} // namespace Retort
