#include "postgresddl.h"
#include "schemadiff_p.h"

#include <QCoreApplication>
#include <QMap>
#include <QRegularExpression>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::SchemaDiff", text);
}

constexpr ChangeRisks lockRisk = ChangeRisk::AccessExclusiveLock;

QString alter(const QualifiedName &table, const QString &action)
{
    return QStringLiteral("ALTER TABLE %1 %2;").arg(table.sql(), action);
}

bool isForeignKey(const Constraint &constraint)
{
    return constraint.type == ConstraintType::ForeignKey;
}

bool isKey(const Constraint &constraint)
{
    return constraint.type == ConstraintType::PrimaryKey || constraint.type == ConstraintType::Unique;
}

// Whether changing a column from `from` to `to` keeps the stored bytes (no
// rewrite): a longer or unlimited varchar, varchar to text, a wider numeric
// of the same scale.
bool keepsStorage(const QString &from, const QString &to)
{
    static const QRegularExpression varchar(QStringLiteral("^character varying(?:\\((\\d+)\\))?$"));
    static const QRegularExpression numeric(QStringLiteral("^numeric(?:\\((\\d+),(\\d+)\\))?$"));
    const auto a = varchar.match(from);
    if (a.hasMatch()) {
        if (to == QLatin1String("text"))
            return true;
        const auto b = varchar.match(to);
        return b.hasMatch() &&
            (b.captured(1).isEmpty() || (!a.captured(1).isEmpty() && b.captured(1).toInt() >= a.captured(1).toInt()));
    }
    const auto c = numeric.match(from);
    const auto d = numeric.match(to);
    if (c.hasMatch() && d.hasMatch())
        return d.captured(1).isEmpty() ||
            (!c.captured(1).isEmpty() && c.captured(2) == d.captured(2) &&
                d.captured(1).toInt() >= c.captured(1).toInt());
    return false;
}

// Dropped tables with those that reference others first, so that each DROP
// meets no foreign key from a table still to be dropped.
QList<const Table *> dropOrder(QList<const Table *> tables)
{
    QList<const Table *> ordered;
    while (!tables.isEmpty()) {
        qsizetype next = 0;
        for (qsizetype i = 0; i < tables.size(); ++i) {
            const bool referenced = std::any_of(tables.cbegin(), tables.cend(), [&](const Table *other) {
                return other != tables.at(i) &&
                    std::any_of(other->constraints.cbegin(), other->constraints.cend(), [&](const Constraint &c) {
                        return isForeignKey(c) && c.referencedTable == tables.at(i)->name;
                    });
            });
            if (!referenced) {
                next = i;
                break;
            }
        }
        ordered.append(tables.takeAt(next));
    }
    return ordered;
}

} // namespace

void DiffBuilder::compareTables()
{
    QList<const Table *> dropped;
    for (const Table &table : m_from.tables) {
        // Dropping a partitioned table drops its partitions.
        if (!m_to.table(table.name) && !(table.isPartition() && !m_to.table(table.partitionOf)))
            dropped.append(&table);
    }
    for (const Table *table : dropOrder(dropped))
        dropTable(*table);
    // Parents before their partitions.
    QList<const Table *> created;
    for (const Table &table : m_to.tables) {
        if (!m_from.table(table.name))
            created.append(&table);
    }
    const auto depth = [&](const Table *table) {
        int level = 0;
        for (const Table *t = table; t && t->isPartition(); t = m_to.table(t->partitionOf))
            ++level;
        return level;
    };
    std::stable_sort(
        created.begin(), created.end(), [&](const Table *a, const Table *b) { return depth(a) < depth(b); });
    for (const Table *table : std::as_const(created))
        createTable(*table);
    for (const Table &table : m_to.tables) {
        if (const Table *old = m_from.table(table.name))
            alterTable(*old, table);
    }
}

