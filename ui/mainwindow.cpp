#include "mainwindow.h"

#include "backup/backupsdialog.h"
#include "branches/branchactions.h"
#include "db/connectdialog.h"
#include "db/databasesession.h"
#include "details/revisiondetails.h"
#include "editor/editorpage.h"
#include "exec/runoutcome.h"
#include "graph/graphcolors.h"
#include "graph/graphpage.h"
#include "graph/headsbanner.h"
#include "graph/revisionfilterproxy.h"
#include "graph/revisiongraphmodel.h"
#include "graph/revisiongraphview.h"
#include "log/logmodel.h"
#include "profiles/passwordvault.h"
#include "profiles/profilesdialog.h"
#include "profiles/profilestore.h"
#include "project/projectloader.h"
#include "project/projectwatcher.h"
#include "review/databasereview.h"
#include "review/reviewpage.h"
#include "run/rundialog.h"
#include "settings/preferencesdialog.h"
#include "windowactions.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>

namespace Retort {

namespace {

constexpr int kMaxRecentProjects = 10;

// The window shows a revision whose parent is missing as broken, with a
// way to repair it, instead of refusing the whole project.
LoadOptions desktopLoadOptions()
{
    LoadOptions options;
    options.keepBrokenRevisions = true;
    return options;
}
const char kRecentProjectsKey[] = "projects/recent";

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_actions(new WindowActions(this))
    , m_model(new RevisionGraphModel(this))
    , m_log(new LogModel(this))
    , m_session(new DatabaseSession(this))
    , m_watcher(new ProjectWatcher(this))
{
    setWindowTitle(tr("Retort"));
    setObjectName(QStringLiteral("mainWindow"));
    createLayout();
    m_actions->populate(this);
    connectActions();
    m_branches = new BranchActions(this);
    updateRecentProjects();
    resize(1280, 800);
    restoreLayout();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createLayout()
{
    m_graphPage = new GraphPage(m_model, this);
    m_editorPage = new EditorPage(this);
    m_reviewPage = new ReviewPage(this);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_graphPage);
    m_pages->addWidget(m_reviewPage);
    m_pages->addWidget(m_editorPage);
    setCentralWidget(m_pages);

    m_logView = new QTreeView(this);
    m_logView->setModel(m_log);
    m_logView->setRootIsDecorated(false);
    m_logView->setUniformRowHeights(true);
    m_logView->header()->setStretchLastSection(true);
    m_logView->header()->setSectionResizeMode(LogModel::TimeColumn, QHeaderView::ResizeToContents);
    m_logDock = new QDockWidget(tr("Log"), this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(m_logView);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    m_logDock->hide();

    m_projectStatus = new QLabel(this);
    m_connectionStatus = new QLabel(this);
    m_currentStatus = new QLabel(this);
    m_pendingStatus = new QLabel(this);
    m_headsStatus = new QLabel(this);
    m_busyStatus = new QLabel(this);
    statusBar()->addWidget(m_projectStatus, 1);
    statusBar()->addWidget(m_busyStatus);
    for (QLabel *label : { m_connectionStatus, m_currentStatus, m_pendingStatus, m_headsStatus }) {
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        statusBar()->addPermanentWidget(label);
    }
}

void MainWindow::connectActions()
{
    WindowActions *a = m_actions;
    connect(a->openProject, &QAction::triggered, this, &MainWindow::chooseProject);
    connect(a->connectDatabase, &QAction::triggered, this, &MainWindow::chooseDatabase);
    connect(a->connectionProfiles, &QAction::triggered, this, &MainWindow::showProfiles);
    connect(a->disconnectDatabase, &QAction::triggered, this, &MainWindow::disconnectFromDatabase);
    connect(a->refresh, &QAction::triggered, this, [this] {
        reloadProject();
        refreshDatabaseState();
    });
    connect(a->backUpNow, &QAction::triggered, this, [this] { showBackups()->backUpNow(); });
    connect(a->showBackups, &QAction::triggered, this, &MainWindow::showBackups);
    connect(a->preferences, &QAction::triggered, this, &MainWindow::showPreferences);
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->findRevision, &QAction::triggered, this, [this] {
        setView(View::Graph);
        m_graphPage->focusFilter();
    });
    connect(a->copyRevisionId, &QAction::triggered, this, &MainWindow::copySelectedId);
    connect(a->showGraph, &QAction::triggered, this, [this] { setView(View::Graph); });
    connect(a->showReview, &QAction::triggered, this, [this] { setView(View::Review); });
    connect(a->showEditor, &QAction::triggered, this, [this] { setView(View::Editor); });
    connect(a->toggleLog, &QAction::toggled, m_logDock, &QDockWidget::setVisible);
    connect(m_logDock, &QDockWidget::visibilityChanged, a->toggleLog, &QAction::setChecked);
    connect(a->upgradeToHere, &QAction::triggered, this, [this] { runSelected(ReviewMode::Upgrade); });
    connect(a->downgradeToHere, &QAction::triggered, this, [this] { runSelected(ReviewMode::Downgrade); });
    connect(a->stampHere, &QAction::triggered, this, [this] { runSelected(ReviewMode::Stamp); });
    connect(a->editRevision, &QAction::triggered, this, &MainWindow::editSelected);
    connect(a->openRevisionFile, &QAction::triggered, this, &MainWindow::openSelectedFile);
    connect(a->about, &QAction::triggered, this, &MainWindow::showAbout);

    RevisionGraphView *view = m_graphPage->view();
    connect(view, &RevisionGraphView::currentRevisionChanged, this, &MainWindow::showSelected);
    connect(view, &RevisionGraphView::revisionContextMenuRequested, this, &MainWindow::showRevisionContextMenu);
    connect(view, &RevisionGraphView::revisionActivated, this, [this] { editSelected(); });
    RevisionDetails *details = m_graphPage->details();
    connect(details, &RevisionDetails::revisionLinkActivated, this, &MainWindow::selectRevision);
    connect(details, &RevisionDetails::editRequested, this, &MainWindow::editSelected);
    connect(details, &RevisionDetails::openFileRequested, this, &MainWindow::openSelectedFile);

    connect(m_editorPage, &EditorPage::saved, this, [this](const QString &path) {
        logInfo(tr("Saved %1").arg(QDir(project().directory).relativeFilePath(path)));
        reloadProject();
    });
    connect(m_reviewPage, &ReviewPage::planRequested, this, &MainWindow::requestReview);
    connect(m_reviewPage, &ReviewPage::revisionActivated, this, [this](const QString &id) {
        setView(View::Graph);
        selectRevision(id);
    });

    connect(m_watcher, &ProjectWatcher::changed, this, [this] {
        logInfo(tr("The project's files changed on disk; reloading"));
        reloadProject();
    });
    connect(m_session, &DatabaseSession::opened, this, [this] {
        m_connecting = false;
        m_passwordAttempts = 0;
        m_databaseError.clear();
        ConnectDialog::remember(m_session->settings());
        logInfo(tr("Connected to %1").arg(m_session->settings().redactedUrl()));
        m_reviewPage->setDatabase(databaseName(), m_session->settings().dialect);
        refreshDatabaseState();
        showSelected(selectedRevision());
        updateStatus();
    });
    connect(m_session, &DatabaseSession::openFailed, this, &MainWindow::handleOpenFailed);
    connect(m_session, &DatabaseSession::busyChanged, this, [this] {
        updateStatus();
        checkIdle();
    });
}

// ---------------------------------------------------------------------------
// Project

const Project &MainWindow::project() const
{
    return m_model->project();
}

bool MainWindow::openProject(const QString &directory)
{
    Result<Project> loaded = ProjectLoader::load(directory, desktopLoadOptions());
    if (!loaded) {
        logError(loaded.error().toString());
        statusBar()->showMessage(loaded.error().toString());
        if (isVisible())
            QMessageBox::warning(this, tr("Cannot open the project"), loaded.error().toString());
        return false;
    }
    for (const Error &warning : loaded->warnings)
        logInfo(warning.toString());
    m_model->setProject(*loaded);
    m_reviewPage->setGraph(loaded->graph);
    RevisionGraphView *view = m_graphPage->view();
    view->fitGraphColumn();
    view->fitTextColumns();
    if (m_model->rowCount() > 0)
        view->setCurrentIndex(m_graphPage->proxy()->index(0, 0));
    view->setFocus();
    setWindowTitle(tr("%1 — Retort").arg(QDir::toNativeSeparators(loaded->directory)));
    rememberProject(loaded->directory);
    logInfo(tr("Opened %1: %n revision(s)", nullptr, loaded->graph.size()).arg(loaded->directory));
    watchProject();
    updateHeads();
    refreshDatabaseState();
    updateStatus();
    emit projectLoaded();
    return true;
}

bool MainWindow::reloadProject()
{
    if (project().directory.isEmpty())
        return false;
    Result<Project> loaded = ProjectLoader::load(project().directory, desktopLoadOptions());
    // Files half written by a pull or an editor are normal for a moment:
    // keep showing the last good graph, and watch for the next change.
    watchProject();
    if (!loaded) {
        logError(tr("Reload failed, still showing the previous state: %1").arg(loaded.error().toString()));
        statusBar()->showMessage(tr("Reload failed: %1").arg(loaded.error().toString()), 10000);
        return false;
    }
    RevisionGraphView *view = m_graphPage->view();
    const RevisionGraphView::Position position = view->position();
    m_model->setProject(*loaded);
    m_reviewPage->setGraph(loaded->graph);
    view->fitGraphColumn();
    view->restorePosition(position);
    watchProject();
    updateHeads();
    showSelected(view->currentRevisionId());
    m_editorPage->reloadFromDisk();
    refreshDatabaseState();
    updateStatus();
    emit projectLoaded();
    return true;
}

void MainWindow::watchProject()
{
    QStringList files;
    files.reserve(project().graph.size());
    QSet<QString> folders(project().versionFolders.cbegin(), project().versionFolders.cend());
    folders.insert(project().directory); // retort.ini, alembic.ini
    for (const Revision &revision : project().graph.revisions()) {
        files.append(revision.filePath);
        // Alembic's recursive version locations keep revisions in subfolders.
        folders.insert(QFileInfo(revision.filePath).absolutePath());
    }
    m_watcher->watch(QStringList(folders.cbegin(), folders.cend()), files);
}

void MainWindow::chooseProject()
{
    const QString directory =
        QFileDialog::getExistingDirectory(this, tr("Open Migration Project"), project().directory);
    if (!directory.isEmpty())
        openProject(directory);
}

void MainWindow::rememberProject(const QString &directory)
{
    QSettings settings;
    QStringList recent = settings.value(QLatin1String(kRecentProjectsKey)).toStringList();
    recent.removeAll(directory);
    recent.prepend(directory);
    while (recent.size() > kMaxRecentProjects)
        recent.removeLast();
    settings.setValue(QLatin1String(kRecentProjectsKey), recent);
    updateRecentProjects();
}

void MainWindow::updateRecentProjects()
{
    QMenu *menu = m_actions->recentProjects;
    menu->clear();
    const QStringList recent = QSettings().value(QLatin1String(kRecentProjectsKey)).toStringList();
    for (const QString &directory : recent) {
        QAction *action = menu->addAction(QDir::toNativeSeparators(directory));
        connect(action, &QAction::triggered, this, [this, directory] { openProject(directory); });
    }
    menu->setEnabled(!recent.isEmpty());
}

// ---------------------------------------------------------------------------
// Selection and the revision commands

bool MainWindow::selectRevision(const QString &idOrPrefix)
{
    QString id = idOrPrefix;
    if (project().graph.indexOf(id) < 0 && !id.isEmpty()) {
        QStringList matches;
        for (const Revision &revision : project().graph.revisions()) {
            if (revision.id.startsWith(idOrPrefix))
                matches.append(revision.id);
        }
        if (matches.size() != 1)
            return false;
        id = matches.first();
    }
    if (m_graphPage->view()->selectRevision(id))
        return true;
    // Filtered out: clear the filter rather than refuse.
    if (m_model->rowOf(id) >= 0 && !m_graphPage->proxy()->filterText().isEmpty()) {
        m_graphPage->filter()->clear();
        return m_graphPage->view()->selectRevision(id);
    }
    return false;
}

QString MainWindow::selectedRevision() const
{
    return m_graphPage->view()->currentRevisionId();
}

QString MainWindow::editorLanguage(int graphIndex) const
{
    if (graphIndex >= 0 && project().graph.revision(graphIndex).format == RevisionFormat::Alembic)
        return QStringLiteral("Python");
    const bool sqlite = m_session->isOpen() && m_session->settings().dialect == Dialect::SQLite;
    return sqlite ? QStringLiteral("SQL") : QStringLiteral("SQL (PostgreSQL)");
}

void MainWindow::showSelected(const QString &id)
{
    const int index = project().graph.indexOf(id);
    m_graphPage->details()->showRevision(m_model, index, editorLanguage(index));
    const bool valid = index >= 0;
    for (QAction *action : { m_actions->upgradeToHere, m_actions->downgradeToHere, m_actions->stampHere,
             m_actions->editRevision, m_actions->openRevisionFile, m_actions->copyRevisionId })
        action->setEnabled(valid);
    if (!valid)
        return;
    const RevisionState state = m_model->state(index);
    const bool applied = state == RevisionState::Applied || state == RevisionState::Current;
    m_editorPage->showFile(
        id, project().graph.revision(index).filePath, editorLanguage(index), applied ? databaseName() : QString());
}

void MainWindow::showRevisionContextMenu(const QString &id, const QPoint &position)
{
    if (id.isEmpty())
        return;
    QMenu menu(this);
    m_actions->addRevisionActions(&menu);
    menu.exec(position);
}

void MainWindow::editSelected()
{
    if (selectedRevision().isEmpty())
        return;
    setView(View::Editor);
    m_editorPage->startEditing();
}

void MainWindow::openSelectedFile()
{
    const int index = project().graph.indexOf(selectedRevision());
    if (index < 0)
        return;
    const QString path = project().graph.revision(index).filePath;
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        logError(tr("No application to open %1").arg(path));
}

void MainWindow::copySelectedId()
{
    const QString id = selectedRevision();
    if (id.isEmpty())
        return;
    QApplication::clipboard()->setText(id);
    statusBar()->showMessage(tr("Copied %1").arg(id), 3000);
}

void MainWindow::reviewSelected(ReviewMode mode)
{
    const QString id = selectedRevision();
    if (id.isEmpty())
        return;
    setView(View::Review);
    m_reviewPage->request(mode, id);
}

void MainWindow::runSelected(ReviewMode mode)
{
    const QString id = selectedRevision();
    if (id.isEmpty())
        return;
    if (!project().broken.isEmpty()) {
        // A broken revision stands in the graph as a base: a plan through it would be wrong.
        logError(tr("Nothing runs while %1 is broken: re-attach it first (Revision ▸ Re-attach to…)")
                     .arg(project().broken.first().id));
        return;
    }
    if (!m_session->isOpen()) {
        // Without a database there is nothing to run: show the plan's page, which says so.
        reviewSelected(mode);
        return;
    }
    auto *dialog = new RunDialog(project(), m_session->settings(), isProductionConnection(), mode, id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RunDialog::logged, this, &MainWindow::logInfo);
    connect(dialog, &RunDialog::runFinished, this, [this](bool ok) {
        if (!ok)
            m_logDock->show();
        refreshDatabaseState(); // the graph shows where the database now stands
    });
    dialog->open();
}

// ---------------------------------------------------------------------------
// Database

void MainWindow::setDatabaseUrl(const QString &url)
{
    Result<ConnectionSettings> settings = ConnectionSettings::fromUrl(url, project().directory);
    if (!settings) {
        m_databaseError = settings.error().message;
        logError(tr("Bad database URL: %1").arg(settings.error().message));
        updateStatus();
        return;
    }
    connectToDatabase(*settings);
}

void MainWindow::connectToDatabase(const ConnectionSettings &settings, bool production)
{
    m_connecting = true;
    m_production = production;
    m_databaseError.clear();
    m_model->setDatabaseState(false, {}, {});
    m_currentRows.clear();
    m_pendingCount = -1;
    m_reviewPage->setDatabase({}, settings.dialect);
    logInfo(tr("Connecting to %1").arg(settings.redactedUrl()));
    m_session->open(settings);
    updateStatus();
}

void MainWindow::disconnectFromDatabase()
{
    if (!m_session->isOpen() && !m_connecting)
        return;
    logInfo(tr("Disconnected from %1").arg(databaseName()));
    m_connecting = false;
    m_session->close();
    m_model->setDatabaseState(false, {}, {});
    m_currentRows.clear();
    m_pendingCount = -1;
    m_reviewPage->setDatabase({}, Dialect::PostgreSQL);
    showSelected(selectedRevision());
    updateStatus();
}

void MainWindow::handleOpenFailed(const Error &error, bool needsPassword)
{
    m_connecting = false;
    ConnectionSettings settings = m_session->settings();
    // A server that wants a password the URL did not give: ask, keep the
    // answer in memory only, and try again (three times at most).
    if (needsPassword && m_interactive && isVisible() && m_passwordAttempts < 3) {
        ++m_passwordAttempts;
        const QString reason =
            settings.password.isEmpty() ? tr("The server asks for a password.") : tr("The password was not accepted.");
        if (ConnectDialog::askPassword(this, settings, reason)) {
            connectToDatabase(settings, m_production);
            return;
        }
    }
    m_passwordAttempts = 0;
    m_databaseError = error.toString();
    logError(error.toString());
    updateStatus();
    checkIdle();
}

void MainWindow::chooseDatabase()
{
    ConnectDialog dialog(project().directory, this);
    if (dialog.exec() == QDialog::Accepted) {
        m_passwordAttempts = 0;
        connectToDatabase(dialog.settings());
    }
}

void MainWindow::showProfiles()
{
    ProfileStore store;
    PasswordVault vault;
    ProfilesDialog dialog(store, &vault, this);
    connect(&dialog, &ProfilesDialog::connectRequested, this,
        [this](const ConnectionProfile &profile, const QString &password) {
            ConnectionSettings settings = profile.connection;
            settings.password = password;
            m_passwordAttempts = 0;
            connectToDatabase(settings, profile.production);
        });
    dialog.exec();
}

void MainWindow::refreshDatabaseState()
{
    // A reply to an older request (before a reload or a reconnection) is
    // about another graph or database: only the latest counts.
    const int generation = ++m_stateGeneration;
    if (!m_session->isOpen()) {
        m_model->setDatabaseState(false, {}, {});
        m_currentRows.clear();
        m_pendingCount = -1;
        updateStatus();
        return;
    }
    const Project project = this->project();
    m_session->run<Result<DatabaseStatus>>(
        [project](DatabaseConnection *connection) -> Result<DatabaseStatus> {
            if (!connection)
                return Error::at({}, 0, tr("not connected"));
            return DatabaseReview(project, connection->database(), connection->dialect()).status();
        },
        this,
        [this, generation](const Result<DatabaseStatus> &status) {
            if (generation != m_stateGeneration)
                return;
            if (!status) {
                logError(tr("Cannot read the database's state: %1").arg(status.error().toString()));
                m_model->setDatabaseState(false, {}, {});
                m_currentRows.clear();
                m_pendingCount = -1;
                updateStatus();
                return;
            }
            m_currentRows = status->versionRows;
            m_pendingCount = status->pending;
            if (!status->pendingError.isEmpty())
                logError(tr("Cannot plan an upgrade to heads: %1").arg(status->pendingError));
            m_model->setDatabaseState(true, m_currentRows, QSet<int>(status->applied.cbegin(), status->applied.cend()));
            m_graphPage->view()->fitTextColumns(true); // states, and current revisions in bold
            showSelected(selectedRevision());
            updateStatus();
            emit databaseStateChanged();
        });
    m_reviewPage->request(m_reviewPage->mode(), m_reviewPage->target());
}

void MainWindow::requestReview(ReviewMode mode, const QString &target)
{
    const int generation = ++m_reviewGeneration;
    if (!m_session->isOpen())
        return;
    const Project project = this->project();
    m_session->run<Result<Review>>(
        [project, mode, target](DatabaseConnection *connection) -> Result<Review> {
            if (!connection)
                return Error::at({}, 0, tr("not connected"));
            return DatabaseReview(project, connection->database(), connection->dialect()).review(mode, target);
        },
        this,
        [this, generation](const Result<Review> &review) {
            if (generation != m_reviewGeneration)
                return;
            if (review)
                m_reviewPage->showReview(*review);
            else
                m_reviewPage->showError(review.error().toString());
        });
}

// ---------------------------------------------------------------------------
// Views

void MainWindow::setView(View view)
{
    switch (view) {
    case View::Graph:
        m_pages->setCurrentWidget(m_graphPage);
        m_actions->showGraph->setChecked(true);
        break;
    case View::Review:
        m_pages->setCurrentWidget(m_reviewPage);
        m_actions->showReview->setChecked(true);
        break;
    case View::Editor:
        m_pages->setCurrentWidget(m_editorPage);
        m_actions->showEditor->setChecked(true);
        break;
    }
}

MainWindow::View MainWindow::view() const
{
    if (m_pages->currentWidget() == m_reviewPage)
        return View::Review;
    if (m_pages->currentWidget() == m_editorPage)
        return View::Editor;
    return View::Graph;
}

void MainWindow::updateHeads()
{
    const RevisionGraph &graph = project().graph;
    QStringList heads;
    for (int head : graph.heads()) {
        const Revision &revision = graph.revision(head);
        heads.append(revision.branchLabels.isEmpty()
                ? revision.id
                : QStringLiteral("%1 (%2)").arg(revision.id, revision.branchLabels.join(QLatin1String(", "))));
    }
    m_graphPage->banner()->setHeads(heads);
}

BackupsDialog *MainWindow::showBackups()
{
    // One at a time, for the connection it was opened with.
    if (m_backupsDialog && !m_backupsDialog->isBusy())
        delete m_backupsDialog;
    if (!m_backupsDialog) {
        const bool production = isProductionConnection();
        m_backupsDialog = new BackupsDialog(
            project(), m_session->isOpen() ? std::optional(m_session->settings()) : std::nullopt, production, this);
        m_backupsDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_backupsDialog, &BackupsDialog::databaseChanged, this, &MainWindow::refreshDatabaseState);
        connect(m_backupsDialog, &BackupsDialog::backupMade, this,
            [this](const BackupInfo &info) { logInfo(tr("Backed up to %1").arg(info.path)); });
    }
    m_backupsDialog->show();
    m_backupsDialog->raise();
    return m_backupsDialog;
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Retort"),
        tr("<h3>Retort %1</h3><p>A desktop migration manager for PostgreSQL and SQLite, compatible with "
           "Alembic.</p>")
            .arg(QApplication::applicationVersion()));
}

