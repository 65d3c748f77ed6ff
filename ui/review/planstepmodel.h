#pragma once

#include "graph/revisiongraph.h"
#include "review/review.h"

#include <QAbstractTableModel>
#include <QIcon>

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
        StateColumn, // how the step went in a run; empty in a review
        WarningsColumn,
        ColumnCount
    };
    enum Role { RevisionIdRole = Qt::UserRole + 1, ScriptRole, GraphIndexRole, ScriptIsPythonRole };
    enum class StepState { NotRun, Running, Done, Failed, Cancelled };

    explicit PlanStepModel(QObject *parent = nullptr);

    void setReview(const RevisionGraph &graph, const Review &review);
    void clear();
    // A step's progress in a run, with a short text ("412 ms", "statement 3 of 9").
    void setStepState(int row, StepState state, const QString &text = {});
    StepState stepState(int row) const;
    const Review &review() const { return m_review; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString warnings(const ReviewStep &step) const;
    QString stateText(int row) const;
    static QIcon stateIcon(StepState state);

    RevisionGraph m_graph;
    Review m_review;
    QList<StepState> m_states; // as m_review.steps
    QStringList m_stateTexts;
};

} // namespace Retort
