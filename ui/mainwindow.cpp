#include "mainwindow.h"

#include "actionavailability.h"
#include "branches/branchactions.h"
#include "databaseactions.h"
#include "db/databasecontroller.h"
#include "db/databasesession.h"
#include "details/revisiondetails.h"
#include "editor/editorpage.h"
#include "editor/sqleditor.h"
#include "environments/environmentactions.h"
#include "graph/graphcolors.h"
#include "graph/graphpage.h"
#include "graph/headsbanner.h"
#include "graph/revisionfilterproxy.h"
#include "graph/revisiongraphmodel.h"
#include "graph/revisiongraphview.h"
#include "history/historypage.h"
#include "lint/lintrulesdialog.h"
#include "log/logmodel.h"
#include "navigationactions.h"
#include "project/projectloader.h"
#include "project/projectwatcher.h"
#include "project/pythonstatuslabel.h"
#include "project/recentprojects.h"
#include "review/databasereview.h"
#include "review/reviewpage.h"
#include "schema/driftbanner.h"
#include "schema/schemaactions.h"
#include "settings/appearance.h"
#include "settings/icons.h"
#include "settings/preferencesdialog.h"
#include "welcome/demoproject.h"
#include "welcome/welcomepage.h"
#include "windowactions.h"
#include "windowstatus.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
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
#include <QVBoxLayout>

