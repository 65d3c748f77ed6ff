#pragma once

#include "db/connectionsettings.h"
#include "review/databasereview.h"
#include "shadow/shadowdatabase.h"

#include <QObject>
#include <QPointer>

namespace Retort {

class BackupsDialog;
class MainWindow;

// The commands that reach the database: connect (by URL, file or profile),
// back up and the backups dialog, and the guided upgrade, downgrade and
// stamp to the selected revision or from the review. Connected to the
// window's actions, like BranchActions.
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

signals:
    // A run from this window finished, on the window's database or another.
    void runFinished();

private:
    void chooseDatabase();
    void showProfiles();
    void runSelected(ReviewMode mode);

    MainWindow *m_window;
    QPointer<BackupsDialog> m_backupsDialog;
};

} // namespace Retort
