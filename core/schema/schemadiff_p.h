#pragma once

#include "schemachange.h"
#include "schemamodel.h"

#include <QMap>
#include <QSet>

namespace Retort {

// The steps of a PostgreSQL diff, in the order they run. Each change goes
// to one step; within a step, changes keep the (sorted) order they were made
// in. Objects are dropped early when something else must be changed after
// they are gone (triggers, views, foreign keys, columns) and late when they
// may still be used until then (functions, sequences, types, schemas).
enum class DiffStep {
    DropTriggers,
    DropPolicies,
    DropViews,
    DropRoutinesEarly,
    DropForeignKeys,
    DropConstraints,
    DropIndexes,
    DropColumns,
    DropTables,
    CreateSchemas,
    CreateExtensions,
    CreateTypes,
    AlterTypes,
    CreateSequences,
    CreateRoutines,
    CreateTables,
    CreateLateRoutines,
    AlterTables,
    AlterSequences,
    CreateConstraints,
    CreateIndexes,
    CreateForeignKeys,
    CreateViews,
    CreateViewIndexes,
    CreateTriggers,
    CreatePolicies,
    DropLateObjects,
    DropTypes,
    DropExtensions,
    DropSchemas,
    Comments,
    Privileges,
    Unknown,
    Count
};

class DiffBuilder
{
public:
    DiffBuilder(const SchemaModel &from, const SchemaModel &to);
    QList<SchemaChange> build();

private:
    void add(DiffStep step, SchemaChange::Action action, const QString &kind, const QString &object, const QString &sql,
        ChangeRisks risks = {}, const QString &note = {}, const QString &problem = {});

    void compareSchemasAndExtensions();
    void compareEnums();
    void compareDomains();
    void compareComposites();
    void compareSequences();
    void compareRoutines();
    void compareViews();
    void compareComments();
    void comparePrivileges();
    void compareUnknown();
    void markEnumValueUse();
    void swapEnum(const EnumType &old, const EnumType &type);

    // tablediff.cpp
    void compareTables();
    void createTable(const Table &table);
    void dropTable(const Table &table);
    void alterTable(const Table &from, const Table &to);
    void compareColumns(const Table &from, const Table &to);
    // Whether a view, a constraint or an index of `table` (in `from`) uses `column`.
    bool columnIsUsed(const Table &table, const QString &column) const;
    void compareConstraints(const Table &from, const Table &to);
    void compareIndexes(const QualifiedName &owner, const QList<Index> &from, const QList<Index> &to);
    void compareTriggers(const QualifiedName &owner, const QList<Trigger> &from, const QList<Trigger> &to);
    void comparePolicies(const Table &from, const Table &to);
    void compareRowSecurity(const Table &from, const Table &to);

    // Views to drop and create again because something they read changes.
    QSet<QString> changedDependencyKeys() const;
    QList<View> viewsInDependencyOrder(const QList<View> &views) const;

    const SchemaModel &m_from;
    const SchemaModel &m_to;
    QList<SchemaChange> m_steps[int(DiffStep::Count)];
    // Relations whose comments and privileges went with them (a recreated
    // view): those of `to` are applied again.
    QSet<QString> m_recreatedRelations;
    QSet<QString> m_recreatedRoutines;
    QSet<QString> m_droppedRoutinesEarly;
    QList<std::pair<QString, QString>> m_addedEnumValues; // type, label
    // Columns converted to a swapped enum, and the swapped types: views that
    // read them are recreated.
    QSet<QString> m_swappedColumns;
    QSet<QString> m_swappedTypes;
};

} // namespace Retort