// ---------------------------------------------------------------------------
// Status, log, layout

bool MainWindow::isProductionConnection() const
{
    return m_production || project().settings.production;
}

QString MainWindow::databaseName() const
{
    if (!m_session->isOpen())
        return {};
    const ConnectionSettings &settings = m_session->settings();
    // A file name, not a path: the status bar is often in screenshots.
    return settings.dialect == Dialect::SQLite ? QFileInfo(settings.sqlitePath).fileName() : settings.displayName();
}

void MainWindow::updateStatus()
{
    const RevisionGraph &graph = project().graph;
    m_projectStatus->setText(project().directory.isEmpty()
            ? tr("No project")
            : tr("%1: %n revision(s)", nullptr, graph.size()).arg(QFileInfo(project().directory).fileName()));
    m_projectStatus->setToolTip(QDir::toNativeSeparators(project().directory));

    if (m_session->isOpen()) {
        m_connectionStatus->setText(tr("Connected to %1").arg(databaseName()));
        m_connectionStatus->setToolTip(m_session->settings().redactedUrl());
    } else if (m_connecting) {
        m_connectionStatus->setText(tr("Connecting to %1…").arg(m_session->settings().displayName()));
    } else {
        m_connectionStatus->setText(m_databaseError.isEmpty() ? tr("Not connected") : tr("Connection failed"));
        m_connectionStatus->setToolTip(m_databaseError);
    }
    const bool known = m_session->isOpen() && m_model->hasDatabaseState();
    m_currentStatus->setVisible(known);
    m_pendingStatus->setVisible(known && m_pendingCount >= 0);
    m_currentStatus->setText(tr("At: %1").arg(versionRowsText(m_currentRows)));
    m_pendingStatus->setText(tr("%n pending", nullptr, m_pendingCount));

    const int heads = int(graph.heads().size());
    m_headsStatus->setText(heads > 1 ? tr("⚠ %n heads", nullptr, heads) : tr("%n head(s)", nullptr, heads));
    m_headsStatus->setToolTip(heads > 1 ? tr("Several heads: merge them before deploying") : QString());
    QPalette palette = m_headsStatus->parentWidget()->palette();
    if (heads > 1)
        palette.setColor(QPalette::WindowText, GraphColors::hue(GraphColors::WarningHue, palette, true));
    m_headsStatus->setPalette(palette);
    m_busyStatus->setText(isBusy() ? tr("Working…") : QString());
    m_actions->backUpNow->setEnabled(m_session->isOpen());
}