namespace Retort {

namespace {

// The window shows a revision whose parent is missing as broken, with a
// way to repair it, instead of refusing the whole project.
LoadOptions desktopLoadOptions()
{
    LoadOptions options;
    options.keepBrokenRevisions = true;
    return options;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_actions(new WindowActions(this))
    , m_model(new RevisionGraphModel(this))
    , m_log(new LogModel(this))
    , m_database(new DatabaseController(this))
    , m_session(m_database->session())
    , m_watcher(new ProjectWatcher(this))
{
    setWindowTitle(tr("Retort"));
    setObjectName(QStringLiteral("mainWindow"));
    createLayout();
    m_actions->populate(this);
    connectActions();
    m_branches = new BranchActions(this);
    m_navigation = new NavigationActions(this);
    m_databaseActions = new DatabaseActions(this);
    m_schemaActions = new SchemaActions(this);
    connect(m_schemaActions, &SchemaActions::driftChecked, this, &MainWindow::checkIdle);
    m_environmentActions = new EnvironmentActions(this);
    connect(m_environmentActions, &EnvironmentActions::busyChanged, this, &MainWindow::checkIdle);
    releaseEditorKeys();
    // Dark icons for a dark palette, where the desktop gives none.
    connect(&Appearance::instance(), &Appearance::changed, this, [] { Icons::installFallback(); });
    updateRecentProjects();
    resize(1280, 800);
    restoreLayout();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::setInteractive(bool interactive)
{
    m_database->setInteractive(interactive);
}

void MainWindow::releaseEditorKeys()
{
    QList<QKeySequence> shortcuts;
    for (const QAction *action : findChildren<QAction *>())
        shortcuts += action->shortcuts();
    for (SqlEditor *editor : findChildren<SqlEditor *>())
        editor->releaseKeys(shortcuts);
}

void MainWindow::createLayout()
{
    m_graphPage = new GraphPage(m_model, this);
    m_editorPage = new EditorPage(this);
    m_reviewPage = new ReviewPage(this);
    m_historyPage = new HistoryPage(this);
    m_welcomePage = new WelcomePage(this);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_welcomePage); // until a project is open
    m_pages->addWidget(m_graphPage);
    m_pages->addWidget(m_reviewPage);
    m_pages->addWidget(m_editorPage);
    m_pages->addWidget(m_historyPage);
    // Above every page: the connected database's drift, when it has any.
    m_driftBanner = new DriftBanner(this);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_driftBanner);
    centralLayout->addWidget(m_pages, 1);
    setCentralWidget(central);

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

    m_status = new WindowStatus(statusBar());
    auto *python = new PythonStatusLabel(this);
    statusBar()->addPermanentWidget(python);
    connect(this, &MainWindow::projectLoaded, python, [this, python] { python->setProject(project()); });
    connect(python, &PythonStatusLabel::problem, this, &MainWindow::logError);
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
    if (m_pages->currentWidget() == m_welcomePage)
        setView(View::Graph);
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
    const bool watchFiles = project().graph.size() <= ProjectWatcher::maxWatchedFiles;
    QStringList files;
    if (watchFiles)
        files.reserve(project().graph.size());
    QSet<QString> folders(project().versionFolders.cbegin(), project().versionFolders.cend());
    folders.insert(project().directory); // retort.ini, alembic.ini
    QString lastFolder;
    for (const Revision &revision : project().graph.revisions()) {
        if (watchFiles)
            files.append(revision.filePath());
        // Alembic's recursive version locations keep revisions in subfolders.
        // The paths are absolute and clean already: no QFileInfo for each of
        // 100,000 files, and a folder taken once per run of its files.
        const QString &folder = revision.fileFolder; // with its trailing '/'
        if (folder != lastFolder && !folder.isEmpty()) {
            folders.insert(folder.size() > 1 ? folder.chopped(1) : folder);
            lastFolder = folder;
        }
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
    RecentProjects::remember(directory);
    updateRecentProjects();
    m_welcomePage->refresh();
}

void MainWindow::updateRecentProjects()
{
    QMenu *menu = m_actions->recentProjects;
    menu->clear();
    const QStringList recent = RecentProjects::list();
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
    return sqlLanguage(m_session->isOpen() ? m_session->settings().dialect : Dialect::PostgreSQL);
}

void MainWindow::showSelected(const QString &id)
{
    const int index = project().graph.indexOf(id);
    m_graphPage->details()->showRevision(m_model, index, editorLanguage(index));
    updateActions();
    if (index < 0)
        return;
    const RevisionState state = m_model->state(index);
    const bool applied = state == RevisionState::Applied || state == RevisionState::Current;
    m_editorPage->showFile(
        id, project().graph.revision(index).filePath(), editorLanguage(index), applied ? databaseName() : QString());
    const std::optional<Dialect> dialect =
        m_session->isOpen() ? std::optional(m_session->settings().dialect) : std::nullopt;
    m_editorPage->setSectionMarks(
        EditorPage::sectionMarksFor(project().graph.revision(index), dialect, databaseName()));
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

// ---------------------------------------------------------------------------
// Database

void MainWindow::setDatabaseUrl(const QString &url)
{
    m_database->openUrl(url, project().directory);
}

void MainWindow::connectToDatabase(
    const ConnectionSettings &settings, bool production, const QString &profileShadowUrl, const QString &profileName)
{
    m_reviewPage->setDatabase({}, settings.dialect);
    m_database->open(settings, production, profileShadowUrl, profileName);
}

void MainWindow::disconnectFromDatabase()
{
    if (!m_session->isOpen() && !m_database->isConnecting())
        return;
    m_database->close();
    m_reviewPage->setDatabase({}, Dialect::PostgreSQL);
    m_historyPage->setDatabase({}, {});
    showSelected(selectedRevision());
}

void MainWindow::refreshDatabaseState()
{
    m_database->refresh(project());
    m_reviewStale = true;
    m_historyStale = true;
    if (view() == View::History)
        refreshHistory();
    if (view() == View::Review)
        m_reviewPage->request(m_reviewPage->mode(), m_reviewPage->target());
}

void MainWindow::requestReview(ReviewMode mode, const QString &target)
{
    m_reviewStale = false;
    m_database->review(project(), mode, target, this, [this](const Result<Review> &review) {
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
        // Reviews are read only for eyes that see them: a big plan's SQL
        // costs time and memory nobody asked for in the graph.
        if (m_reviewStale)
            m_reviewPage->request(m_reviewPage->mode(), m_reviewPage->target());
        break;
    case View::Editor:
        m_pages->setCurrentWidget(m_editorPage);
        m_actions->showEditor->setChecked(true);
        break;
    case View::History:
        m_pages->setCurrentWidget(m_historyPage);
        m_actions->showHistory->setChecked(true);
        if (m_historyStale)
            refreshHistory();
        break;
    }
}

void MainWindow::refreshHistory()
{
    m_historyStale = false;
    if (!m_session->isOpen())
        return;
    m_historyPage->showBusy();
    m_database->history(
        project(), this, [this](const Result<QList<HistoryEntry>> &entries) { m_historyPage->showEntries(entries); });
}

void MainWindow::openDemo()
{
    QString error;
    const QString directory = DemoProject::install(&error);
    if (directory.isEmpty()) {
        logError(error);
        return;
    }
    if (!openProject(directory))
        return;
    ConnectionSettings settings;
    settings.dialect = Dialect::SQLite;
    settings.sqlitePath = DemoProject::databaseFile();
    connectToDatabase(settings);
}

MainWindow::View MainWindow::view() const
{
    if (m_pages->currentWidget() == m_reviewPage)
        return View::Review;
    if (m_pages->currentWidget() == m_editorPage)
        return View::Editor;
    if (m_pages->currentWidget() == m_historyPage)
        return View::History;
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
    return m_databaseActions->showBackups();
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
    return m_database->isProduction() || project().settings.production;
}

QString MainWindow::databaseName() const
{
    return m_database->name();
}

void MainWindow::updateStatus()
{
    m_status->update(project(), *m_database, isBusy());
    updateActions();
}

void MainWindow::updateActions()
{
    WindowFacts facts;
    facts.hasProject = !project().directory.isEmpty();
    facts.brokenRevision = project().broken.isEmpty() ? QString() : project().broken.first().id;
    facts.selected = selectedRevision();
    facts.selectedState = m_model->state(project().graph.indexOf(facts.selected));
    facts.connected = m_session->isOpen();
    facts.stateKnown = m_database->hasState();
    facts.currentRows = int(m_database->currentRows().size());
    updateActionAvailability(m_actions, facts);
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

bool MainWindow::isBusy() const
{
    return m_database->isBusy() || m_reviewPage->isBusy() || m_graphPage->isBusy() ||
        (m_schemaActions && m_schemaActions->isCheckingDrift()) ||
        (m_environmentActions && m_environmentActions->isBusy());
}

void MainWindow::checkIdle()
{
    m_status->setBusy(isBusy());
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
