#include "postgresddl.h"
#include "schemadiff_p.h"

#include <QMap>

namespace Retort {

namespace {

QString viewKind(const View &view)
{
    return view.materialized ? QStringLiteral("materialized view") : QStringLiteral("view");
}

bool sameView(const View &a, const View &b)
{
    return a.materialized == b.materialized && a.definition == b.definition && a.options == b.options;
}

} // namespace

QSet<QString> DiffBuilder::changedDependencyKeys() const
{
    QSet<QString> keys;
    for (const Table &table : m_from.tables) {
        const Table *now = m_to.table(table.name);
        if (!now) {
            keys.insert(SchemaModel::relationKey(table.name));
            continue;
        }
        for (const Column &column : table.columns) {
            const Column *after = now->column(column.name);
            if (!after || after->type != column.type || after->collation != column.collation)
                keys.insert(SchemaModel::columnKey(table.name, column.name));
        }
    }
    for (const Routine &routine : m_from.routines) {
        if (!m_to.routine(routine.signature()) || m_recreatedRoutines.contains(routine.signature()))
            keys.insert(SchemaModel::routineKey(routine.signature()));
    }
    const auto dropped = [&](const auto &fromList, const auto &toList) {
        for (const auto &type : fromList) {
            if (std::none_of(toList.cbegin(), toList.cend(), [&](const auto &t) { return t.name == type.name; }))
                keys.insert(SchemaModel::typeKey(type.name));
        }
    };
    keys.unite(m_swappedColumns);
    keys.unite(m_swappedTypes);
    dropped(m_from.enums, m_to.enums);
    dropped(m_from.domains, m_to.domains);
    dropped(m_from.compositeTypes, m_to.compositeTypes);
    return keys;
}

QList<View> DiffBuilder::viewsInDependencyOrder(const QList<View> &views) const
{
    // Kahn's algorithm over the views' dependencies on each other; the
    // input is sorted by name, and among the views that are ready the first
    // by name goes first, so the order is the same on every run.
    QList<View> pending = views;
    QList<View> ordered;
    QSet<QString> placed;
    QSet<QString> names;
    for (const View &view : views)
        names.insert(SchemaModel::relationKey(view.name));
    while (!pending.isEmpty()) {
        qsizetype ready = -1;
        for (qsizetype i = 0; i < pending.size() && ready < 0; ++i) {
            const QStringList &dependencies = pending.at(i).dependencies;
            if (std::all_of(dependencies.cbegin(), dependencies.cend(), [&](const QString &key) {
                    return !names.contains(key) || placed.contains(key) ||
                        key == SchemaModel::relationKey(pending.at(i).name);
                }))
                ready = i;
        }
        if (ready < 0)
            ready = 0; // a cycle cannot exist between views; keep going rather than loop
        placed.insert(SchemaModel::relationKey(pending.at(ready).name));
        ordered.append(pending.takeAt(ready));
    }
    return ordered;
}

void DiffBuilder::compareViews()
{
    // Views that must go and come back: changed ones, and those that read
    // (directly or through another view) something that changes.
    QSet<QString> keys = changedDependencyKeys();
    QSet<QString> recreated;
    for (const View &view : m_from.views) {
        const View *now = m_to.view(view.name);
        if (now && !sameView(view, *now)) {
            recreated.insert(view.name.sql());
            keys.insert(SchemaModel::relationKey(view.name));
        }
        if (!now)
            keys.insert(SchemaModel::relationKey(view.name));
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (const View &view : m_from.views) {
            if (recreated.contains(view.name.sql()) || !m_to.view(view.name))
                continue;
            if (std::any_of(view.dependencies.cbegin(), view.dependencies.cend(),
                    [&](const QString &key) { return keys.contains(key); })) {
                recreated.insert(view.name.sql());
                keys.insert(SchemaModel::relationKey(view.name));
                grew = true;
            }
        }
    }
    m_recreatedRelations += recreated;

    QList<View> fromOrder = viewsInDependencyOrder(m_from.views);
    std::reverse(fromOrder.begin(), fromOrder.end());
    for (const View &view : std::as_const(fromOrder)) {
        if (m_to.view(view.name) && !recreated.contains(view.name.sql()))
            continue;
        add(DiffStep::DropViews, SchemaChange::Action::Drop, viewKind(view), view.name.sql(),
            QStringLiteral("DROP %1 %2;")
                .arg(view.materialized ? QStringLiteral("MATERIALIZED VIEW") : QStringLiteral("VIEW"), view.name.sql()),
            {}, m_to.view(view.name) ? QStringLiteral("created again below") : QString());
    }
    for (const View &view : viewsInDependencyOrder(m_to.views)) {
        const View *old = m_from.view(view.name);
        if (old && !recreated.contains(view.name.sql())) {
            compareIndexes(view.name, old->indexes, view.indexes);
            compareTriggers(view.name, old->triggers, view.triggers);
            continue;
        }
        add(DiffStep::CreateViews, old ? SchemaChange::Action::Alter : SchemaChange::Action::Create, viewKind(view),
            view.name.sql(), PostgresDdl::createView(view));
        compareIndexes(view.name, {}, view.indexes);
        compareTriggers(view.name, {}, view.triggers);
    }
}

} // namespace Retort
