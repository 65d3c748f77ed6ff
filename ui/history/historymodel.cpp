#include "historymodel.h"

#include "exec/runoutcome.h"
#include "graph/graphcolors.h"

#include <QApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace Retort {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void HistoryModel::setEntries(const QList<HistoryEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    std::reverse(m_entries.begin(), m_entries.end());
    endResetModel();
}

void HistoryModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const HistoryEntry &entry = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case WhenColumn:
            // Minutes are enough to read; the tooltip has the seconds.
            return QLocale().toString(entry.startedAt.toLocalTime(), QLocale::ShortFormat);
        case ActionColumn:
            return historyActionName(entry.action);
        case RevisionColumn:
            return entry.revision;
        case OutcomeColumn:
            return historyOutcomeName(entry.outcome);
        case DurationColumn:
            return entry.durationMs < 0 ? tr("unknown") : formatDuration(entry.durationMs);
        case WhoColumn:
            return entry.databaseUser.isEmpty() ? entry.osUser : tr("%1 (as %2)").arg(entry.osUser, entry.databaseUser);
        }
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == WhenColumn)
            return QLocale().toString(entry.startedAt.toLocalTime(), QLocale::LongFormat);
        if (index.column() == OutcomeColumn && !entry.error.isEmpty())
            return entry.error;
        if (index.column() == RevisionColumn && !entry.versionAfter.isEmpty())
            return tr("Afterwards at %1").arg(entry.versionAfter.join(QLatin1String(", ")));
    } else if (role == Qt::ForegroundRole && index.column() == OutcomeColumn) {
        const QPalette palette = QApplication::palette();
        switch (entry.outcome) {
        case HistoryOutcome::Succeeded:
            return GraphColors::hue(GraphColors::AppliedHue, palette, true);
        case HistoryOutcome::Failed:
        case HistoryOutcome::Cancelled:
            return GraphColors::hue(0, palette, true);
        case HistoryOutcome::Running:
            return GraphColors::hue(GraphColors::WarningHue, palette, true);
        }
    } else if (role == Qt::TextAlignmentRole && index.column() == DurationColumn) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhenColumn:
        return tr("When");
    case ActionColumn:
        return tr("Action");
    case RevisionColumn:
        return tr("Revision");
    case OutcomeColumn:
        return tr("Outcome");
    case DurationColumn:
        return tr("Duration");
    case WhoColumn:
        return tr("Who");
    }
    return {};
}

} // namespace Retort
