#include "db/sqlerror.h"
#include "schemaintrospector.h"
#include "sql/sqlresource.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlQuery>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::SchemaIntrospector", text);
}

// SQLite keeps a CREATE TABLE as written, and writes it again with a quoted
// name when a table is renamed; the model spells the name one way so that a
// rebuilt table reads as the one it replaced.
QString normalizedTableStatement(const QString &sql, const QString &name)
{
    static const QRegularExpression head(QStringLiteral("^CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:\"(?:[^\"]|"
                                                        "\"\")+\"|\\[[^\\]]+\\]|`[^`]+`|[^\\s(]+)\\s*\\("),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = head.match(sql);
    if (!match.hasMatch())
        return sql;
    return QStringLiteral("CREATE TABLE %1 (").arg(quoteName(name)) + sql.mid(match.capturedEnd());
}

} // namespace

Result<SchemaModel> SchemaIntrospector::readSqlite(const QSqlDatabase &database) const
{
    SchemaModel model;
    model.dialect = Dialect::SQLite;
    QSqlQuery version(database);
    if (version.exec(sqlResource(QStringLiteral("sqlite_version"))) && version.next()) {
        const QStringList parts = version.value(0).toString().split(QLatin1Char('.'));
        model.serverVersion = parts.value(0).toInt() * 1000000 + parts.value(1).toInt() * 1000 + parts.value(2).toInt();
    }
    QSqlQuery objects(database);
    objects.setForwardOnly(true);
    if (!objects.exec(sqlResource(QStringLiteral("catalog/sqlite_objects"), Dialect::SQLite)))
        return sqlError(tr("cannot read the schema"), objects.lastError());
    QList<std::tuple<QString, QString, QString, QString>> rows;
    while (objects.next())
        rows.append({ objects.value(0).toString(), objects.value(1).toString(), objects.value(2).toString(),
            objects.value(3).toString() });
    objects.finish();

    const auto keep = [&](const QString &name) { return !m_filter.excludedTables.contains(name); };
    for (const auto &[type, name, table, sql] : std::as_const(rows)) {
        if (type != QLatin1String("table") || !keep(name))
            continue;
        Table entry;
        entry.name = { {}, name };
        entry.definition = normalizedTableStatement(sql, name);
        QSqlQuery columns(database);
        columns.prepare(sqlResource(QStringLiteral("catalog/sqlite_columns"), Dialect::SQLite));
        columns.bindValue(QStringLiteral(":table"), name);
        if (!columns.exec())
            return sqlError(tr("cannot read the columns of %1").arg(name), columns.lastError());
        QStringList key;
        while (columns.next()) {
            Column column;
            column.name = columns.value(0).toString();
            column.type = columns.value(1).toString();
            column.notNull = columns.value(2).toBool();
            column.defaultExpression = columns.value(3).toString();
            if (columns.value(5).toInt() >= 2)
                column.generatedExpression = QStringLiteral("(generated)");
            if (columns.value(4).toInt() > 0)
                key.append(column.name);
            entry.columns.append(column);
        }
        if (!key.isEmpty())
            entry.constraints.append({ QStringLiteral("primary key"), ConstraintType::PrimaryKey,
                QStringLiteral("PRIMARY KEY (%1)").arg(key.join(QLatin1String(", "))), {}, key });
        model.tables.append(entry);
    }
    model.sort();
    for (const auto &[type, name, table, sql] : std::as_const(rows)) {
        if (!keep(table) || type == QLatin1String("table"))
            continue;
        if (type == QLatin1String("view")) {
            View view;
            view.name = { {}, name };
            view.definition = sql;
            model.views.append(view);
        }
    }
    model.sort();
    for (const auto &[type, name, table, sql] : std::as_const(rows)) {
        if (!keep(table) || (type != QLatin1String("index") && type != QLatin1String("trigger")))
            continue;
        Table *owner = nullptr;
        for (Table &candidate : model.tables) {
            if (candidate.name.name == table)
                owner = &candidate;
        }
        View *view = nullptr;
        for (View &candidate : model.views) {
            if (candidate.name.name == table)
                view = &candidate;
        }
        if (type == QLatin1String("index")) {
            if (owner)
                owner->indexes.append({ name, sql });
        } else if (owner) {
            owner->triggers.append({ name, sql, {} });
        } else if (view) {
            view->triggers.append({ name, sql, {} });
        }
    }
    model.sort();
    return model;
}

} // namespace Retort
