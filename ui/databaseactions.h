#pragma once

#include "db/connectionsettings.h"
#include "review/databasereview.h"
#include "shadow/shadowdatabase.h"

#include <QObject>
#include <QPointer>

namespace Retort {

class BackupsDialog;
class FleetDialog;
class MainWindow;

// The commands that reach the database: connect (by URL, file or profile),
// back up and the backups dialog, the guided upgrade, downgrade and stamp
// to the selected revision or from the review, and the fleet view.
// Connected to the window's actions, like BranchActions.
class DatabaseActions : public QObject
{
    Q_OBJECT
public:
    explicit DatabaseActions(MainWindow *window);

    // The backups dialog for the project and the connection, opened if need be.
    BackupsDialog *showBackups();
    // The guided run of `mode` to `target`.
    void runPlan(ReviewMode mode, const QString &target);
    // The same guided run on another database than the window's (an
    // environment being promoted); the graph is read again afterwards.
    void runPlanOn(const ConnectionSettings &settings, bool production, const ShadowOptions &shadow, ReviewMode mode,
        const QString &target);
    // The fleet view of `fleetFile` for the project (remembered as its last).
    FleetDialog *openFleetFile(const QString &fleetFile);

signals:
    // A run from this window finished, on the window's database or another.
    void runFinished();

private:
    void chooseDatabase();
    void chooseFleet();
    void showProfiles();
    void runSelected(ReviewMode mode);

    MainWindow *m_window;
    QPointer<BackupsDialog> m_backupsDialog;
};

} // namespace Retort