QString MainWindow::statusText() const
{
    QStringList parts { m_projectStatus->text(), m_connectionStatus->text() };
    if (m_currentStatus->isVisibleTo(this))
        parts.append(m_currentStatus->text());
    if (m_pendingStatus->isVisibleTo(this))
        parts.append(m_pendingStatus->text());
    parts.append(m_headsStatus->text());
    return parts.join(QLatin1String(" | "));
}

bool MainWindow::isBusy() const
{
    return m_connecting || m_session->pendingWork() > 0;
}

void MainWindow::checkIdle()
{
    if (!isBusy())
        emit idle();
}

void MainWindow::logInfo(const QString &text)
{
    m_log->add(LogModel::Level::Info, text);
}

void MainWindow::logError(const QString &text)
{
    m_log->add(LogModel::Level::Error, text);
    m_logDock->show();
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_graphPage->splitter()->restoreState(settings.value(QStringLiteral("window/graphSplitter")).toByteArray());
    m_graphPage->view()->header()->restoreState(settings.value(QStringLiteral("window/graphHeader")).toByteArray());
    m_reviewPage->splitter()->restoreState(settings.value(QStringLiteral("window/reviewSplitter")).toByteArray());
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/graphSplitter"), m_graphPage->splitter()->saveState());
    settings.setValue(QStringLiteral("window/graphHeader"), m_graphPage->view()->header()->saveState());
    settings.setValue(QStringLiteral("window/reviewSplitter"), m_reviewPage->splitter()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_editorPage->isModified()) {
        const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
            tr("%1 has unsaved changes. Save them before quitting?").arg(m_editorPage->filePath()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !m_editorPage->save())) {
            event->ignore();
            return;
        }
    }
    saveLayout();
    event->accept();
}

} // namespace Retort
