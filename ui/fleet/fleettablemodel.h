#pragma once

#include "fleet/fleetrunner.h"
#include "fleet/fleetstatus.h"

#include <QAbstractTableModel>
#include <QMap>
#include <QMutex>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <optional>

namespace Retort {

// One row per database of a fleet: where it stands (FleetStatus) and, once
// a run started, how its part of the run goes (FleetRunner's snapshots).
// A runner reports from its worker threads, possibly hundreds of times a
// second; follow() only notes which rows changed and a timer on the GUI
// thread reads those rows' snapshots at most every 100 ms, so a fleet of
// hundreds of databases never floods the event loop.
class FleetTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        GroupColumn,
        RevisionColumn,
        PendingColumn,
        ProgressColumn,
        DurationColumn,
        ErrorColumn,
        ColumnCount
    };
    // For a sort proxy: numbers as numbers, the outcome by severity.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit FleetTableModel(QObject *parent = nullptr);
    ~FleetTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A new fleet: every row's status unknown ("reading…"), no run. The
    // same databases again (a refresh) keep their rows and runs.
    void setDatabases(const QList<FleetDatabase> &databases);
    // Forgets the statuses (a refresh under way); the runs stay.
    void clearStatuses();
    void setStatus(int row, const FleetDatabaseStatus &status);
    // Shows `runner`'s progress from now on (its rows start as waiting).
    void follow(FleetRunner *runner);
    // The run ended: its final rows, and no more following.
    void finishRun(const QList<FleetDatabaseRun> &runs);

    const QList<FleetDatabase> &databases() const { return m_databases; }
    const FleetDatabase &database(int row) const { return m_databases.at(row); }
    // Null when not read yet (or no run): valid until the model changes.
    const FleetDatabaseStatus *status(int row) const;
    const FleetDatabaseRun *run(int row) const;
    bool hasRun() const;
    // Every status read (none still reading).
    bool statusesKnown() const;
    QList<FleetDatabaseStatus> statuses() const; // unknown ones empty
    QList<FleetDatabaseRun> runs() const; // rows without a run: waiting
    QMap<FleetDatabaseRun::State, int> runStates() const; // how many rows are in each state
    // How often rows were refreshed from the runner (a test's check that
    // changes are coalesced).
    int flushCount() const { return m_flushes; }

private:
    struct Row {
        std::optional<FleetDatabaseStatus> status;
        std::optional<FleetDatabaseRun> run;
    };
    void flush();
    void setRun(int row, const FleetDatabaseRun &run);
    QString display(int row, int column) const;
    QVariant sortValue(int row, int column) const;
    QVariant foreground(int row) const;
    QString toolTip(int row, int column) const;
    QString revisionText(const Row &row) const;
    QString pendingText(const Row &row) const;
    QString progressText(const Row &row) const;
    QString errorText(const Row &row) const;

    QList<FleetDatabase> m_databases;
    QList<Row> m_rows;
    QPointer<FleetRunner> m_runner;
    QTimer m_flushTimer;
    int m_flushes = 0;
    // Written from the runner's threads, read on the GUI thread.
    QMutex m_dirtyMutex;
    QSet<int> m_dirty;
};

} // namespace Retort
