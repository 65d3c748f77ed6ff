#pragma once

#include "project/revision.h"

#include <QList>
#include <QString>

namespace Retort {

// One object of a schema as its text shows it: a statement of the
// canonical schema (a table, an index, a view...), or one column or
// constraint inside a CREATE TABLE. What the review's tree of changes and
// the attribution of each change to the migration that made it compare.
struct SchemaObject {
    QString kind; // "table", "column", "constraint", "index", "view", "function", "trigger", "sequence", "type",
                  // "comment", "statement"
    QString table; // the table it belongs to (columns, constraints, indexes, triggers); empty for top-level objects
    QString name; // its name as written (unquoted when it was quoted)
    QString text; // its definition, for showing and comparing

    QString key() const { return kind + QLatin1Char('\x1f') + table + QLatin1Char('\x1f') + name; }
};

// The objects of a schema text (readSchema()'s output), in text order.
QList<SchemaObject> schemaObjects(const QString &schema, Dialect dialect);

struct SchemaObjectChange {
    enum class Action { Added, Removed, Altered };
    Action action = Action::Added;
    SchemaObject before; // empty for Added
    SchemaObject after; // empty for Removed
    int step = -1; // the plan step that made it (see attributeChanges); -1 when not known

    const SchemaObject &object() const { return action == Action::Removed ? before : after; }
};

QString schemaActionName(SchemaObjectChange::Action action); // "added", "removed", "altered"

// What differs between two schema texts, object by object, ordered by
// table, then kind and name. A table added or removed is one change (its
// columns are in its text), not one per column.
QList<SchemaObjectChange> compareSchemaObjects(const QString &before, const QString &after, Dialect dialect);

// The changes from `before` to the last of `steps` (the schema after each
// step in turn), each marked with the last step that changed that object.
QList<SchemaObjectChange> attributeChanges(const QString &before, const QStringList &steps, Dialect dialect);

// The line of the first statement of `revision`'s migration in `direction`
// that names `name` (its last part: "email" of "public.users.email"), or
// of its first statement; 0 when the migration has no SQL to look in (an
// Alembic revision).
int statementLineFor(const Revision &revision, Direction direction, Dialect dialect, const QString &name);

} // namespace Retort
