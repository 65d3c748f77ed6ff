#pragma once

#include "project/project.h"

#include <QAbstractTableModel>

namespace Retort {

// The project's revisions as a table, newest first (reverse topological
// order, as `history` prints them).
class RevisionListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { RevisionColumn, MessageColumn, LabelsColumn, DateColumn, ColumnCount };
    enum Role { RevisionIdRole = Qt::UserRole + 1 };

    explicit RevisionListModel(QObject *parent = nullptr);

    void setGraph(const RevisionGraph &graph);
    const RevisionGraph &graph() const { return m_graph; }
    int graphIndex(int row) const { return m_order.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    RevisionGraph m_graph;
    QList<int> m_order; // row -> graph index
};

} // namespace Retort
