#include "schemadiff.h"

#include "postgresddl.h"
#include "schemadiff_p.h"
#include "sqlitediff.h"

#include <QCoreApplication>
#include <QMap>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::SchemaDiff", text);
}

// Maps a sorted list by a key, for pairing the objects of two models.
template<typename T, typename KeyOf>
QMap<QString, const T *> byKey(const QList<T> &list, KeyOf keyOf)
{
    QMap<QString, const T *> map;
    for (const T &item : list)
        map.insert(keyOf(item), &item);
    return map;
}

QString nameKey(const auto &item)
{
    return item.name.sql();
}

QString withSemicolon(QString sql)
{
    sql = sql.trimmed();
    return sql.endsWith(QLatin1Char(';')) ? sql : sql + QLatin1Char(';');
}

} // namespace

QList<SchemaChange> SchemaDiff::compare(const SchemaModel &from, const SchemaModel &to)
{
    if (to.dialect == Dialect::SQLite)
        return SqliteDiff::compare(from, to);
    return DiffBuilder(from, to).build();
}

DiffBuilder::DiffBuilder(const SchemaModel &from, const SchemaModel &to)
    : m_from(from)
    , m_to(to)
{ }

void DiffBuilder::add(DiffStep step, SchemaChange::Action action, const QString &kind, const QString &object,
    const QString &sql, ChangeRisks risks, const QString &note, const QString &problem)
{
    m_steps[int(step)].append({ action, kind, object, sql, risks, note, problem });
}

QList<SchemaChange> DiffBuilder::build()
{
    compareSchemasAndExtensions();
    compareEnums();
    compareDomains();
    compareComposites();
    compareSequences();
    compareRoutines();
    compareTables();
    compareViews();
    compareComments();
    comparePrivileges();
    compareUnknown();
    QList<SchemaChange> changes;
    for (const QList<SchemaChange> &step : m_steps)
        changes += step;
    markEnumValueUse();
    // markEnumValueUse() tags changes in the steps; collect again.
    changes.clear();
    for (const QList<SchemaChange> &step : m_steps)
        changes += step;
    return changes;
}

void DiffBuilder::compareSchemasAndExtensions()
{
    for (const QString &schema : m_to.schemas) {
        if (m_from.schemas.contains(schema))
            continue;
        QString sql = QStringLiteral("CREATE SCHEMA %1;").arg(quoteName(schema));
        // A new database's public schema belongs to pg_database_owner
        // (PostgreSQL 15 and later); made again, it should too.
        if (schema == QLatin1String("public") && m_to.dialect == Dialect::PostgreSQL && m_to.serverVersion >= 150000)
            sql += QLatin1String("\nALTER SCHEMA public OWNER TO pg_database_owner;");
        add(DiffStep::CreateSchemas, SchemaChange::Action::Create, QStringLiteral("schema"), quoteName(schema), sql);
    }
    for (const QString &schema : m_from.schemas) {
        if (!m_to.schemas.contains(schema))
            add(DiffStep::DropSchemas, SchemaChange::Action::Drop, QStringLiteral("schema"), quoteName(schema),
                QStringLiteral("DROP SCHEMA %1;").arg(quoteName(schema)));
    }
    const auto from = byKey(m_from.extensions, [](const Extension &e) { return e.name; });
    const auto to = byKey(m_to.extensions, [](const Extension &e) { return e.name; });
    for (const Extension *extension : to) {
        const QString name = quoteName(extension->name);
        const Extension *old = from.value(extension->name);
        if (!old) {
            add(DiffStep::CreateExtensions, SchemaChange::Action::Create, QStringLiteral("extension"), name,
                QStringLiteral("CREATE EXTENSION IF NOT EXISTS %1 WITH SCHEMA %2;")
                    .arg(name, quoteName(extension->schema)));
            continue;
        }
        if (old->schema != extension->schema)
            add(DiffStep::CreateExtensions, SchemaChange::Action::Alter, QStringLiteral("extension"), name,
                QStringLiteral("ALTER EXTENSION %1 SET SCHEMA %2;").arg(name, quoteName(extension->schema)));
        if (old->version != extension->version)
            add(DiffStep::CreateExtensions, SchemaChange::Action::Alter, QStringLiteral("extension"), name,
                QStringLiteral("ALTER EXTENSION %1 UPDATE TO %2;").arg(name, quoteLiteral(extension->version)));
    }
    for (const Extension *extension : from) {
        if (!to.contains(extension->name))
            add(DiffStep::DropExtensions, SchemaChange::Action::Drop, QStringLiteral("extension"),
                quoteName(extension->name), QStringLiteral("DROP EXTENSION %1;").arg(quoteName(extension->name)));
    }
}

