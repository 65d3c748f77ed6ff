#include "postgresddl.h"
#include "schemadiff_p.h"

#include <QMap>

namespace Retort {

namespace {

// What COMMENT ON and GRANT can name in a model, as the catalog queries
// spell targets, to tell a removed comment or privilege (undo it) from one
// that went with its object (nothing to do).
QSet<QString> targetsOf(const SchemaModel &model)
{
    QSet<QString> targets;
    for (const QString &schema : model.schemas)
        targets.insert(QLatin1String("SCHEMA ") + quoteName(schema));
    for (const Extension &extension : model.extensions)
        targets.insert(QLatin1String("EXTENSION ") + quoteName(extension.name));
    for (const Table &table : model.tables) {
        const QString name = table.name.sql();
        targets.insert(QLatin1String("TABLE ") + name);
        for (const Column &column : table.columns)
            targets.insert(QLatin1String("COLUMN ") + name + QLatin1Char('.') + quoteName(column.name));
        for (const Constraint &constraint : table.constraints)
            targets.insert(QLatin1String("CONSTRAINT ") + quoteName(constraint.name) + QLatin1String(" on ") + name);
        for (const Index &index : table.indexes)
            targets.insert(QLatin1String("INDEX ") + QualifiedName { table.name.schema, index.name }.sql());
        for (const Trigger &trigger : table.triggers)
            targets.insert(QLatin1String("TRIGGER ") + quoteName(trigger.name) + QLatin1String(" on ") + name);
        for (const Policy &policy : table.policies)
            targets.insert(QLatin1String("POLICY ") + quoteName(policy.name) + QLatin1String(" on ") + name);
    }
    for (const View &view : model.views) {
        targets.insert(
            (view.materialized ? QLatin1String("MATERIALIZED VIEW ") : QLatin1String("VIEW ")) + view.name.sql());
        targets.insert(QLatin1String("TABLE ") + view.name.sql());
        for (const Index &index : view.indexes)
            targets.insert(QLatin1String("INDEX ") + QualifiedName { view.name.schema, index.name }.sql());
    }
    for (const Sequence &sequence : model.sequences)
        targets.insert(QLatin1String("SEQUENCE ") + sequence.name.sql());
    for (const Routine &routine : model.routines)
        targets.insert(
            (routine.procedure ? QLatin1String("PROCEDURE ") : QLatin1String("FUNCTION ")) + routine.signature());
    const auto types = [&](const auto &list, const QString &kind) {
        for (const auto &type : list) {
            targets.insert(QLatin1String("TYPE ") + type.name.sql());
            targets.insert(kind + type.name.sql());
        }
    };
    types(model.enums, QStringLiteral("TYPE "));
    types(model.domains, QStringLiteral("DOMAIN "));
    types(model.compositeTypes, QStringLiteral("TYPE "));
    for (const Domain &domain : model.domains) {
        for (const Constraint &constraint : domain.constraints)
            targets.insert(QLatin1String("CONSTRAINT ") + quoteName(constraint.name) + QLatin1String(" ON DOMAIN ") +
                domain.name.sql());
    }
    return targets;
}

// Whether `target` belongs to a relation that was dropped and created
// again (its comments and privileges went with it).
bool onRecreated(const QString &target, const QSet<QString> &relations)
{
    for (const QString &relation : relations) {
        if (target.endsWith(QLatin1Char(' ') + relation) ||
            target.contains(QLatin1Char(' ') + relation + QLatin1Char('.')) ||
            target.endsWith(QLatin1String(" on ") + relation))
            return true;
    }
    return false;
}

bool targetExists(const QString &target, const QSet<QString> &targets, const SchemaModel &model)
{
    if (targets.contains(target))
        return true;
    // Columns of views are not in the model; the view's existence decides.
    if (target.startsWith(QLatin1String("COLUMN "))) {
        for (const View &view : model.views) {
            if (target.startsWith(QLatin1String("COLUMN ") + view.name.sql() + QLatin1Char('.')))
                return true;
        }
    }
    return false;
}

} // namespace

void DiffBuilder::compareComments()
{
    QMap<QString, QString> from;
    for (const Comment &comment : m_from.comments) {
        if (!onRecreated(comment.target, m_recreatedRelations))
            from.insert(comment.target, comment.text);
    }
    QMap<QString, QString> to;
    for (const Comment &comment : m_to.comments)
        to.insert(comment.target, comment.text);
    const QSet<QString> targets = targetsOf(m_to);
    for (auto it = from.cbegin(); it != from.cend(); ++it) {
        if (!to.contains(it.key()) && targetExists(it.key(), targets, m_to))
            add(DiffStep::Comments, SchemaChange::Action::Drop, QStringLiteral("comment"), it.key(),
                PostgresDdl::comment({ it.key(), QString() }));
    }
    for (auto it = to.cbegin(); it != to.cend(); ++it) {
        if (from.value(it.key()) != it.value() || !from.contains(it.key()))
            add(DiffStep::Comments,
                from.contains(it.key()) ? SchemaChange::Action::Alter : SchemaChange::Action::Create,
                QStringLiteral("comment"), it.key(), PostgresDdl::comment({ it.key(), it.value() }));
    }
}

void DiffBuilder::comparePrivileges()
{
    QList<Privilege> from;
    for (const Privilege &privilege : m_from.privileges) {
        if (!onRecreated(privilege.target, m_recreatedRelations))
            from.append(privilege);
    }
    const QSet<QString> targets = targetsOf(m_to);
    // Undo first, so that a privilege that only changed its grant option is
    // granted again afterwards.
    for (const Privilege &privilege : std::as_const(from)) {
        if (!m_to.privileges.contains(privilege) && targetExists(privilege.target, targets, m_to))
            add(DiffStep::Privileges, SchemaChange::Action::Drop, QStringLiteral("privilege"),
                privilege.target + QLatin1Char(' ') + privilege.grantee, PostgresDdl::grant(privilege, false));
    }
    for (const Privilege &privilege : m_to.privileges) {
        if (!from.contains(privilege))
            add(DiffStep::Privileges, SchemaChange::Action::Create, QStringLiteral("privilege"),
                privilege.target + QLatin1Char(' ') + privilege.grantee, PostgresDdl::grant(privilege, true));
    }
}

} // namespace Retort
