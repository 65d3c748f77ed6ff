#include "schemajson.h"

namespace Retort {

namespace {

// A JSON object from key/value pairs, leaving out empty strings, empty
// arrays and false, so that the output lists what is there.
QJsonObject compact(std::initializer_list<std::pair<QString, QJsonValue>> fields)
{
    QJsonObject object;
    for (const auto &[key, value] : fields) {
        if ((value.isString() && value.toString().isEmpty()) || (value.isArray() && value.toArray().isEmpty()) ||
            (value.isBool() && !value.toBool()) || value.isNull())
            continue;
        object.insert(key, value);
    }
    return object;
}

template<typename T, typename F>
QJsonArray arrayOf(const QList<T> &list, F toJson)
{
    QJsonArray array;
    for (const T &item : list)
        array.append(toJson(item));
    return array;
}

QString constraintTypeName(ConstraintType type)
{
    switch (type) {
    case ConstraintType::PrimaryKey:
        return QStringLiteral("primary key");
    case ConstraintType::Unique:
        return QStringLiteral("unique");
    case ConstraintType::ForeignKey:
        return QStringLiteral("foreign key");
    case ConstraintType::Check:
        return QStringLiteral("check");
    case ConstraintType::Exclusion:
        return QStringLiteral("exclusion");
    case ConstraintType::NotNull:
        return QStringLiteral("not null");
    }
    return {};
}

QJsonObject columnJson(const Column &c)
{
    return compact({ { QStringLiteral("name"), c.name }, { QStringLiteral("type"), c.type },
        { QStringLiteral("collation"), c.collation }, { QStringLiteral("default"), c.defaultExpression },
        { QStringLiteral("not_null"), c.notNull }, { QStringLiteral("identity"), c.identity },
        { QStringLiteral("generated"), c.generatedExpression } });
}

QJsonObject constraintJson(const Constraint &c)
{
    return compact({ { QStringLiteral("name"), c.name }, { QStringLiteral("type"), constraintTypeName(c.type) },
        { QStringLiteral("definition"), c.definition }, { QStringLiteral("references"), c.referencedTable.text() },
        { QStringLiteral("columns"), QJsonArray::fromStringList(c.columns) } });
}

QJsonObject definitionJson(const QString &name, const QString &definition)
{
    return compact({ { QStringLiteral("name"), name }, { QStringLiteral("definition"), definition } });
}

QJsonObject tableJson(const Table &t)
{
    return compact({ { QStringLiteral("schema"), t.name.schema }, { QStringLiteral("name"), t.name.name },
        { QStringLiteral("partitioned"), t.kind == TableKind::Partitioned }, { QStringLiteral("unlogged"), t.unlogged },
        { QStringLiteral("partition_key"), t.partitionKey }, { QStringLiteral("partition_of"), t.partitionOf.text() },
        { QStringLiteral("partition_bound"), t.partitionBound },
        { QStringLiteral("options"), QJsonArray::fromStringList(t.options) },
        { QStringLiteral("row_security"), t.rowSecurity }, { QStringLiteral("force_row_security"), t.forceRowSecurity },
        { QStringLiteral("definition"), t.definition }, { QStringLiteral("columns"), arrayOf(t.columns, columnJson) },
        { QStringLiteral("constraints"), arrayOf(t.constraints, constraintJson) },
        { QStringLiteral("indexes"),
            arrayOf(t.indexes, [](const Index &i) { return definitionJson(i.name, i.definition); }) },
        { QStringLiteral("triggers"),
            arrayOf(t.triggers, [](const Trigger &i) { return definitionJson(i.name, i.definition); }) },
        { QStringLiteral("policies"), arrayOf(t.policies, [](const Policy &p) {
             return compact({ { QStringLiteral("name"), p.name }, { QStringLiteral("restrictive"), !p.permissive },
                 { QStringLiteral("command"), p.command },
                 { QStringLiteral("roles"), QJsonArray::fromStringList(p.roles) },
                 { QStringLiteral("using"), p.usingExpression }, { QStringLiteral("with_check"), p.checkExpression } });
         }) } });
}

} // namespace

QJsonObject schemaModelToJson(const SchemaModel &model)
{
    const auto named = [](const QualifiedName &name) {
        return QJsonObject { { QStringLiteral("schema"), name.schema }, { QStringLiteral("name"), name.name } };
    };
    return compact({ { QStringLiteral("dialect"), dialectName(model.dialect) },
        { QStringLiteral("server_version"), model.serverVersion },
        { QStringLiteral("schemas"), QJsonArray::fromStringList(model.schemas) },
        { QStringLiteral("extensions"),
            arrayOf(model.extensions,
                [](const Extension &e) {
                    return compact({ { QStringLiteral("name"), e.name }, { QStringLiteral("schema"), e.schema },
                        { QStringLiteral("version"), e.version } });
                }) },
        { QStringLiteral("enums"),
            arrayOf(model.enums,
                [&](const EnumType &e) {
                    QJsonObject object = named(e.name);
                    object.insert(QStringLiteral("values"), QJsonArray::fromStringList(e.labels));
                    return object;
                }) },
        { QStringLiteral("domains"),
            arrayOf(model.domains,
                [&](const Domain &d) {
                    QJsonObject object = compact({ { QStringLiteral("base_type"), d.baseType },
                        { QStringLiteral("collation"), d.collation },
                        { QStringLiteral("default"), d.defaultExpression }, { QStringLiteral("not_null"), d.notNull },
                        { QStringLiteral("constraints"), arrayOf(d.constraints, constraintJson) } });
                    object.insert(QStringLiteral("schema"), d.name.schema);
                    object.insert(QStringLiteral("name"), d.name.name);
                    return object;
                }) },
        { QStringLiteral("composite_types"),
            arrayOf(model.compositeTypes,
                [&](const CompositeType &c) {
                    QJsonObject object = named(c.name);
                    object.insert(QStringLiteral("attributes"), arrayOf(c.attributes, columnJson));
                    return object;
                }) },
        { QStringLiteral("sequences"),
            arrayOf(model.sequences,
                [&](const Sequence &s) {
                    QJsonObject object = named(s.name);
                    object.insert(QStringLiteral("type"), s.type);
                    object.insert(QStringLiteral("start"), QString::number(s.start));
                    object.insert(QStringLiteral("increment"), QString::number(s.increment));
                    object.insert(QStringLiteral("min"), QString::number(s.minValue));
                    object.insert(QStringLiteral("max"), QString::number(s.maxValue));
                    object.insert(QStringLiteral("cache"), QString::number(s.cache));
                    object.insert(QStringLiteral("cycle"), s.cycle);
                    if (!s.ownedByTable.isEmpty())
                        object.insert(QStringLiteral("owned_by"),
                            QString(s.ownedByTable.text() + QLatin1Char('.') + s.ownedByColumn));
                    return object;
                }) },
        { QStringLiteral("routines"),
            arrayOf(model.routines,
                [&](const Routine &r) {
                    QJsonObject object = named(r.name);
                    object.insert(
                        QStringLiteral("kind"), r.procedure ? QStringLiteral("procedure") : QStringLiteral("function"));
                    object.insert(QStringLiteral("arguments"), r.arguments);
                    if (!r.procedure)
                        object.insert(QStringLiteral("result"), r.result);
                    object.insert(QStringLiteral("definition"), r.definition);
                    return object;
                }) },
        { QStringLiteral("tables"), arrayOf(model.tables, tableJson) },
        { QStringLiteral("views"),
            arrayOf(model.views,
                [&](const View &v) {
                    QJsonObject object = compact({ { QStringLiteral("materialized"), v.materialized },
                        { QStringLiteral("definition"), v.definition },
                        { QStringLiteral("options"), QJsonArray::fromStringList(v.options) },
                        { QStringLiteral("depends_on"), QJsonArray::fromStringList(v.dependencies) },
                        { QStringLiteral("indexes"),
                            arrayOf(v.indexes, [](const Index &i) { return definitionJson(i.name, i.definition); }) },
                        { QStringLiteral("triggers"), arrayOf(v.triggers, [](const Trigger &i) {
                             return definitionJson(i.name, i.definition);
                         }) } });
                    object.insert(QStringLiteral("schema"), v.name.schema);
                    object.insert(QStringLiteral("name"), v.name.name);
                    return object;
                }) },
        { QStringLiteral("comments"),
            arrayOf(model.comments,
                [](const Comment &c) {
                    return QJsonObject { { QStringLiteral("target"), c.target }, { QStringLiteral("text"), c.text } };
                }) },
        { QStringLiteral("privileges"),
            arrayOf(model.privileges,
                [](const Privilege &p) {
                    return compact({ { QStringLiteral("target"), p.target }, { QStringLiteral("grantee"), p.grantee },
                        { QStringLiteral("privilege"), p.privilege }, { QStringLiteral("grantable"), p.grantable },
                        { QStringLiteral("revoked"), p.revoked } });
                }) },
        { QStringLiteral("unknown_objects"), arrayOf(model.unknownObjects, [](const UnknownObject &o) {
             return compact({ { QStringLiteral("kind"), o.kind }, { QStringLiteral("identity"), o.identity },
                 { QStringLiteral("definition"), o.definition } });
         }) } });
}

QJsonArray schemaChangesToJson(const QList<SchemaChange> &changes)
{
    return arrayOf(changes, [](const SchemaChange &c) {
        return compact({ { QStringLiteral("action"), actionName(c.action) }, { QStringLiteral("kind"), c.kind },
            { QStringLiteral("object"), c.object }, { QStringLiteral("sql"), c.sql },
            { QStringLiteral("risks"), QJsonArray::fromStringList(riskNames(c.risks)) },
            { QStringLiteral("note"), c.note }, { QStringLiteral("problem"), c.problem } });
    });
}

} // namespace Retort