void DiffBuilder::compareEnums()
{
    const auto from = byKey(m_from.enums, nameKey<EnumType>);
    const auto to = byKey(m_to.enums, nameKey<EnumType>);
    for (const EnumType *type : to) {
        const QString name = type->name.sql();
        const EnumType *old = from.value(name);
        if (!old) {
            add(DiffStep::CreateTypes, SchemaChange::Action::Create, QStringLiteral("enum"), name,
                PostgresDdl::createEnum(*type));
            continue;
        }
        if (old->labels == type->labels)
            continue;
        // Values can only be added in place; the kept ones must keep their order.
        QStringList kept;
        for (const QString &label : type->labels) {
            if (old->labels.contains(label))
                kept.append(label);
        }
        QStringList oldKept;
        for (const QString &label : old->labels) {
            if (type->labels.contains(label))
                oldKept.append(label);
        }
        if (kept == old->labels) {
            for (qsizetype i = 0; i < type->labels.size(); ++i) {
                const QString &label = type->labels.at(i);
                if (old->labels.contains(label))
                    continue;
                // Added left to right, so the label before a new one is
                // always there already; a new first label goes before the
                // first label the type had (the one after it may be new too).
                QString place;
                if (i > 0)
                    place = QStringLiteral("AFTER %1").arg(quoteLiteral(type->labels.at(i - 1)));
                else if (!old->labels.isEmpty())
                    place = QStringLiteral("BEFORE %1").arg(quoteLiteral(old->labels.first()));
                add(DiffStep::AlterTypes, SchemaChange::Action::Alter, QStringLiteral("enum value"),
                    name + QLatin1Char('.') + quoteLiteral(label),
                    QStringLiteral("ALTER TYPE %1 ADD VALUE %2%3;")
                        .arg(name, quoteLiteral(label), place.isEmpty() ? QString() : QLatin1Char(' ') + place));
                m_addedEnumValues.append({ name, label });
            }
            continue;
        }
        swapEnum(*old, *type);
    }
    for (const EnumType *type : from) {
        if (!to.contains(type->name.sql()))
            add(DiffStep::DropTypes, SchemaChange::Action::Drop, QStringLiteral("enum"), type->name.sql(),
                QStringLiteral("DROP TYPE %1;").arg(type->name.sql()));
    }
}

void DiffBuilder::swapEnum(const EnumType &old, const EnumType &type)
{
    // PostgreSQL cannot remove or reorder an enum's values in place: a new
    // type takes the name, every column is converted to it through text,
    // and the old type goes. Views that read those columns are recreated
    // around it (changedDependencyKeys()).
    const QString name = type.name.sql();
    const QString array = name + QLatin1String("[]");
    const QualifiedName retired { type.name.schema, type.name.name + QLatin1String("__retort_old") };
    QStringList removed;
    for (const QString &label : old.labels) {
        if (!type.labels.contains(label))
            removed.append(quoteLiteral(label));
    }
    QStringList blockers;
    for (const Domain &domain : m_from.domains) {
        if (domain.baseType == name || domain.baseType == array)
            blockers.append(tr("domain %1").arg(domain.name.sql()));
    }
    for (const CompositeType &composite : m_from.compositeTypes) {
        for (const Column &attribute : composite.attributes) {
            if (attribute.type == name || attribute.type == array)
                blockers.append(tr("type %1").arg(composite.name.sql()));
        }
    }
    for (const Routine &routine : m_from.routines) {
        if (routine.arguments.contains(name) || routine.result.contains(name))
            blockers.append(tr("function %1").arg(routine.signature()));
    }
    QStringList statements { QStringLiteral("ALTER TYPE %1 RENAME TO %2;").arg(name, quoteName(retired.name)),
        PostgresDdl::createEnum(type) };
    ChangeRisks risks;
    for (const Table &table : m_from.tables) {
        const Table *now = m_to.table(table.name);
        if (!now || table.isPartition()) // dropped before; partitions follow their parent
            continue;
        for (const Column &column : table.columns) {
            const bool isArray = column.type == array;
            if ((column.type != name && !isArray) || !now->column(column.name))
                continue;
            const QString columnName = quoteName(column.name);
            const QString prefix = QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 ").arg(table.name.sql(), columnName);
            if (!column.defaultExpression.isEmpty())
                statements.append(prefix + QLatin1String("DROP DEFAULT;"));
            statements.append(prefix +
                QStringLiteral("TYPE %1 USING %2::text%3::%1;")
                    .arg(isArray ? array : name, columnName, isArray ? QStringLiteral("[]") : QString()));
            const Column *after = now->column(column.name);
            if (!after->defaultExpression.isEmpty() && (after->type == name || after->type == array))
                statements.append(prefix + QStringLiteral("SET DEFAULT %1;").arg(after->defaultExpression));
            m_swappedColumns.insert(SchemaModel::columnKey(table.name, column.name));
            risks |= ChangeRisk::RewritesTable | ChangeRisk::AccessExclusiveLock;
        }
    }
    statements.append(QStringLiteral("DROP TYPE %1;").arg(retired.sql()));
    const QString note = removed.isEmpty()
        ? tr("the values are reordered: a new type takes the name and every column is converted to it")
        : tr("removes %1: a new type takes the name and every column is converted to it, which fails while a row "
             "still holds a removed value (update those rows first)")
              .arg(removed.join(QLatin1String(", ")));
    const QString problem = blockers.isEmpty()
        ? QString()
        : tr("PostgreSQL cannot remove or reorder an enum's values in place, and %1 also use %2: swap the type by hand")
              .arg(blockers.join(QLatin1String(", ")), name);
    add(DiffStep::AlterTypes, SchemaChange::Action::Alter, QStringLiteral("enum"), name,
        statements.join(QLatin1Char('\n')), risks, note, problem);
    m_swappedTypes.insert(SchemaModel::typeKey(type.name));
}

