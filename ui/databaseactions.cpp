#include "databaseactions.h"

#include "backup/backupsdialog.h"
#include "db/connectdialog.h"
#include "db/databasecontroller.h"
#include "db/databasesession.h"
#include "fleet/fleetdialog.h"
#include "mainwindow.h"
#include "profiles/passwordvault.h"
#include "profiles/profilesdialog.h"
#include "profiles/profilestore.h"
#include "review/reviewpage.h"
#include "run/rundialog.h"
#include "windowactions.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>

namespace Retort {

DatabaseActions::DatabaseActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    WindowActions *a = window->actions();
    connect(a->connectDatabase, &QAction::triggered, this, &DatabaseActions::chooseDatabase);
    connect(a->connectionProfiles, &QAction::triggered, this, &DatabaseActions::showProfiles);
    connect(a->backUpNow, &QAction::triggered, this, [this] { showBackups()->backUpNow(); });
    connect(a->showBackups, &QAction::triggered, this, &DatabaseActions::showBackups);
    connect(a->openFleet, &QAction::triggered, this, &DatabaseActions::chooseFleet);
    connect(a->upgradeToHere, &QAction::triggered, this, [this] { runSelected(ReviewMode::Upgrade); });
    connect(a->downgradeToHere, &QAction::triggered, this, [this] { runSelected(ReviewMode::Downgrade); });
    connect(a->stampHere, &QAction::triggered, this, [this] { runSelected(ReviewMode::Stamp); });
    connect(window->reviewPage(), &ReviewPage::runRequested, this, &DatabaseActions::runPlan);
}

void DatabaseActions::chooseDatabase()
{
    ConnectDialog dialog(m_window->project().directory, m_window);
    if (dialog.exec() == QDialog::Accepted)
        m_window->connectToDatabase(dialog.settings());
}

void DatabaseActions::chooseFleet()
{
    const QString directory = m_window->project().directory;
    if (directory.isEmpty())
        return;
    const QString last = FleetDialog::lastFleetFile(directory);
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Fleet File"),
        last.isEmpty() ? directory : last, tr("Fleet files (*.ini *.conf);;All files (*)"));
    if (!path.isEmpty())
        openFleetFile(path);
}

FleetDialog *DatabaseActions::openFleetFile(const QString &fleetFile)
{
    const Project &project = m_window->project();
    FleetDialog::rememberFleetFile(project.directory, fleetFile);
    auto *dialog = new FleetDialog(project, fleetFile, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The window's own database may be one of the fleet.
    connect(dialog, &FleetDialog::runFinished, m_window,
        [this, name = QFileInfo(fleetFile).fileName()](const QString &summary) {
            m_window->logInfo(tr("Fleet %1: %2").arg(name, summary));
            m_window->refreshDatabaseState();
            emit runFinished(); // the environments may be among the fleet's databases
        });
    dialog->show();
    dialog->raise();
    return dialog;
}

void DatabaseActions::showProfiles()
{
    ProfileStore store;
    PasswordVault vault;
    ProfilesDialog dialog(store, &vault, m_window);
    connect(&dialog, &ProfilesDialog::connectRequested, this,
        [this](const ConnectionProfile &profile, const QString &password) {
            ConnectionSettings settings = profile.connection;
            settings.password = password;
            m_window->connectToDatabase(settings, profile.production, profile.shadowUrl, profile.name);
        });
    dialog.exec();
}

BackupsDialog *DatabaseActions::showBackups()
{
    // One at a time, for the connection it was opened with.
    if (m_backupsDialog && !m_backupsDialog->isBusy())
        delete m_backupsDialog;
    if (!m_backupsDialog) {
        DatabaseSession *session = m_window->session();
        m_backupsDialog = new BackupsDialog(m_window->project(),
            session->isOpen() ? std::optional(session->settings()) : std::nullopt, m_window->isProductionConnection(),
            m_window);
        m_backupsDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_backupsDialog, &BackupsDialog::databaseChanged, m_window, &MainWindow::refreshDatabaseState);
        connect(m_backupsDialog, &BackupsDialog::backupMade, this,
            [this](const BackupInfo &info) { m_window->logInfo(tr("Backed up to %1").arg(info.path)); });
    }
    m_backupsDialog->show();
    m_backupsDialog->raise();
    return m_backupsDialog;
}

void DatabaseActions::runSelected(ReviewMode mode)
{
    const QString id = m_window->selectedRevision();
    if (id.isEmpty())
        return;
    if (!m_window->session()->isOpen()) {
        // Without a database there is nothing to run: show the plan's page, which says so.
        m_window->setView(MainWindow::View::Review);
        m_window->reviewPage()->request(mode, id);
        return;
    }
    runPlan(mode, id);
}

void DatabaseActions::runPlan(ReviewMode mode, const QString &target)
{
    DatabaseSession *session = m_window->session();
    if (!session->isOpen())
        return;
    runPlanOn(session->settings(), m_window->isProductionConnection(),
        m_window->database()->shadowOptions(m_window->project()), mode, target);
}

void DatabaseActions::runPlanOn(const ConnectionSettings &settings, bool production, const ShadowOptions &shadow,
    ReviewMode mode, const QString &target)
{
    const Project &project = m_window->project();
    if (!project.broken.isEmpty()) {
        // A broken revision stands in the graph as a base: a plan through it would be wrong.
        m_window->logError(tr("Nothing runs while %1 is broken: re-attach it first (Revision ▸ Re-attach to…)")
                               .arg(project.broken.first().id));
        return;
    }
    auto *dialog = new RunDialog(project, settings, production, mode, target, m_window);
    dialog->setShadowOptions(shadow);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RunDialog::logged, m_window, &MainWindow::logInfo);
    connect(dialog, &RunDialog::runFinished, m_window, [this](bool ok) {
        if (!ok)
            m_window->logError(tr("The run did not finish: see the run's summary"));
        m_window->refreshDatabaseState(); // the graph shows where the database now stands
        emit runFinished();
    });
    dialog->open();
}

} // namespace Retort
