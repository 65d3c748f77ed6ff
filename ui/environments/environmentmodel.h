#pragma once

#include <QAbstractTableModel>

namespace Retort {

class EnvironmentSet;
struct Environment;

// The environments panel's table: each environment's colour and name, the
// revisions it is at, its pending count and whether it answers.
class EnvironmentModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, RevisionColumn, PendingColumn, StatusColumn, DriftColumn, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1 };

    explicit EnvironmentModel(EnvironmentSet *environments, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "production: 1f2e3d4c5b6a, 2 pending" and the like: for the status bar.
    static QString positionText(const Environment &environment);
    static QString statusText(const Environment &environment);
    static QString driftText(const Environment &environment);

private:
    EnvironmentSet *m_environments;
};

} // namespace Retort