void DiffBuilder::compareDomains()
{
    const auto from = byKey(m_from.domains, nameKey<Domain>);
    const auto to = byKey(m_to.domains, nameKey<Domain>);
    const QString kind = QStringLiteral("domain");
    for (const Domain *domain : to) {
        const QString name = domain->name.sql();
        const Domain *old = from.value(name);
        if (!old) {
            add(DiffStep::CreateTypes, SchemaChange::Action::Create, kind, name, PostgresDdl::createDomain(*domain));
            continue;
        }
        if (old->baseType != domain->baseType || old->collation != domain->collation) {
            add(DiffStep::AlterTypes, SchemaChange::Action::Alter, kind, name, PostgresDdl::createDomain(*domain), {},
                {},
                tr("PostgreSQL cannot change a domain's type or collation: create a new domain and convert the "
                   "columns"));
            continue;
        }
        QStringList statements;
        if (old->defaultExpression != domain->defaultExpression)
            statements.append(domain->defaultExpression.isEmpty()
                    ? QStringLiteral("ALTER DOMAIN %1 DROP DEFAULT;").arg(name)
                    : QStringLiteral("ALTER DOMAIN %1 SET DEFAULT %2;").arg(name, domain->defaultExpression));
        if (old->notNull != domain->notNull)
            statements.append(QStringLiteral("ALTER DOMAIN %1 %2 NOT NULL;")
                                  .arg(name, domain->notNull ? QStringLiteral("SET") : QStringLiteral("DROP")));
        const auto oldChecks = byKey(old->constraints, [](const Constraint &c) { return c.name; });
        const auto newChecks = byKey(domain->constraints, [](const Constraint &c) { return c.name; });
        for (const Constraint *check : oldChecks) {
            const Constraint *now = newChecks.value(check->name);
            if (!now || now->definition != check->definition)
                statements.append(
                    QStringLiteral("ALTER DOMAIN %1 DROP CONSTRAINT %2;").arg(name, quoteName(check->name)));
        }
        for (const Constraint *check : newChecks) {
            const Constraint *before = oldChecks.value(check->name);
            if (!before || before->definition != check->definition)
                statements.append(QStringLiteral("ALTER DOMAIN %1 ADD CONSTRAINT %2 %3;")
                                      .arg(name, quoteName(check->name), check->definition));
        }
        if (!statements.isEmpty())
            add(DiffStep::AlterTypes, SchemaChange::Action::Alter, kind, name, statements.join(QLatin1Char('\n')));
    }
    for (const Domain *domain : from) {
        if (!to.contains(domain->name.sql()))
            add(DiffStep::DropTypes, SchemaChange::Action::Drop, kind, domain->name.sql(),
                QStringLiteral("DROP DOMAIN %1;").arg(domain->name.sql()));
    }
}

