#pragma once

#include "db/retortschema.h"
#include "project/revision.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <tuple>

namespace Retort {

// The schema of a database as plain values: what introspection reads (see
// SchemaIntrospector), what CanonicalDdl writes and what SchemaDiff compares.
// Names are kept as the catalog spells them (unquoted); expressions and
// definitions as the server prints them (pg_get_expr, pg_get_constraintdef,
// pg_get_indexdef, pg_get_viewdef, pg_get_functiondef, pg_get_triggerdef), so
// two databases with the same schema give equal models. Every list is sorted
// by name, so a model compares and prints the same way on every run.

// A schema-qualified name: public.orders.
struct QualifiedName {
    QString schema;
    QString name;

    // The SQL spelling, quoted where needed: public."Order".
    QString sql() const;
    // "schema.name", unquoted, for messages and JSON.
    QString text() const;
    bool isEmpty() const { return name.isEmpty(); }
    friend bool operator==(const QualifiedName &, const QualifiedName &) = default;
    friend bool operator<(const QualifiedName &a, const QualifiedName &b)
    {
        return a.schema != b.schema ? a.schema < b.schema : a.name < b.name;
    }
};

struct Column {
    QString name;
    QString type; // format_type(): "character varying(20)", "public.mood", "integer[]"
    QString collation; // empty: the type's default; else quoted and qualified
    QString defaultExpression; // empty: none
    bool notNull = false;
    QString identity; // "", "ALWAYS" or "BY DEFAULT"
    QString generatedExpression; // GENERATED ALWAYS AS (...) STORED, empty when not generated
    friend bool operator==(const Column &, const Column &) = default;
};

enum class ConstraintType { PrimaryKey, Unique, ForeignKey, Check, Exclusion, NotNull };

struct Constraint {
    QString name;
    ConstraintType type = ConstraintType::Check;
    QString definition; // pg_get_constraintdef(): "FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE NOT VALID"
    QualifiedName referencedTable; // foreign keys only
    QStringList columns; // the constrained columns, for dependencies
    friend bool operator==(const Constraint &, const Constraint &) = default;
};

struct Index {
    QString name;
    QString definition; // pg_get_indexdef(): "CREATE UNIQUE INDEX i ON public.t USING btree (lower(a)) WHERE ..."
    friend bool operator==(const Index &, const Index &) = default;
};

struct Trigger {
    QString name;
    QString definition; // pg_get_triggerdef()
    QString function; // the trigger function, e.g. "public.touch()", for dependencies
    friend bool operator==(const Trigger &, const Trigger &) = default;
};

struct Policy {
    QString name;
    bool permissive = true;
    QString command; // ALL, SELECT, INSERT, UPDATE, DELETE
    QStringList roles; // quoted role names, or PUBLIC
    QString usingExpression;
    QString checkExpression;
    friend bool operator==(const Policy &, const Policy &) = default;
};

enum class TableKind { Ordinary, Partitioned };

struct Table {
    QualifiedName name;
    TableKind kind = TableKind::Ordinary;
    bool unlogged = false;
    QString partitionKey; // pg_get_partkeydef(): "RANGE (created_at)"; partitioned tables only
    QualifiedName partitionOf; // the parent, for a partition
    QString partitionBound; // "FOR VALUES FROM (1) TO (10)", "DEFAULT"
    QStringList options; // reloptions: "fillfactor=70"
    bool rowSecurity = false;
    bool forceRowSecurity = false;
    QList<Column> columns; // in the table's column order
    QList<Constraint> constraints; // sorted by name; NOT NULL is on the column
    QList<Index> indexes; // sorted by name; those of constraints are left out
    QList<Trigger> triggers;
    QList<Policy> policies;
    QString definition; // SQLite only: the CREATE TABLE statement as stored

