#include "revisionlistmodel.h"

#include "report/alembictext.h"

#include <QLocale>

namespace Retort {

RevisionListModel::RevisionListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void RevisionListModel::setGraph(const RevisionGraph &graph)
{
    beginResetModel();
    m_graph = graph;
    const QList<int> &order = m_graph.topologicalOrder();
    m_order = QList<int>(order.crbegin(), order.crend());
    endResetModel();
}

int RevisionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int RevisionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RevisionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int graphIndex = m_order.at(index.row());
    const Revision &revision = m_graph.revision(graphIndex);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RevisionColumn:
            return revision.id;
        case MessageColumn:
            return AlembicText(m_graph).doc(graphIndex);
        case LabelsColumn:
            return revision.branchLabels.join(QLatin1String(", "));
        case DateColumn:
            return revision.createDate.isValid()
                ? QLocale().toString(revision.createDate.toLocalTime(), QLocale::ShortFormat)
                : QString();
        }
        break;
    case Qt::ToolTipRole:
        return revision.filePath;
    case RevisionIdRole:
        return revision.id;
    }
    return {};
}

QVariant RevisionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RevisionColumn:
        return tr("Revision");
    case MessageColumn:
        return tr("Message");
    case LabelsColumn:
        return tr("Branch labels");
    case DateColumn:
        return tr("Date");
    }
    return {};
}

} // namespace Retort
