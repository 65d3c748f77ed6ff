#pragma once

#include "lint/lintfinding.h"

#include <QAbstractTableModel>

namespace Retort {

// Lint findings as rows: severity, rule, line, lock, table size, data check
// and message; the rule's explanation and safe alternative as tooltips.
class LintFindingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SeverityColumn,
        RuleColumn,
        LineColumn,
        LockColumn,
        TableColumn,
        DataColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role { RuleIdRole = Qt::UserRole + 1, LineRole };

    explicit LintFindingModel(QObject *parent = nullptr);

    void setFindings(const QList<LintFinding> &findings);
    const QList<LintFinding> &findings() const { return m_findings; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<LintFinding> m_findings;
};

} // namespace Retort
