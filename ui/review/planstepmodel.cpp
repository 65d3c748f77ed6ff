#include "planstepmodel.h"

#include "report/alembictext.h"

#include <QApplication>
#include <QStyle>

namespace Retort {

PlanStepModel::PlanStepModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void PlanStepModel::setReview(const RevisionGraph &graph, const Review &review)
{
    beginResetModel();
    m_graph = graph;
    m_review = review;
    m_states = QList<StepState>(review.steps.size(), StepState::NotRun);
    m_stateTexts = QStringList(review.steps.size());
    endResetModel();
}

void PlanStepModel::clear()
{
    beginResetModel();
    m_review = {};
    m_states.clear();
    m_stateTexts.clear();
    endResetModel();
}

void PlanStepModel::setStepState(int row, StepState state, const QString &text)
{
    if (row < 0 || row >= m_states.size())
        return;
    m_states[row] = state;
    m_stateTexts[row] = text;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

PlanStepModel::StepState PlanStepModel::stepState(int row) const
{
    return row >= 0 && row < m_states.size() ? m_states.at(row) : StepState::NotRun;
}

QString PlanStepModel::stateText(int row) const
{
    QString state;
    switch (m_states.at(row)) {
    case StepState::NotRun:
        return {};
    case StepState::Running:
        state = tr("running");
        break;
    case StepState::Done:
        state = tr("done");
        break;
    case StepState::Failed:
        state = tr("failed, rolled back");
        break;
    case StepState::Cancelled:
        state = tr("cancelled, rolled back");
        break;
    }
    return m_stateTexts.at(row).isEmpty() ? state : tr("%1 (%2)").arg(state, m_stateTexts.at(row));
}

int PlanStepModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_review.steps.size());
}

int PlanStepModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PlanStepModel::warnings(const ReviewStep &step) const
{
    QStringList parts;
    if (!step.scriptError.isEmpty())
        parts.append(step.scriptError);
    if (!step.sqlUnavailable.isEmpty())
        parts.append(step.sqlUnavailable);
    for (const SqlRisk &risk : step.risks)
        parts.append(risk.description());
    // Said here too: the Warnings column is where people look.
    const int index = step.step.revision;
    if (index >= 0 && index < m_graph.size() && !step.transactional)
        parts.append(tr("runs outside a transaction"));
    return parts.join(QLatin1String("; "));
}

QVariant PlanStepModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ReviewStep &step = m_review.steps.at(index.row());
    const int revisionIndex = step.step.revision;
    const bool known = revisionIndex >= 0 && revisionIndex < m_graph.size();
    const bool upgrade = step.step.direction == Direction::Upgrade;
    const bool transactional = known && step.transactional;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case OrderColumn:
            return index.row() + 1;
        case DirectionColumn:
            return upgrade ? tr("↑ upgrade") : tr("↓ downgrade");
        case RevisionColumn:
            return known ? m_graph.revision(revisionIndex).id : QString();
        case MessageColumn:
            return known ? AlembicText(m_graph).doc(revisionIndex) : QString();
        case TransactionColumn:
            return transactional ? tr("yes") : tr("no");
        case StateColumn:
            return stateText(index.row());
        case WarningsColumn:
            return warnings(step);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TransactionColumn && !transactional)
            return tr("Runs outside a transaction: if it fails half way, what ran stays");
        if (index.column() == WarningsColumn)
            return warnings(step);
        break;
    case Qt::DecorationRole:
        if (index.column() == WarningsColumn &&
            (!step.risks.isEmpty() || !step.scriptError.isEmpty() || !step.sqlUnavailable.isEmpty() ||
                !transactional))
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        if (index.column() == StateColumn)
            return stateIcon(m_states.at(index.row()));
        break;
    case RevisionIdRole:
        return known ? m_graph.revision(revisionIndex).id : QString();
    case ScriptRole:
        return step.script;
    case ScriptIsPythonRole:
        return step.scriptIsPython;
    case GraphIndexRole:
        return revisionIndex;
    }
    return {};
}

QIcon PlanStepModel::stateIcon(StepState state)
{
    QStyle *style = QApplication::style();
    switch (state) {
    case StepState::NotRun:
        return {};
    case StepState::Running:
        return style->standardIcon(QStyle::SP_MediaPlay);
    case StepState::Done:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case StepState::Failed:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case StepState::Cancelled:
        return style->standardIcon(QStyle::SP_DialogCancelButton);
    }
    return {};
}

QVariant PlanStepModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OrderColumn:
        return tr("#");
    case DirectionColumn:
        return tr("Step");
    case RevisionColumn:
        return tr("Revision");
    case MessageColumn:
        return tr("Message");
    case TransactionColumn:
        return tr("Transaction");
    case StateColumn:
        return tr("Progress");
    case WarningsColumn:
        return tr("Warnings");
    }
    return {};
}

} // namespace Retort
