#include "schemamodel.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Retort {

namespace {

// PostgreSQL's keywords that cannot be used as a plain column or table name
// (reserved, type/function-name and column-name keywords): quote_ident()
// quotes these, and so must we.
const QSet<QString> &keywords()
{
    static const QSet<QString> words = [] {
        const char *list[] = { "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both",
            "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog", "current_date",
            "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group",
            "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime",
            "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references",
            "returning", "select", "session_user", "some", "symmetric", "system_user", "table", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose", "between", "bigint", "bit", "boolean", "char", "character",
            "coalesce", "dec", "decimal", "exists", "extract", "float", "greatest", "grouping", "inout", "int",
            "integer", "interval", "json", "json_array", "json_arrayagg", "json_exists", "json_object",
            "json_objectagg", "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "least",
            "merge_action", "national", "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay", "position",
            "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp", "treat", "trim",
            "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces",
            "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable" };
        QSet<QString> set;
        for (const char *word : list)
            set.insert(QString::fromLatin1(word));
        return set;
    }();
    return words;
}

template<typename T, typename Key>
const T *findIn(const QList<T> &list, const Key &key, Key T::*member)
{
    const auto found = std::find_if(list.cbegin(), list.cend(), [&](const T &item) { return item.*member == key; });
    return found == list.cend() ? nullptr : &*found;
}

} // namespace

QString quoteName(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_$]*$"));
    if (plain.match(name).hasMatch() && !keywords().contains(name))
        return name;
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString quoteLiteral(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    if (quoted.contains(QLatin1Char('\\')))
        return QLatin1String("E'") + quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\")) + QLatin1Char('\'');
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString QualifiedName::sql() const
{
    return schema.isEmpty() ? quoteName(name) : quoteName(schema) + QLatin1Char('.') + quoteName(name);
}

QString QualifiedName::text() const
{
    return schema.isEmpty() ? name : schema + QLatin1Char('.') + name;
}

const Column *Table::column(const QString &name) const
{
    return findIn(columns, name, &Column::name);
}

QString Routine::signature() const
{
    return name.sql() + QLatin1Char('(') + arguments + QLatin1Char(')');
}

const Table *SchemaModel::table(const QualifiedName &name) const
{
    return findIn(tables, name, &Table::name);
}

const View *SchemaModel::view(const QualifiedName &name) const
{
    return findIn(views, name, &View::name);
}

const Routine *SchemaModel::routine(const QString &signature) const
{
    const auto found = std::find_if(
        routines.cbegin(), routines.cend(), [&](const Routine &routine) { return routine.signature() == signature; });
    return found == routines.cend() ? nullptr : &*found;
}

QString SchemaModel::relationKey(const QualifiedName &name)
{
    return QStringLiteral("relation:") + name.sql();
}

QString SchemaModel::columnKey(const QualifiedName &table, const QString &column)
{
    return QStringLiteral("column:") + table.sql() + QLatin1Char('.') + quoteName(column);
}

QString SchemaModel::routineKey(const QString &signature)
{
    return QStringLiteral("routine:") + signature;
}

QString SchemaModel::typeKey(const QualifiedName &name)
{
    return QStringLiteral("type:") + name.sql();
}

void SchemaModel::sort()
{
    const auto byName = [](auto &list) {
        std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    };
    schemas.sort();
    byName(extensions);
    byName(enums);
    byName(domains);
    byName(compositeTypes);
    byName(sequences);
    std::sort(routines.begin(), routines.end(),
        [](const Routine &a, const Routine &b) { return a.signature() < b.signature(); });
    byName(tables);
    byName(views);
    for (Table &table : tables) {
        byName(table.constraints);
        byName(table.indexes);
        byName(table.triggers);
        byName(table.policies);
    }
    for (View &view : views) {
        byName(view.indexes);
        byName(view.triggers);
    }
    for (Domain &domain : domains)
        byName(domain.constraints);
    std::sort(comments.begin(), comments.end());
    std::sort(privileges.begin(), privileges.end());
    std::sort(unknownObjects.begin(), unknownObjects.end());
}

bool SchemaFilter::excludes(const QualifiedName &name) const
{
    return excludedSchemas.contains(name.schema) || excludedTables.contains(name.name);
}

} // namespace Retort
