#include "livechecks.h"

#include "lintcontext.h"
#include "sql/sqlresource.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <functional>
#include <limits>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::LiveChecks", text);
}

// The plural forms of `text` for n (see util/englishplurals.h).
QString tr(const char *text, int n)
{
    return QCoreApplication::translate("Retort::LiveChecks", text, nullptr, n);
}

QString count(qint64 n)
{
    return QLocale::c().toString(n);
}

QString columnList(const QStringList &columns, const QString &prefix = {})
{
    QStringList quoted;
    for (const QString &column : columns)
        quoted.append(prefix + quoteIdentifier(column));
    return quoted.join(QLatin1String(", "));
}

QString notNullList(const QStringList &columns, const QString &prefix = {})
{
    QStringList conditions;
    for (const QString &column : columns)
        conditions.append(prefix + quoteIdentifier(column) + QLatin1String(" IS NOT NULL"));
    return conditions.join(QLatin1String(" AND "));
}

} // namespace

QString quotedTableName(const QString &table)
{
    const qsizetype dot = table.indexOf(QLatin1Char('.'));
    return dot < 0 ? quoteIdentifier(table) : qualifiedTableName(table.left(dot), table.mid(dot + 1));
}

LiveChecks::LiveChecks(QSqlDatabase database, const LiveCheckOptions &options)
    : m_database(std::move(database))
    , m_options(options)
{ }

Result<QVariantList> LiveChecks::readOnly(const QString &sql, const QVariantList &values)
{
    if (!m_database.transaction())
        return Error::at({}, 0, m_database.lastError().text());
    QSqlQuery query(m_database);
    QVariantList row;
    Error error;
    const auto run = [&](const QString &text, const QVariantList &bound) {
        // Without values, no prepare: a '?' in a migration's CHECK
        // expression (jsonb's operator) is not a placeholder.
        if (bound.isEmpty())
            return query.exec(text);
        // Qt looks for '?' outside quotes, so the resources with values
        // keep apostrophes out of their comments.
        if (!query.prepare(text))
            return false;
        for (const QVariant &value : bound)
            query.addBindValue(value);
        return query.exec();
    };
    if (!run(sqlResource(QStringLiteral("lint_read_only.postgresql")), {}) ||
        !run(sqlResource(QStringLiteral("lint_timeout.postgresql")),
            { QString::number(m_options.statementTimeoutMs) }) ||
        !run(sql, values)) {
        error = Error::at({}, 0, query.lastError().databaseText().trimmed());
    } else if (query.next()) {
        for (int i = 0; i < query.record().count(); ++i)
            row.append(query.value(i));
    }
    query.finish();
    m_database.rollback();
    if (!error.message.isEmpty())
        return error;
    return row;
}

Result<int> LiveChecks::serverMajorVersion()
{
    Result<QVariantList> row = readOnly(sqlResource(QStringLiteral("server_version_num.postgresql")));
    if (!row)
        return row.error();
    if (row->isEmpty())
        return Error::at({}, 0, tr("the server did not say its version"));
    return row->first().toInt() / 10000;
}

LiveChecks::TableFacts LiveChecks::tableFacts(const QString &table)
{
    const auto cached = m_tables.constFind(table);
    if (cached != m_tables.constEnd())
        return *cached;
    TableFacts facts;
    const QString name = quotedTableName(table);
    Result<QVariantList> size = readOnly(sqlResource(QStringLiteral("lint_table_size.postgresql")), { name });
    if (size && size->size() == 2) {
        facts.exists = true;
        facts.rows = size->at(0).toLongLong();
        facts.bytes = size->at(1).toLongLong();
    }
    if (facts.exists) {
        // Several rows: read them in one read-only transaction of their own.
        if (m_database.transaction()) {
            QSqlQuery query(m_database);
            query.exec(sqlResource(QStringLiteral("lint_read_only.postgresql")));
            query.prepare(sqlResource(QStringLiteral("lint_lock_holders.postgresql")));
            query.addBindValue(name);
            if (query.exec()) {
                while (query.next()) {
                    const QString state = query.value(2).toString();
                    facts.blockers.append(
                        tr("session %1 (%2, %3) %4 %5 for %6 s: %7")
                            .arg(query.value(0).toString(), query.value(1).toString(),
                                state.isEmpty() ? tr("no state") : state,
                                query.value(4).toBool() ? tr("holds") : tr("waits for"), query.value(3).toString(),
                                query.value(5).toString(), query.value(6).toString()));
                }
            }
            query.finish();
            m_database.rollback();
        }
    }
    m_tables.insert(table, facts);
    return facts;
}

