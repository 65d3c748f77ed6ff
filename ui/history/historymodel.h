#pragma once

#include "db/historytable.h"

#include <QAbstractTableModel>

namespace Retort {

// The rows of retort_history, newest first: when, what, which revision,
// how it ended, how long it took, who ran it.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { WhenColumn, ActionColumn, RevisionColumn, OutcomeColumn, DurationColumn, WhoColumn, ColumnCount };

    explicit HistoryModel(QObject *parent = nullptr);

    // `entries` oldest first, as HistoryTable gives them.
    void setEntries(const QList<HistoryEntry> &entries);
    void clear();
    const HistoryEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<HistoryEntry> m_entries; // newest first
};

} // namespace Retort