void DiffBuilder::createTable(const Table &table)
{
    add(DiffStep::CreateTables, SchemaChange::Action::Create, QStringLiteral("table"), table.name.sql(),
        PostgresDdl::createTable(table));
    Table empty;
    empty.name = table.name;
    empty.columns = table.columns;
    empty.partitionOf = table.partitionOf;
    compareConstraints(empty, table);
    compareIndexes(table.name, {}, table.indexes);
    compareTriggers(table.name, {}, table.triggers);
    comparePolicies(empty, table);
    compareRowSecurity(empty, table);
}

void DiffBuilder::dropTable(const Table &table)
{
    add(DiffStep::DropTables, SchemaChange::Action::Drop, QStringLiteral("table"), table.name.sql(),
        QStringLiteral("DROP TABLE %1;").arg(table.name.sql()), ChangeRisk::DeletesData | lockRisk);
}

void DiffBuilder::alterTable(const Table &from, const Table &to)
{
    const QString name = to.name.sql();
    const QString kind = QStringLiteral("table");
    if (from.kind != to.kind || from.partitionKey != to.partitionKey) {
        add(DiffStep::AlterTables, SchemaChange::Action::Alter, kind, name, PostgresDdl::createTable(to), {}, {},
            tr("PostgreSQL cannot change how an existing table is partitioned: create the new table, copy the rows "
               "and swap the names by hand"));
    }
    if (from.partitionOf != to.partitionOf || from.partitionBound != to.partitionBound) {
        if (from.isPartition())
            add(DiffStep::AlterTables, SchemaChange::Action::Alter, QStringLiteral("partition"), name,
                alter(from.partitionOf, QStringLiteral("DETACH PARTITION %1").arg(name)), lockRisk);
        if (to.isPartition())
            add(DiffStep::AlterTables, SchemaChange::Action::Alter, QStringLiteral("partition"), name,
                alter(to.partitionOf, QStringLiteral("ATTACH PARTITION %1 %2").arg(name, to.partitionBound)), {},
                tr("scans the table to check the partition bound"));
    }
    if (from.unlogged != to.unlogged)
        add(DiffStep::AlterTables, SchemaChange::Action::Alter, kind, name,
            alter(to.name, to.unlogged ? QStringLiteral("SET UNLOGGED") : QStringLiteral("SET LOGGED")),
            ChangeRisk::RewritesTable | lockRisk);
    if (from.options != to.options) {
        QStringList reset;
        for (const QString &option : from.options) {
            const QString key = option.section(QLatin1Char('='), 0, 0);
            if (!std::any_of(to.options.cbegin(), to.options.cend(),
                    [&](const QString &o) { return o.section(QLatin1Char('='), 0, 0) == key; }))
                reset.append(key);
        }
        QStringList statements;
        if (!reset.isEmpty())
            statements.append(alter(to.name, QStringLiteral("RESET (%1)").arg(reset.join(QLatin1String(", ")))));
        if (!to.options.isEmpty())
            statements.append(alter(to.name, QStringLiteral("SET (%1)").arg(to.options.join(QLatin1String(", ")))));
        add(DiffStep::AlterTables, SchemaChange::Action::Alter, kind, name, statements.join(QLatin1Char('\n')),
            lockRisk);
    }
    // A partition's columns are its parent's.
    if (!(from.isPartition() && to.isPartition()))
        compareColumns(from, to);
    compareConstraints(from, to);
    compareIndexes(to.name, from.indexes, to.indexes);
    compareTriggers(to.name, from.triggers, to.triggers);
    comparePolicies(from, to);
    compareRowSecurity(from, to);
}

bool DiffBuilder::columnIsUsed(const Table &table, const QString &column) const
{
    const QString key = SchemaModel::columnKey(table.name, column);
    for (const View &view : m_from.views) {
        if (view.dependencies.contains(key))
            return true;
    }
    for (const Constraint &constraint : table.constraints) {
        if (constraint.columns.contains(column))
            return true;
    }
    // Index definitions are the server's text; a quoted or plain name in
    // them is enough to stay careful.
    const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(quoteName(column))));
    return std::any_of(table.indexes.cbegin(), table.indexes.cend(),
        [&](const Index &index) { return index.definition.contains(word); });
}

