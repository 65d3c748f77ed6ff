#include "postgresddl.h"

namespace Retort::PostgresDdl {

namespace {

QString withOptions(const QStringList &options)
{
    return options.isEmpty() ? QString() : QStringLiteral(" WITH (%1)").arg(options.join(QLatin1String(", ")));
}

} // namespace

QString columnDefinition(const Column &column)
{
    QString sql = quoteName(column.name) + QLatin1Char(' ') + column.type;
    if (!column.collation.isEmpty())
        sql += QLatin1String(" COLLATE ") + column.collation;
    if (!column.generatedExpression.isEmpty())
        sql += QStringLiteral(" GENERATED ALWAYS AS (%1) STORED").arg(column.generatedExpression);
    else if (!column.defaultExpression.isEmpty())
        sql += QLatin1String(" DEFAULT ") + column.defaultExpression;
    if (!column.identity.isEmpty())
        sql += QStringLiteral(" GENERATED %1 AS IDENTITY").arg(column.identity);
    if (column.notNull)
        sql += QLatin1String(" NOT NULL");
    return sql;
}

QString createTable(const Table &table)
{
    QString sql = table.unlogged ? QStringLiteral("CREATE UNLOGGED TABLE ") : QStringLiteral("CREATE TABLE ");
    sql += table.name.sql();
    if (table.isPartition()) {
        // A partition's columns are its parent's.
        sql += QStringLiteral(" PARTITION OF %1 %2").arg(table.partitionOf.sql(), table.partitionBound);
    } else {
        QStringList columns;
        for (const Column &column : table.columns)
            columns.append(QLatin1String("    ") + columnDefinition(column));
        sql += columns.isEmpty() ? QStringLiteral(" (\n)")
                                 : QStringLiteral(" (\n%1\n)").arg(columns.join(QLatin1String(",\n")));
    }
    if (table.kind == TableKind::Partitioned)
        sql += QLatin1String(" PARTITION BY ") + table.partitionKey;
    return sql + withOptions(table.options) + QLatin1Char(';');
}

QString sequenceOptions(const Sequence &sequence)
{
    return QStringLiteral("AS %1 INCREMENT BY %2 MINVALUE %3 MAXVALUE %4 START WITH %5 CACHE %6%7")
        .arg(sequence.type)
        .arg(sequence.increment)
        .arg(sequence.minValue)
        .arg(sequence.maxValue)
        .arg(sequence.start)
        .arg(sequence.cache)
        .arg(sequence.cycle ? QStringLiteral(" CYCLE") : QStringLiteral(" NO CYCLE"));
}

QString createSequence(const Sequence &sequence)
{
    return QStringLiteral("CREATE SEQUENCE %1 %2;").arg(sequence.name.sql(), sequenceOptions(sequence));
}

QString ownedBy(const Sequence &sequence)
{
    return QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2;")
        .arg(sequence.name.sql(),
            sequence.ownedByTable.isEmpty()
                ? QStringLiteral("NONE")
                : sequence.ownedByTable.sql() + QLatin1Char('.') + quoteName(sequence.ownedByColumn));
}

QString createEnum(const EnumType &type)
{
    QStringList labels;
    for (const QString &label : type.labels)
        labels.append(quoteLiteral(label));
    return QStringLiteral("CREATE TYPE %1 AS ENUM (%2);").arg(type.name.sql(), labels.join(QLatin1String(", ")));
}

QString createDomain(const Domain &domain)
{
    QString sql = QStringLiteral("CREATE DOMAIN %1 AS %2").arg(domain.name.sql(), domain.baseType);
    if (!domain.collation.isEmpty())
        sql += QLatin1String(" COLLATE ") + domain.collation;
    if (!domain.defaultExpression.isEmpty())
        sql += QLatin1String(" DEFAULT ") + domain.defaultExpression;
    if (domain.notNull)
        sql += QLatin1String(" NOT NULL");
    for (const Constraint &constraint : domain.constraints)
        sql += QStringLiteral("\n    CONSTRAINT %1 %2").arg(quoteName(constraint.name), constraint.definition);
    return sql + QLatin1Char(';');
}

QString createComposite(const CompositeType &type)
{
    QStringList attributes;
    for (const Column &attribute : type.attributes)
        attributes.append(QLatin1String("    ") + columnDefinition(attribute));
    return QStringLiteral("CREATE TYPE %1 AS (\n%2\n);").arg(type.name.sql(), attributes.join(QLatin1String(",\n")));
}

QString createView(const View &view)
{
    QString definition = view.definition;
    if (definition.endsWith(QLatin1Char(';')))
        definition.chop(1);
    return QStringLiteral("CREATE %1 %2%3 AS\n%4;")
        .arg(view.materialized ? QStringLiteral("MATERIALIZED VIEW") : QStringLiteral("VIEW"), view.name.sql(),
            withOptions(view.options), definition);
}

QString createPolicy(const QualifiedName &table, const Policy &policy)
{
    QString sql = QStringLiteral("CREATE POLICY %1 ON %2").arg(quoteName(policy.name), table.sql());
    if (!policy.permissive)
        sql += QLatin1String(" AS RESTRICTIVE");
    sql += QLatin1String(" FOR ") + policy.command;
    sql += QLatin1String(" TO ") +
        (policy.roles.isEmpty() ? QStringLiteral("PUBLIC") : policy.roles.join(QLatin1String(", ")));
    if (!policy.usingExpression.isEmpty())
        sql += QStringLiteral(" USING (%1)").arg(policy.usingExpression);
    if (!policy.checkExpression.isEmpty())
        sql += QStringLiteral(" WITH CHECK (%1)").arg(policy.checkExpression);
    return sql + QLatin1Char(';');
}

QString addConstraint(const QualifiedName &table, const Constraint &constraint)
{
    return QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3;")
        .arg(table.sql(), quoteName(constraint.name), constraint.definition);
}

QString dropConstraint(const QualifiedName &table, const QString &name)
{
    return QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2;").arg(table.sql(), quoteName(name));
}

QString comment(const Comment &comment)
{
    return QStringLiteral("COMMENT ON %1 IS %2;")
        .arg(comment.target, comment.text.isNull() ? QStringLiteral("NULL") : quoteLiteral(comment.text));
}

QString grant(const Privilege &privilege, bool apply)
{
    // `apply` makes the model's entry true: GRANT a granted privilege,
    // REVOKE a revoked default; otherwise undo it.
    const bool granting = apply != privilege.revoked;
    if (granting)
        return QStringLiteral("GRANT %1 ON %2 TO %3%4;")
            .arg(privilege.privilege, privilege.target, privilege.grantee,
                privilege.grantable ? QStringLiteral(" WITH GRANT OPTION") : QString());
    return QStringLiteral("REVOKE %1 ON %2 FROM %3;").arg(privilege.privilege, privilege.target, privilege.grantee);
}

} // namespace Retort::PostgresDdl
