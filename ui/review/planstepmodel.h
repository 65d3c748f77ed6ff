#pragma once

#include "graph/revisiongraph.h"
#include "review/review.h"

#include <QAbstractTableModel>

namespace Retort {

// The steps of a reviewed plan, in the order they run.
class PlanStepModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        OrderColumn,
        DirectionColumn,
        RevisionColumn,
        MessageColumn,
        TransactionColumn,
        WarningsColumn,
        ColumnCount
    };
    enum Role { RevisionIdRole = Qt::UserRole + 1, ScriptRole, GraphIndexRole };

    explicit PlanStepModel(QObject *parent = nullptr);

    void setReview(const RevisionGraph &graph, const Review &review);
    void clear();
    const Review &review() const { return m_review; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString warnings(const ReviewStep &step) const;

    RevisionGraph m_graph;
    Review m_review;
};

} // namespace Retort