void DiffBuilder::compareColumns(const Table &from, const Table &to)
{
    const QString kind = QStringLiteral("column");
    QList<const Column *> dropped;
    QList<const Column *> added;
    for (const Column &column : from.columns) {
        if (!to.column(column.name))
            dropped.append(&column);
    }
    for (const Column &column : to.columns) {
        if (!from.column(column.name))
            added.append(&column);
    }
    const auto renameCandidate = [](const QList<const Column *> &list, const Column &column) -> const Column * {
        const auto found =
            std::find_if(list.cbegin(), list.cend(), [&](const Column *c) { return c->type == column.type; });
        return found == list.cend() ? nullptr : *found;
    };
    for (const Column *column : std::as_const(dropped)) {
        const QString object = to.name.sql() + QLatin1Char('.') + quoteName(column->name);
        ChangeRisks risks = ChangeRisk::DeletesData | lockRisk;
        QString note;
        if (const Column *other = renameCandidate(added, *column)) {
            risks |= ChangeRisk::PossibleRename;
            note = tr("possible rename: %1 was dropped and %2 of the same type added; if it is a rename, "
                      "ALTER TABLE %3 RENAME COLUMN %1 TO %2 keeps the data")
                       .arg(quoteName(column->name), quoteName(other->name), to.name.sql());
        }
        add(DiffStep::DropColumns, SchemaChange::Action::Drop, kind, object,
            alter(to.name, QStringLiteral("DROP COLUMN %1").arg(quoteName(column->name))), risks, note);
    }
    for (const Column *column : std::as_const(added)) {
        const QString object = to.name.sql() + QLatin1Char('.') + quoteName(column->name);
        ChangeRisks risks = lockRisk;
        QStringList notes;
        if (const Column *other = renameCandidate(dropped, *column)) {
            risks |= ChangeRisk::PossibleRename;
            notes.append(tr("possible rename of %1 (see its drop above)").arg(quoteName(other->name)));
        }
        if (!column->generatedExpression.isEmpty() || !column->identity.isEmpty())
            risks |= ChangeRisk::RewritesTable;
        else if (column->notNull && column->defaultExpression.isEmpty())
            notes.append(tr("fails if the table has rows: NOT NULL without a default"));
        if (column != &to.columns.last() && !added.contains(&to.columns.last()))
            notes.append(tr("PostgreSQL adds the column at the end of the table"));
        add(DiffStep::AlterTables, SchemaChange::Action::Create, kind, object,
            alter(to.name, QStringLiteral("ADD COLUMN %1").arg(PostgresDdl::columnDefinition(*column))), risks,
            notes.join(QLatin1String("; ")));
    }
    for (const Column &column : to.columns) {
        const Column *old = from.column(column.name);
        if (!old || *old == column)
            continue;
        const QString object = to.name.sql() + QLatin1Char('.') + quoteName(column.name);
        const QString name = quoteName(column.name);
        QStringList actions;
        ChangeRisks risks = lockRisk;
        QStringList notes;
        const bool retyped = old->type != column.type || old->collation != column.collation;
        if (!old->identity.isEmpty() && column.identity.isEmpty())
            actions.append(QStringLiteral("ALTER COLUMN %1 DROP IDENTITY").arg(name));
        if (old->generatedExpression != column.generatedExpression) {
            if (column.generatedExpression.isEmpty()) {
                actions.append(QStringLiteral("ALTER COLUMN %1 DROP EXPRESSION").arg(name));
            } else if (!old->generatedExpression.isEmpty() && m_to.serverVersion >= 170000) {
                actions.append(
                    QStringLiteral("ALTER COLUMN %1 SET EXPRESSION AS (%2)").arg(name, column.generatedExpression));
                risks |= ChangeRisk::RewritesTable;
            } else {
                // Dropping the column loses nothing a generated column
                // would keep (its values are computed again), unless
                // something else is built on it.
                const bool usedElsewhere = columnIsUsed(from, old->name);
                add(DiffStep::AlterTables, SchemaChange::Action::Alter, kind, object,
                    alter(to.name, QStringLiteral("DROP COLUMN %1").arg(name)) + QLatin1Char('\n') +
                        alter(to.name, QStringLiteral("ADD COLUMN %1").arg(PostgresDdl::columnDefinition(column))),
                    risks | ChangeRisk::RewritesTable |
                        (old->generatedExpression.isEmpty() ? ChangeRisk::DeletesData : ChangeRisks()),
                    old->generatedExpression.isEmpty()
                        ? tr("PostgreSQL cannot turn an existing column into a generated one: it is dropped (with "
                             "its values) and added again, computed, at the end of the table")
                        : tr("PostgreSQL before version 17 cannot change a generation expression: the column is "
                             "dropped and added again, computed, at the end of the table"),
                    usedElsewhere ? tr("an index, constraint or view uses the column: drop the column and add it "
                                       "again by hand, with what uses it")
                                  : QString());
                continue;
            }
        }
        if (retyped && !old->defaultExpression.isEmpty())
            actions.append(QStringLiteral("ALTER COLUMN %1 DROP DEFAULT").arg(name));
        if (retyped) {
            actions.append(
                QStringLiteral("ALTER COLUMN %1 TYPE %2%3 USING %1::%2")
                    .arg(name, column.type,
                        column.collation.isEmpty() ? QString() : QLatin1String(" COLLATE ") + column.collation));
            if (!keepsStorage(old->type, column.type) || old->collation != column.collation)
                risks |= ChangeRisk::RewritesTable;
            notes.append(tr("fails if a value does not convert to %1").arg(column.type));
        }
        if ((retyped || old->defaultExpression != column.defaultExpression) && !column.defaultExpression.isEmpty())
            actions.append(QStringLiteral("ALTER COLUMN %1 SET DEFAULT %2").arg(name, column.defaultExpression));
        else if (!retyped && !old->defaultExpression.isEmpty() && column.defaultExpression.isEmpty())
            actions.append(QStringLiteral("ALTER COLUMN %1 DROP DEFAULT").arg(name));
        if (old->notNull != column.notNull && column.identity.isEmpty()) {
            actions.append(QStringLiteral("ALTER COLUMN %1 %2 NOT NULL")
                               .arg(name, column.notNull ? QStringLiteral("SET") : QStringLiteral("DROP")));
            if (column.notNull)
                notes.append(tr("scans the table and fails if a row holds NULL"));
        }
        if (old->identity.isEmpty() && !column.identity.isEmpty())
            actions.append(QStringLiteral("ALTER COLUMN %1 ADD GENERATED %2 AS IDENTITY").arg(name, column.identity));
        else if (!old->identity.isEmpty() && !column.identity.isEmpty() && old->identity != column.identity)
            actions.append(QStringLiteral("ALTER COLUMN %1 SET GENERATED %2").arg(name, column.identity));
        if (actions.isEmpty())
            continue;
        add(DiffStep::AlterTables, SchemaChange::Action::Alter, kind, object,
            QStringLiteral("ALTER TABLE %1 %2;").arg(to.name.sql(), actions.join(QLatin1String(",\n    "))), risks,
            notes.join(QLatin1String("; ")));
    }
}