    bool isPartition() const { return !partitionOf.isEmpty(); }
    const Column *column(const QString &name) const;
    friend bool operator==(const Table &, const Table &) = default;
};

struct View {
    QualifiedName name;
    bool materialized = false;
    QString definition; // pg_get_viewdef(), the query only
    QStringList options; // reloptions: "security_barrier=true", "check_option=local"
    // What the view reads, as dependency keys (see SchemaModel::relationKey
    // and columnKey): the relations and columns, functions and types.
    QStringList dependencies;
    QList<Index> indexes; // materialized views only
    QList<Trigger> triggers; // INSTEAD OF triggers on views
    friend bool operator==(const View &, const View &) = default;
};

struct Sequence {
    QualifiedName name;
    QString type; // "bigint"
    qint64 start = 1;
    qint64 increment = 1;
    qint64 minValue = 1;
    qint64 maxValue = 0;
    qint64 cache = 1;
    bool cycle = false;
    QualifiedName ownedByTable; // OWNED BY table.column, empty: none
    QString ownedByColumn;
    friend bool operator==(const Sequence &, const Sequence &) = default;
};

struct Routine {
    QualifiedName name;
    QString arguments; // pg_get_function_identity_arguments(): "a integer, b text"
    bool procedure = false;
    QString result; // pg_get_function_result(), empty for procedures
    QString definition; // pg_get_functiondef(): CREATE OR REPLACE FUNCTION ...
    // "public.f(integer)", the identity used by DROP, COMMENT and GRANT.
    QString signature() const;
    friend bool operator==(const Routine &, const Routine &) = default;
};

struct EnumType {
    QualifiedName name;
    QStringList labels; // in the type's sort order
    friend bool operator==(const EnumType &, const EnumType &) = default;
};

struct Domain {
    QualifiedName name;
    QString baseType;
    QString collation;
    QString defaultExpression;
    bool notNull = false;
    QList<Constraint> constraints; // CHECK constraints, sorted by name
    friend bool operator==(const Domain &, const Domain &) = default;
};

struct CompositeType {
    QualifiedName name;
    QList<Column> attributes; // name, type and collation only
    friend bool operator==(const CompositeType &, const CompositeType &) = default;
};

struct Extension {
    QString name;
    QString schema;
    QString version;
    friend bool operator==(const Extension &, const Extension &) = default;
};

// COMMENT ON <target> IS '<text>'.
struct Comment {
    QString target; // "TABLE public.t", "COLUMN public.t.c", "FUNCTION public.f(integer)"
    QString text;
    friend bool operator==(const Comment &, const Comment &) = default;
    friend bool operator<(const Comment &a, const Comment &b) { return a.target < b.target; }
};

// One privilege that differs from the object's default (acldefault()): a
// GRANT, or a REVOKE of a default privilege (EXECUTE from PUBLIC on a
// function).
struct Privilege {
    QString target; // "TABLE public.t", "SCHEMA app", "FUNCTION public.f(integer)", "SEQUENCE public.s"
    QString grantee; // quoted role, or PUBLIC
    QString privilege; // SELECT, INSERT, USAGE, EXECUTE...
    bool grantable = false;
    bool revoked = false; // a default privilege taken away
    friend bool operator==(const Privilege &, const Privilege &) = default;
    friend bool operator<(const Privilege &a, const Privilege &b)
    {
        return std::tie(a.target, a.grantee, a.privilege, a.grantable, a.revoked) <
            std::tie(b.target, b.grantee, b.privilege, b.grantable, b.revoked);
    }
};

// An object the model does not know yet (a rule, an event trigger, a foreign
// table, an aggregate...): named, kept verbatim when the server can print it,
// and never dropped silently.
struct UnknownObject {
    QString kind; // "rule", "event trigger", "foreign table", "aggregate"...
    QString identity; // as pg_identify_object() prints it
    QString definition; // SQL, or empty when the server has no printer for it
    friend bool operator==(const UnknownObject &, const UnknownObject &) = default;
    friend bool operator<(const UnknownObject &a, const UnknownObject &b)
    {
        return std::tie(a.kind, a.identity) < std::tie(b.kind, b.identity);
    }
};

struct SchemaModel {
    Dialect dialect = Dialect::PostgreSQL;
    int serverVersion = 0; // server_version_num (170002), or SQLite's 3045001
    QStringList schemas; // user schemas, "public" included when it exists
    QList<Extension> extensions;
    QList<EnumType> enums;
    QList<Domain> domains;
    QList<CompositeType> compositeTypes;
    QList<Sequence> sequences;
    QList<Routine> routines;
    QList<Table> tables;
    QList<View> views;
    QList<Comment> comments;
    QList<Privilege> privileges;
    QList<UnknownObject> unknownObjects;

    const Table *table(const QualifiedName &name) const;
    const View *view(const QualifiedName &name) const;
    const Routine *routine(const QString &signature) const;
    // Sorts every list by name (code-point order, whatever the database's
    // collation), so that output does not depend on the server's locale.
    void sort();

    // Dependency keys, as View::dependencies holds them.
    static QString relationKey(const QualifiedName &name);
    static QString columnKey(const QualifiedName &table, const QString &column);
    static QString routineKey(const QString &signature);
    static QString typeKey(const QualifiedName &name);

    friend bool operator==(const SchemaModel &, const SchemaModel &) = default;
};

// Which objects a model leaves out: Retort's and Alembic's own bookkeeping
// unless told otherwise.
struct SchemaFilter {
    QStringList excludedSchemas { retortSchema() };
    QStringList excludedTables { QStringLiteral("retort_history"), QStringLiteral("alembic_version") };
    bool excludes(const QualifiedName &name) const;
};

// `name` quoted when PostgreSQL needs it (upper case, spaces, keywords).
QString quoteName(const QString &name);
// `text` as a string literal: 'it''s'.
QString quoteLiteral(const QString &text);

} // namespace Retort