void DiffBuilder::compareComposites()
{
    const auto from = byKey(m_from.compositeTypes, nameKey<CompositeType>);
    const auto to = byKey(m_to.compositeTypes, nameKey<CompositeType>);
    const QString kind = QStringLiteral("composite type");
    for (const CompositeType *type : to) {
        const QString name = type->name.sql();
        const CompositeType *old = from.value(name);
        if (!old) {
            add(DiffStep::CreateTypes, SchemaChange::Action::Create, kind, name, PostgresDdl::createComposite(*type));
            continue;
        }
        QStringList actions;
        for (const Column &attribute : old->attributes) {
            if (!std::any_of(type->attributes.cbegin(), type->attributes.cend(),
                    [&](const Column &a) { return a.name == attribute.name; }))
                actions.append(QStringLiteral("DROP ATTRIBUTE %1").arg(quoteName(attribute.name)));
        }
        for (const Column &attribute : type->attributes) {
            const auto found = std::find_if(old->attributes.cbegin(), old->attributes.cend(),
                [&](const Column &a) { return a.name == attribute.name; });
            if (found == old->attributes.cend())
                actions.append(QStringLiteral("ADD ATTRIBUTE %1").arg(PostgresDdl::columnDefinition(attribute)));
            else if (found->type != attribute.type || found->collation != attribute.collation)
                actions.append(
                    QStringLiteral("ALTER ATTRIBUTE %1 TYPE %2%3")
                        .arg(quoteName(attribute.name), attribute.type,
                            attribute.collation.isEmpty() ? QString()
                                                          : QLatin1String(" COLLATE ") + attribute.collation));
        }
        if (!actions.isEmpty())
            add(DiffStep::AlterTypes, SchemaChange::Action::Alter, kind, name,
                QStringLiteral("ALTER TYPE %1 %2;").arg(name, actions.join(QLatin1String(", "))));
    }
    for (const CompositeType *type : from) {
        if (!to.contains(type->name.sql()))
            add(DiffStep::DropTypes, SchemaChange::Action::Drop, kind, type->name.sql(),
                QStringLiteral("DROP TYPE %1;").arg(type->name.sql()));
    }
}

void DiffBuilder::compareSequences()
{
    const auto from = byKey(m_from.sequences, nameKey<Sequence>);
    const auto to = byKey(m_to.sequences, nameKey<Sequence>);
    const QString kind = QStringLiteral("sequence");
    for (const Sequence *sequence : to) {
        const QString name = sequence->name.sql();
        const Sequence *old = from.value(name);
        if (!old) {
            add(DiffStep::CreateSequences, SchemaChange::Action::Create, kind, name,
                PostgresDdl::createSequence(*sequence));
            if (!sequence->ownedByTable.isEmpty())
                add(DiffStep::AlterSequences, SchemaChange::Action::Alter, kind, name, PostgresDdl::ownedBy(*sequence));
            continue;
        }
        Sequence options = *old;
        options.ownedByTable = sequence->ownedByTable;
        options.ownedByColumn = sequence->ownedByColumn;
        if (options != *sequence)
            add(DiffStep::AlterSequences, SchemaChange::Action::Alter, kind, name,
                QStringLiteral("ALTER SEQUENCE %1 %2;").arg(name, PostgresDdl::sequenceOptions(*sequence)));
        if (old->ownedByTable != sequence->ownedByTable || old->ownedByColumn != sequence->ownedByColumn)
            add(DiffStep::AlterSequences, SchemaChange::Action::Alter, kind, name, PostgresDdl::ownedBy(*sequence));
    }
    for (const Sequence *sequence : from) {
        if (to.contains(sequence->name.sql()))
            continue;
        // A sequence owned by a column goes with the column or its table.
        if (!sequence->ownedByTable.isEmpty()) {
            const Table *table = m_to.table(sequence->ownedByTable);
            if (!table || !table->column(sequence->ownedByColumn))
                continue;
        }
        add(DiffStep::DropLateObjects, SchemaChange::Action::Drop, kind, sequence->name.sql(),
            QStringLiteral("DROP SEQUENCE %1;").arg(sequence->name.sql()));
    }
}