void DiffBuilder::compareConstraints(const Table &from, const Table &to)
{
    // A foreign key must be dropped before the key it references, and
    // created again after it: those referencing a table whose keys change.
    const auto keysChange = [&](const QualifiedName &tableName) {
        const Table *before = m_from.table(tableName);
        const Table *after = m_to.table(tableName);
        if (!before || !after)
            return false;
        for (const Constraint &constraint : before->constraints) {
            if (!isKey(constraint))
                continue;
            const auto found = std::find_if(after->constraints.cbegin(), after->constraints.cend(),
                [&](const Constraint &c) { return c.name == constraint.name; });
            if (found == after->constraints.cend() || *found != constraint)
                return true;
        }
        return false;
    };
    const auto oldByName = [&](const QString &name) -> const Constraint * {
        const auto found = std::find_if(
            from.constraints.cbegin(), from.constraints.cend(), [&](const Constraint &c) { return c.name == name; });
        return found == from.constraints.cend() ? nullptr : &*found;
    };
    const auto newByName = [&](const QString &name) -> const Constraint * {
        const auto found = std::find_if(
            to.constraints.cbegin(), to.constraints.cend(), [&](const Constraint &c) { return c.name == name; });
        return found == to.constraints.cend() ? nullptr : &*found;
    };
    const auto validates = [](const Constraint *before, const Constraint &after) {
        return before && before->definition == after.definition + QLatin1String(" NOT VALID");
    };
    const QString kind = QStringLiteral("constraint");
    const auto object = [&](const Constraint &c) { return to.name.sql() + QLatin1Char('.') + quoteName(c.name); };
    const auto recreated = [&](const Constraint &c) {
        return isForeignKey(c) && keysChange(c.referencedTable) && m_from.table(to.name);
    };
    for (const Constraint &constraint : from.constraints) {
        const Constraint *now = newByName(constraint.name);
        if (now && (*now == constraint || validates(&constraint, *now)) && !recreated(constraint))
            continue;
        add(isForeignKey(constraint) ? DiffStep::DropForeignKeys : DiffStep::DropConstraints,
            SchemaChange::Action::Drop, kind, object(constraint), PostgresDdl::dropConstraint(to.name, constraint.name),
            lockRisk, now ? tr("created again below") : QString());
    }
    for (const Constraint &constraint : to.constraints) {
        const Constraint *old = oldByName(constraint.name);
        if (old && *old == constraint && !recreated(constraint))
            continue;
        const DiffStep step = isForeignKey(constraint) ? DiffStep::CreateForeignKeys : DiffStep::CreateConstraints;
        if (validates(old, constraint) && !recreated(constraint)) {
            add(step, SchemaChange::Action::Alter, kind, object(constraint),
                alter(to.name, QStringLiteral("VALIDATE CONSTRAINT %1").arg(quoteName(constraint.name))), {},
                tr("scans the table; fails if a row breaks the constraint"));
            continue;
        }
        QString note;
        if (m_from.table(to.name) && !constraint.definition.endsWith(QLatin1String("NOT VALID")))
            note = constraint.type == ConstraintType::Check || isForeignKey(constraint)
                ? tr("scans the table; fails if a row breaks the constraint")
                : tr("builds an index; fails if rows break the constraint");
        add(step, old ? SchemaChange::Action::Alter : SchemaChange::Action::Create, kind, object(constraint),
            PostgresDdl::addConstraint(to.name, constraint), m_from.table(to.name) ? lockRisk : ChangeRisks(), note);
    }
}

