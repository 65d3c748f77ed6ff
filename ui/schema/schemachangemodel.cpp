#include "schemachangemodel.h"

#include <QCoreApplication>

namespace Retort {

SchemaChangeModel::SchemaChangeModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({ tr("Change"), tr("Made by") });
}

void SchemaChangeModel::setChanges(
    const Project &project, const MigrationPlan &plan, Dialect dialect, const QList<SchemaObjectChange> &changes)
{
    removeRows(0, rowCount());
    m_count = int(changes.size());
    QHash<QString, QStandardItem *> owners;
    for (const SchemaObjectChange &change : changes) {
        const SchemaObject &object = change.object();
        const QString owner = object.table.isEmpty() ? object.name : object.table;
        QStandardItem *parent = owners.value(owner);
        QString action;
        switch (change.action) {
        case SchemaObjectChange::Action::Added:
            action = tr("added");
            break;
        case SchemaObjectChange::Action::Removed:
            action = tr("removed");
            break;
        case SchemaObjectChange::Action::Altered:
            action = tr("altered");
            break;
        }
        QString madeBy;
        QString file;
        int line = 0;
        QString revisionId;
        if (change.step >= 0 && change.step < plan.steps.size()) {
            const PlanStep &step = plan.steps.at(change.step);
            const Revision &revision = project.graph.revision(step.revision);
            revisionId = revision.id;
            file = revision.filePath();
            line = statementLineFor(revision, step.direction, dialect, object.name);
            madeBy = line > 0 ? tr("%1, line %2").arg(revision.id).arg(line) : revision.id;
        }
        const bool topLevel = object.table.isEmpty();
        //: e.g. "column email_verified added"
        auto *item = new QStandardItem(tr("%1 %2 %3").arg(object.kind, object.name, action));
        item->setData(file, FileRole);
        item->setData(line, LineRole);
        item->setData(revisionId, RevisionRole);
        item->setData(change.before.text, BeforeRole);
        item->setData(change.after.text, AfterRole);
        item->setEditable(false);
        auto *by = new QStandardItem(madeBy);
        by->setEditable(false);
        if (topLevel) {
            appendRow({ item, by });
            owners.insert(owner, item);
            continue;
        }
        if (!parent) {
            parent = new QStandardItem(tr("table %1").arg(owner));
            parent->setEditable(false);
            appendRow({ parent, new QStandardItem() });
            owners.insert(owner, parent);
        }
        parent->appendRow({ item, by });
    }
}

} // namespace Retort