void LiveChecks::dataCheck(LintFinding &finding, const TableFacts &facts, bool &remove)
{
    const LintDataCheck &check = finding.dataCheck;
    const QString table = quotedTableName(check.table);
    if (check.kind == LintDataCheck::TypeChange) {
        Result<QVariantList> row = readOnly(sqlResource(QStringLiteral("lint_column_type.postgresql")),
            { quotedTableName(check.table), check.columns.value(0) });
        if (!row || row->size() != 2)
            return;
        LintColumnType current { row->at(0).toString(), {} };
        for (const QString &modifier : row->at(1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            current.modifiers.append(modifier.toInt());
        if (lintBinaryCompatible(current, { check.newType, check.newTypeModifiers })) {
            remove = true;
            return;
        }
        finding.live.dataCheck = tr("the column is %1 now: the change rewrites the table").arg(current.name);
        return;
    }
    if (check.kind == LintDataCheck::AnyRows) {
        // One row read at most: no threshold needed.
        Result<QVariantList> row =
            readOnly(sqlResource(QStringLiteral("lint_any_rows.postgresql"), { { QStringLiteral("table"), table } }));
        if (!row) {
            finding.live.note = tr("data check failed: %1").arg(row.error().message);
        } else if (!row->isEmpty()) {
            finding.live.dataCheckFails = row->first().toBool();
            finding.live.dataCheck = finding.live.dataCheckFails ? tr("the table has rows: the statement will fail")
                                                                 : tr("the table is empty: the statement will succeed");
        }
        return;
    }
    if (facts.bytes > m_options.scanLimitBytes) {
        finding.live.note =
            tr("data check skipped: the table is %1, above the %2 limit for scans (--scan-limit)")
                .arg(QLocale::c().formattedDataSize(facts.bytes, 1, QLocale::DataSizeTraditionalFormat),
                    QLocale::c().formattedDataSize(m_options.scanLimitBytes, 1, QLocale::DataSizeTraditionalFormat));
        return;
    }
    QString sql;
    // What is counted, in the numerus form for n rows ("no rows", "1 row").
    std::function<QString(int)> what;
    const QString limit = QString::number(m_options.countLimit);
    switch (check.kind) {
    case LintDataCheck::Nulls:
        sql = sqlResource(QStringLiteral("lint_nulls.postgresql"),
            { { QStringLiteral("table"), table }, { QStringLiteral("column"), quoteIdentifier(check.columns.value(0)) },
                { QStringLiteral("limit"), limit } });
        what = [column = check.columns.value(0)](int n) { return tr("row(s) with NULL in %1", n).arg(column); };
        break;
    case LintDataCheck::Duplicates:
        if (check.columns.isEmpty())
            return;
        sql = sqlResource(QStringLiteral("lint_duplicates.postgresql"),
            { { QStringLiteral("table"), table }, { QStringLiteral("columns"), columnList(check.columns) },
                { QStringLiteral("not_null"), notNullList(check.columns) }, { QStringLiteral("limit"), limit } });
        what = [columns = check.columns.join(QLatin1String(", "))](
                   int n) { return tr("duplicated value(s) of (%1)", n).arg(columns); };
        break;
    case LintDataCheck::Orphans: {
        if (check.columns.isEmpty() || check.columns.size() != check.referencedColumns.size())
            return;
        QStringList join;
        for (qsizetype i = 0; i < check.columns.size(); ++i)
            join.append(QLatin1String("parent.") + quoteIdentifier(check.referencedColumns.at(i)) +
                QLatin1String(" = child.") + quoteIdentifier(check.columns.at(i)));
        sql = sqlResource(QStringLiteral("lint_orphans.postgresql"),
            { { QStringLiteral("table"), table },
                { QStringLiteral("referenced"), quotedTableName(check.referencedTable) },
                { QStringLiteral("not_null"), notNullList(check.columns, QStringLiteral("child.")) },
                { QStringLiteral("join"), join.join(QLatin1String(" AND ")) }, { QStringLiteral("limit"), limit } });
        what = [columns = check.columns.join(QLatin1String(", ")), parent = check.referencedTable](
                   int n) { return tr("row(s) whose %1 has no row in %2", n).arg(columns, parent); };
        break;
    }
    case LintDataCheck::CheckViolations:
        sql = sqlResource(QStringLiteral("lint_check_violations.postgresql"),
            { { QStringLiteral("table"), table }, { QStringLiteral("expression"), check.expression },
                { QStringLiteral("limit"), limit } });
        what = [expression = check.expression](int n) { return tr("row(s) violating CHECK (%1)", n).arg(expression); };
        break;
    default:
        return;
    }
    Result<QVariantList> row = readOnly(sql);
    if (!row) {
        finding.live.note = tr("data check failed: %1").arg(row.error().message);
        return;
    }
    const qint64 found = row->value(0).toLongLong();
    finding.live.dataCheckFails = found > 0;
    const QString counted = what(int(std::min<qint64>(found, std::numeric_limits<int>::max())));
    finding.live.dataCheck = found == 0 ? tr("no %1: the statement will succeed").arg(counted)
        : found >= m_options.countLimit ? tr("at least %1 %2: the statement will fail").arg(count(found), counted)
                                        : tr("%1 %2: the statement will fail").arg(count(found), counted);
}

void LiveChecks::annotate(QList<LintFinding> &findings)
{
    QList<LintFinding> kept;
    for (LintFinding &finding : findings) {
        const QString table = !finding.dataCheck.table.isEmpty() ? finding.dataCheck.table : finding.table;
        if (table.isEmpty()) {
            kept.append(finding);
            continue;
        }
        const TableFacts facts = tableFacts(table);
        if (!facts.exists) {
            kept.append(finding);
            continue;
        }
        finding.live.checked = true;
        finding.live.rowEstimate = facts.rows;
        finding.live.totalBytes = facts.bytes;
        finding.live.blockers = facts.blockers;
        bool remove = false;
        if (finding.dataCheck.kind != LintDataCheck::None)
            dataCheck(finding, facts, remove);
        if (!remove)
            kept.append(finding);
    }
    findings = kept;
}

} // namespace Retort