void DiffBuilder::compareIndexes(const QualifiedName &owner, const QList<Index> &from, const QList<Index> &to)
{
    const bool existing = m_from.table(owner) || m_from.view(owner);
    const QString kind = QStringLiteral("index");
    for (const Index &index : from) {
        const auto now = std::find_if(to.cbegin(), to.cend(), [&](const Index &i) { return i.name == index.name; });
        if (now != to.cend() && *now == index)
            continue;
        const QString name = QualifiedName { owner.schema, index.name }.sql();
        add(DiffStep::DropIndexes, SchemaChange::Action::Drop, kind, name, QStringLiteral("DROP INDEX %1;").arg(name),
            lockRisk, now != to.cend() ? tr("created again below") : QString());
    }
    for (const Index &index : to) {
        const auto old = std::find_if(from.cbegin(), from.cend(), [&](const Index &i) { return i.name == index.name; });
        if (old != from.cend() && *old == index)
            continue;
        // A materialized view's indexes come after the views are created.
        add(m_to.view(owner) ? DiffStep::CreateViewIndexes : DiffStep::CreateIndexes,
            old != from.cend() ? SchemaChange::Action::Alter : SchemaChange::Action::Create, kind,
            QualifiedName { owner.schema, index.name }.sql(), index.definition + QLatin1Char(';'), {},
            existing ? tr("blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a "
                          "transaction)")
                     : QString());
    }
}

