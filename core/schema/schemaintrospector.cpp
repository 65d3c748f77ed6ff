#include "schemaintrospector.h"

#include "db/sqlerror.h"
#include "sql/sqlresource.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlQuery>
#include <QSqlRecord>

#include <functional>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::SchemaIntrospector", text);
}

// The oldest server whose catalogs the queries know (pg_class.relispartition
// and generated columns came with 11 and 12).
constexpr int minimumServerVersion = 120000;

// Runs catalog/<kind>.sql once and hands each row to `row`.
Result<void> forEachRow(
    const QSqlDatabase &database, const QString &kind, const std::function<void(const QSqlQuery &)> &row)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.exec(sqlResource(QStringLiteral("catalog/") + kind)))
        return sqlError(tr("cannot read the %1 of the database").arg(kind), query.lastError());
    while (query.next())
        row(query);
    return {};
}

QString text(const QSqlQuery &query, int column)
{
    return query.value(column).toString();
}

QStringList lines(const QSqlQuery &query, int column)
{
    const QString value = text(query, column);
    return value.isEmpty() ? QStringList() : value.split(QLatin1Char('\n'));
}

QJsonValue json(const QSqlQuery &query, int column)
{
    const QJsonDocument document = QJsonDocument::fromJson(query.value(column).toString().toUtf8());
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

ConstraintType constraintType(QChar type)
{
    switch (type.unicode()) {
    case 'p':
        return ConstraintType::PrimaryKey;
    case 'u':
        return ConstraintType::Unique;
    case 'f':
        return ConstraintType::ForeignKey;
    case 'x':
        return ConstraintType::Exclusion;
    default:
        return ConstraintType::Check;
    }
}

// pg_get_indexdef() prints the index of a partitioned table as "ON ONLY",
// which would create it on the parent alone (and invalid); the model keeps
// the statement that creates it on every partition.
QString indexDefinition(QString definition)
{
    const qsizetype only = definition.indexOf(QLatin1String(" ON ONLY "));
    if (only >= 0)
        definition.remove(only + 3, 5);
    return definition;
}

QString routineDefinition(QString definition)
{
    return definition.trimmed() + QLatin1Char(';');
}

// A view's dependencies from its JSON array of {kind, schema, name, column,
// arguments}.
QStringList viewDependencies(const QJsonArray &array)
{
    QStringList keys;
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        const QualifiedName name { object.value(QLatin1String("schema")).toString(),
            object.value(QLatin1String("name")).toString() };
        const QString kind = object.value(QLatin1String("kind")).toString();
        if (kind == QLatin1String("r")) {
            keys.append(SchemaModel::relationKey(name));
            const QString column = object.value(QLatin1String("column")).toString();
            if (!column.isEmpty())
                keys.append(SchemaModel::columnKey(name, column));
        } else if (kind == QLatin1String("f")) {
            keys.append(SchemaModel::routineKey(name.sql() + QLatin1Char('(') +
                object.value(QLatin1String("arguments")).toString() + QLatin1Char(')')));
        } else {
            keys.append(SchemaModel::typeKey(name));
        }
    }
    keys.sort();
    keys.removeDuplicates();
    return keys;
}

} // namespace

Result<SchemaModel> SchemaIntrospector::read(const QSqlDatabase &database) const
{
    if (database.driverName() == QLatin1String("QSQLITE"))
        return readSqlite(database);
    return readPostgres(database);
}

