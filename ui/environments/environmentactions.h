#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;

namespace Retort {

class CompareDialog;
class EnvironmentHistoryDialog;
class DriftJob;
class EnvironmentSet;
class EnvironmentsPanel;
class MainWindow;

// Environments in the window: the watched connection profiles (see
// EnvironmentSet) as columns and markers on the graph, a dock listing where
// each stands, a status bar field, one click or Ctrl+Alt+N to make one the
// window's connection, and Compare (with Promote) between two of them.
class EnvironmentActions : public QObject
{
    Q_OBJECT
public:
    explicit EnvironmentActions(MainWindow *window);

    EnvironmentSet *environments() const { return m_environments; }
    EnvironmentsPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    // Connects the window to environment `name` (its profile).
    void activate(const QString &name);
    // Opens the compare dialog with `from` first (any when empty).
    CompareDialog *compare(const QString &from = {});
    // Checks environment `name` for drift in the background (see DriftCheck).
    void checkDrift(const QString &name);
    // Opens what ran on environment `name` (its history), read in the background.
    EnvironmentHistoryDialog *showHistory(const QString &name);
    // The status bar's environments field, for tests.
    QString statusText() const;
    bool isBusy() const;

    QAction *toggleDock;
    QAction *compareEnvironments;
    QList<QAction *> activateEnvironment; // Ctrl+Alt+1…9

signals:
    void busyChanged();

private:
    void populateMenu();
    void updateGraph();
    void updateStatus();
    void updateActions();
    void followConnection();

    MainWindow *m_window;
    EnvironmentSet *m_environments;
    EnvironmentsPanel *m_panel;
    QDockWidget *m_dock;
    QLabel *m_status;
    QTimer m_graphUpdate; // coalesces many environments read at once into one repaint
    QPointer<CompareDialog> m_compare;
    QHash<QString, std::shared_ptr<DriftJob>> m_driftJobs; // by environment; kept until its next check
};

} // namespace Retort