void DiffBuilder::compareTriggers(const QualifiedName &owner, const QList<Trigger> &from, const QList<Trigger> &to)
{
    const QString kind = QStringLiteral("trigger");
    const auto recreated = [&](const Trigger &trigger) { return m_recreatedRoutines.contains(trigger.function); };
    for (const Trigger &trigger : from) {
        const auto now = std::find_if(to.cbegin(), to.cend(), [&](const Trigger &t) { return t.name == trigger.name; });
        if (now != to.cend() && *now == trigger && !recreated(trigger))
            continue;
        add(DiffStep::DropTriggers, SchemaChange::Action::Drop, kind,
            owner.sql() + QLatin1Char('.') + quoteName(trigger.name),
            QStringLiteral("DROP TRIGGER %1 ON %2;").arg(quoteName(trigger.name), owner.sql()), lockRisk);
    }
    for (const Trigger &trigger : to) {
        const auto old =
            std::find_if(from.cbegin(), from.cend(), [&](const Trigger &t) { return t.name == trigger.name; });
        if (old != from.cend() && *old == trigger && !recreated(trigger))
            continue;
        add(DiffStep::CreateTriggers, old != from.cend() ? SchemaChange::Action::Alter : SchemaChange::Action::Create,
            kind, owner.sql() + QLatin1Char('.') + quoteName(trigger.name), trigger.definition + QLatin1Char(';'));
    }
}

void DiffBuilder::comparePolicies(const Table &from, const Table &to)
{
    const QString kind = QStringLiteral("policy");
    for (const Policy &policy : from.policies) {
        const auto now = std::find_if(
            to.policies.cbegin(), to.policies.cend(), [&](const Policy &p) { return p.name == policy.name; });
        if (now != to.policies.cend() && *now == policy)
            continue;
        add(DiffStep::DropPolicies, SchemaChange::Action::Drop, kind,
            to.name.sql() + QLatin1Char('.') + quoteName(policy.name),
            QStringLiteral("DROP POLICY %1 ON %2;").arg(quoteName(policy.name), to.name.sql()));
    }
    for (const Policy &policy : to.policies) {
        const auto old = std::find_if(
            from.policies.cbegin(), from.policies.cend(), [&](const Policy &p) { return p.name == policy.name; });
        if (old != from.policies.cend() && *old == policy)
            continue;
        add(DiffStep::CreatePolicies,
            old != from.policies.cend() ? SchemaChange::Action::Alter : SchemaChange::Action::Create, kind,
            to.name.sql() + QLatin1Char('.') + quoteName(policy.name), PostgresDdl::createPolicy(to.name, policy));
    }
}

void DiffBuilder::compareRowSecurity(const Table &from, const Table &to)
{
    const QString kind = QStringLiteral("row security");
    if (from.rowSecurity != to.rowSecurity)
        add(DiffStep::AlterTables, SchemaChange::Action::Alter, kind, to.name.sql(),
            alter(to.name,
                to.rowSecurity ? QStringLiteral("ENABLE ROW LEVEL SECURITY")
                               : QStringLiteral("DISABLE ROW LEVEL SECURITY")),
            lockRisk);
    if (from.forceRowSecurity != to.forceRowSecurity)
        add(DiffStep::AlterTables, SchemaChange::Action::Alter, kind, to.name.sql(),
            alter(to.name,
                to.forceRowSecurity ? QStringLiteral("FORCE ROW LEVEL SECURITY")
                                    : QStringLiteral("NO FORCE ROW LEVEL SECURITY")),
            lockRisk);
}

} // namespace Retort