void DiffBuilder::compareRoutines()
{
    const auto from = byKey(m_from.routines, [](const Routine &r) { return r.signature(); });
    const auto to = byKey(m_to.routines, [](const Routine &r) { return r.signature(); });
    const auto dropSql = [](const Routine &routine) {
        return QStringLiteral("DROP %1 %2;")
            .arg(routine.procedure ? QStringLiteral("PROCEDURE") : QStringLiteral("FUNCTION"), routine.signature());
    };
    const auto kindOf = [](const Routine &routine) {
        return routine.procedure ? QStringLiteral("procedure") : QStringLiteral("function");
    };
    // A function that names a table created by this diff (SETOF it, or in a
    // body that is parsed at once) comes after the tables.
    QStringList createdTables;
    for (const Table &table : m_to.tables) {
        if (!m_from.table(table.name))
            createdTables.append(table.name.sql());
    }
    const auto stepFor = [&](const Routine &routine) {
        for (const QString &table : std::as_const(createdTables)) {
            if (routine.definition.contains(table))
                return DiffStep::CreateLateRoutines;
        }
        return DiffStep::CreateRoutines;
    };
    for (const Routine *routine : to) {
        const QString signature = routine->signature();
        const Routine *old = from.value(signature);
        if (old && old->definition == routine->definition)
            continue;
        if (old && (old->result != routine->result || old->procedure != routine->procedure)) {
            // CREATE OR REPLACE cannot change what a function returns.
            add(DiffStep::DropRoutinesEarly, SchemaChange::Action::Drop, kindOf(*old), signature, dropSql(*old));
            m_recreatedRoutines.insert(signature);
        }
        add(stepFor(*routine), old ? SchemaChange::Action::Alter : SchemaChange::Action::Create, kindOf(*routine),
            signature, routine->definition);
    }
    // A function that names a table dropped by this diff (SETOF it) must
    // go before the table.
    QStringList droppedTables;
    for (const Table &table : m_from.tables) {
        if (!m_to.table(table.name))
            droppedTables.append(table.name.sql());
    }
    for (const Routine *routine : from) {
        if (to.contains(routine->signature()))
            continue;
        const bool namesDroppedTable = std::any_of(droppedTables.cbegin(), droppedTables.cend(),
            [&](const QString &table) { return routine->definition.contains(table); });
        add(namesDroppedTable ? DiffStep::DropRoutinesEarly : DiffStep::DropLateObjects, SchemaChange::Action::Drop,
            kindOf(*routine), routine->signature(), dropSql(*routine));
    }
}

void DiffBuilder::compareUnknown()
{
    const auto key = [](const UnknownObject &o) { return o.kind + QLatin1Char(' ') + o.identity; };
    const auto from = byKey(m_from.unknownObjects, key);
    const auto to = byKey(m_to.unknownObjects, key);
    for (const UnknownObject *object : to) {
        const UnknownObject *old = from.value(key(*object));
        if (old && *old == *object)
            continue;
        if (!object->definition.isEmpty() && !old) {
            add(DiffStep::Unknown, SchemaChange::Action::Create, object->kind, object->identity,
                withSemicolon(object->definition), {},
                tr("Retort does not model %1 objects yet; the server's definition is kept verbatim").arg(object->kind));
            continue;
        }
        add(DiffStep::Unknown, old ? SchemaChange::Action::Alter : SchemaChange::Action::Create, object->kind,
            object->identity, object->definition.isEmpty() ? QString() : withSemicolon(object->definition), {}, {},
            tr("Retort does not model %1 objects yet: %2 %3 by hand")
                .arg(object->kind, old ? tr("change") : tr("create"), object->identity));
    }
    for (const UnknownObject *object : from) {
        if (!to.contains(key(*object)))
            add(DiffStep::Unknown, SchemaChange::Action::Drop, object->kind, object->identity, {}, {}, {},
                tr("Retort does not model %1 objects yet: drop %2 by hand").arg(object->kind, object->identity));
    }
}

void DiffBuilder::markEnumValueUse()
{
    // Since PostgreSQL 12 ADD VALUE may run in a transaction, but the new
    // value cannot be used before that transaction commits.
    QList<SchemaChange> &alters = m_steps[int(DiffStep::AlterTypes)];
    for (const auto &[type, label] : std::as_const(m_addedEnumValues)) {
        const QString use = quoteLiteral(label) + QLatin1String("::") + type;
        bool used = false;
        for (int step = int(DiffStep::AlterTypes) + 1; step < int(DiffStep::Count) && !used; ++step) {
            for (const SchemaChange &change : std::as_const(m_steps[step]))
                used = used || change.sql.contains(use);
        }
        for (SchemaChange &change : alters) {
            if (change.kind == QLatin1String("enum value") &&
                change.object == type + QLatin1Char('.') + quoteLiteral(label) && used) {
                change.risks |= ChangeRisk::NotInTransaction;
                change.note = tr("later changes use the new value, which PostgreSQL allows only after this "
                                 "statement's transaction commits");
            }
        }
    }
}

} // namespace Retort