Result<SchemaModel> SchemaIntrospector::readPostgres(const QSqlDatabase &database) const
{
    SchemaModel model;
    model.dialect = Dialect::PostgreSQL;
    // One snapshot for every query, and a transaction that cannot write.
    QSqlQuery begin(database);
    if (!begin.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")))
        return sqlError(tr("cannot read the schema"), begin.lastError());
    struct Rollback {
        QSqlDatabase database;
        ~Rollback() { QSqlQuery(database).exec(QStringLiteral("ROLLBACK")); }
    } rollback { database };

    QSqlQuery session(database);
    if (!session.exec(sqlResource(QStringLiteral("catalog/session"))) || !session.next())
        return sqlError(tr("cannot read the schema"), session.lastError());
    model.serverVersion = session.value(1).toInt();
    if (model.serverVersion < minimumServerVersion)
        return Error::at({}, 0,
            tr("the server runs PostgreSQL %1.%2; reading a schema needs PostgreSQL 12 or newer")
                .arg(model.serverVersion / 10000)
                .arg(model.serverVersion % 10000 / 100));

    const auto keep = [&](const QString &schema, const QString &name = {}) {
        return !m_filter.excludes(QualifiedName { schema, name });
    };
    QMap<QualifiedName, qsizetype> tableIndex;
    QMap<QualifiedName, qsizetype> viewIndex;
    const auto tableFor = [&](const QSqlQuery &query) -> Table * {
        const auto found = tableIndex.constFind(QualifiedName { text(query, 0), text(query, 1) });
        return found == tableIndex.constEnd() ? nullptr : &model.tables[*found];
    };

    const auto viewFor = [&](const QSqlQuery &query) -> View * {
        const auto found = viewIndex.constFind(QualifiedName { text(query, 0), text(query, 1) });
        return found == viewIndex.constEnd() ? nullptr : &model.views[*found];
    };

    QList<std::pair<QString, std::function<void(const QSqlQuery &)>>> readers;
    readers.append({ QStringLiteral("schemas"), [&](const QSqlQuery &q) {
                        if (!m_filter.excludedSchemas.contains(text(q, 0)))
                            model.schemas.append(text(q, 0));
                    } });
    readers.append({ QStringLiteral("extensions"), [&](const QSqlQuery &q) {
                        model.extensions.append({ text(q, 0), text(q, 1), text(q, 2) });
                    } });
    readers.append({ QStringLiteral("tables"), [&](const QSqlQuery &q) {
                        Table table;
                        table.name = { text(q, 0), text(q, 1) };
                        if (!keep(table.name.schema, table.name.name))
                            return;
                        table.kind = text(q, 2) == QLatin1String("p") ? TableKind::Partitioned : TableKind::Ordinary;
                        table.unlogged = text(q, 3) == QLatin1String("u");
                        table.partitionKey = text(q, 4);
                        table.partitionOf = { text(q, 5), text(q, 6) };
                        table.partitionBound = text(q, 7);
                        table.options = lines(q, 8);
                        table.rowSecurity = q.value(9).toBool();
                        table.forceRowSecurity = q.value(10).toBool();
                        tableIndex.insert(table.name, model.tables.size());
                        model.tables.append(table);
                    } });
    readers.append({ QStringLiteral("columns"), [&](const QSqlQuery &q) {
                        Table *table = tableFor(q);
                        if (!table)
                            return;
                        Column column;
                        column.name = text(q, 2);
                        column.type = text(q, 3);
                        column.collation = text(q, 4);
                        const bool generated = !text(q, 8).isEmpty();
                        (generated ? column.generatedExpression : column.defaultExpression) = text(q, 5);
                        column.notNull = q.value(6).toBool();
                        const QString identity = text(q, 7);
                        if (identity == QLatin1String("a"))
                            column.identity = QStringLiteral("ALWAYS");
                        else if (identity == QLatin1String("d"))
                            column.identity = QStringLiteral("BY DEFAULT");
                        table->columns.append(column);
                    } });
    readers.append({ QStringLiteral("constraints"), [&](const QSqlQuery &q) {
                        if (Table *table = tableFor(q))
                            table->constraints.append({ text(q, 2), constraintType(text(q, 3).at(0)), text(q, 4),
                                QualifiedName { text(q, 5), text(q, 6) }, lines(q, 7) });
                    } });
    readers.append({ QStringLiteral("views"), [&](const QSqlQuery &q) {
                        View view;
                        view.name = { text(q, 0), text(q, 1) };
                        if (!keep(view.name.schema, view.name.name))
                            return;
                        view.materialized = text(q, 2) == QLatin1String("m");
                        view.definition = text(q, 3).trimmed();
                        view.options = lines(q, 4);
                        view.dependencies = viewDependencies(json(q, 5).toArray());
                        viewIndex.insert(view.name, model.views.size());
                        model.views.append(view);
                    } });
    readers.append({ QStringLiteral("indexes"), [&](const QSqlQuery &q) {
                        const Index index { text(q, 2), indexDefinition(text(q, 3)) };
                        if (Table *table = tableFor(q))
                            table->indexes.append(index);
                        else if (View *view = viewFor(q))
                            view->indexes.append(index);
                    } });
    readers.append({ QStringLiteral("triggers"), [&](const QSqlQuery &q) {
                        const Trigger trigger { text(q, 2), text(q, 3), text(q, 4) };
                        if (Table *table = tableFor(q)) {
                            table->triggers.append(trigger);
                            return;
                        }
                        if (View *view = viewFor(q))
                            view->triggers.append(trigger);
                    } });
    readers.append({ QStringLiteral("sequences"), [&](const QSqlQuery &q) {
                        Sequence sequence;
                        sequence.name = { text(q, 0), text(q, 1) };
                        sequence.ownedByTable = { text(q, 9), text(q, 10) };
                        if (!keep(sequence.name.schema, sequence.name.name) ||
                            (!sequence.ownedByTable.isEmpty() && m_filter.excludes(sequence.ownedByTable)))
                            return;
                        sequence.type = text(q, 2);
                        sequence.start = q.value(3).toLongLong();
                        sequence.increment = q.value(4).toLongLong();
                        sequence.minValue = q.value(5).toLongLong();
                        sequence.maxValue = q.value(6).toLongLong();
                        sequence.cache = q.value(7).toLongLong();
                        sequence.cycle = q.value(8).toBool();
                        sequence.ownedByColumn = text(q, 11);
                        model.sequences.append(sequence);
                    } });
    readers.append({ QStringLiteral("routines"), [&](const QSqlQuery &q) {
                        if (!keep(text(q, 0)))
                            return;
                        model.routines.append({ QualifiedName { text(q, 0), text(q, 1) }, text(q, 2),
                            text(q, 3) == QLatin1String("p"), text(q, 4), routineDefinition(text(q, 5)) });
                    } });
    readers.append({ QStringLiteral("types"), [&](const QSqlQuery &q) {
                        const QualifiedName name { text(q, 0), text(q, 1) };
                        if (!keep(name.schema))
                            return;
                        const QString kind = text(q, 2);
                        const QJsonValue value = json(q, 3);
                        if (kind == QLatin1String("e")) {
                            EnumType type { name, {} };
                            for (const QJsonValue &label : value.toArray())
                                type.labels.append(label.toString());
                            model.enums.append(type);
                        } else if (kind == QLatin1String("d")) {
                            const QJsonObject object = value.toObject();
                            Domain domain;
                            domain.name = name;
                            domain.baseType = object.value(QLatin1String("base")).toString();
                            domain.collation = object.value(QLatin1String("collation")).toString();
                            domain.defaultExpression = object.value(QLatin1String("default")).toString();
                            domain.notNull = object.value(QLatin1String("notnull")).toBool();
                            for (const QJsonValue &entry : object.value(QLatin1String("constraints")).toArray())
                                domain.constraints.append({ entry.toArray().at(0).toString(), ConstraintType::Check,
                                    entry.toArray().at(1).toString(), {}, {} });
                            model.domains.append(domain);
                        } else {
                            CompositeType type { name, {} };
                            for (const QJsonValue &entry : value.toArray()) {
                                Column attribute;
                                attribute.name = entry.toArray().at(0).toString();
                                attribute.type = entry.toArray().at(1).toString();
                                attribute.collation = entry.toArray().at(2).toString();
                                type.attributes.append(attribute);
                            }
                            model.compositeTypes.append(type);
                        }
                    } });
    readers.append({ QStringLiteral("policies"), [&](const QSqlQuery &q) {
                        if (Table *table = tableFor(q))
                            table->policies.append(
                                { text(q, 2), q.value(3).toBool(), text(q, 4), lines(q, 5), text(q, 6), text(q, 7) });
                    } });
    readers.append({ QStringLiteral("comments"), [&](const QSqlQuery &q) {
                        if (keep(text(q, 2), text(q, 3)))
                            model.comments.append({ text(q, 0), text(q, 1) });
                    } });
    readers.append({ QStringLiteral("privileges"), [&](const QSqlQuery &q) {
                        if (keep(text(q, 5), text(q, 6)))
                            model.privileges.append(
                                { text(q, 0), text(q, 1), text(q, 2), q.value(3).toBool(), q.value(4).toBool() });
                    } });
    readers.append({ QStringLiteral("unknown"), [&](const QSqlQuery &q) {
                        if (keep(text(q, 3)))
                            model.unknownObjects.append({ text(q, 0), text(q, 1), text(q, 2) });
                    } });

    for (const auto &[kind, reader] : std::as_const(readers)) {
        const Result<void> read = forEachRow(database, kind, reader);
        if (!read)
            return read.error();
    }
    model.sort();
    return model;
}

} // namespace Retort
