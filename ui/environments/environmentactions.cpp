#include "environmentactions.h"

#include "comparedialog.h"
#include "databaseactions.h"
#include "db/databasecontroller.h"
#include "db/databasesession.h"
#include "environmenthistorydialog.h"
#include "environmentmodel.h"
#include "environmentset.h"
#include "environmentspanel.h"
#include "graph/graphcolors.h"
#include "graph/graphpage.h"
#include "graph/revisiongraphmodel.h"
#include "graph/revisiongraphview.h"
#include "mainwindow.h"
#include "schema/schemajob.h"
#include "settings/appearance.h"
#include "windowactions.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

namespace Retort {

namespace {

constexpr int kShortcutSlots = 9;

} // namespace

EnvironmentActions::EnvironmentActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_environments(new EnvironmentSet(this))
    , m_panel(new EnvironmentsPanel(m_environments, window))
    , m_dock(new QDockWidget(tr("Environments"), window))
    , m_status(new QLabel(window))
{
    m_dock->setObjectName(QStringLiteral("environmentsDock"));
    m_dock->setWidget(m_panel);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();
    toggleDock = m_dock->toggleViewAction();
    toggleDock->setText(tr("E&nvironments"));
    toggleDock->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E));
    toggleDock->setStatusTip(tr("Where dev, staging, production… each stand, side by side"));
    toggleDock->setObjectName(QStringLiteral("toggleEnvironments"));

    compareEnvironments = new QAction(tr("&Compare Environments…"), this);
    compareEnvironments->setObjectName(QStringLiteral("compareEnvironments"));
    compareEnvironments->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    compareEnvironments->setStatusTip(tr("The revisions and schemas of two environments, and promote"));
    for (int slot = 0; slot < kShortcutSlots; ++slot) {
        auto *action = new QAction(this);
        action->setObjectName(QStringLiteral("activateEnvironment%1").arg(slot + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | (Qt::Key_1 + slot)));
        connect(action, &QAction::triggered, this, [this, slot] {
            if (slot < m_environments->count())
                activate(m_environments->at(slot).name());
        });
        activateEnvironment.append(action);
    }
    populateMenu();

    m_status->setObjectName(QStringLiteral("environmentsStatus"));
    m_status->setTextFormat(Qt::RichText);
    window->statusBar()->addPermanentWidget(m_status);
    m_status->hide();

    m_graphUpdate.setSingleShot(true);
    m_graphUpdate.setInterval(0);
    connect(&m_graphUpdate, &QTimer::timeout, this, [this] {
        updateGraph();
        updateStatus();
        updateActions();
        emit busyChanged(); // the window may be idle now
    });
    const auto scheduleUpdate = [this] { m_graphUpdate.start(); };
    connect(m_environments, &EnvironmentSet::listChanged, this, scheduleUpdate);
    connect(m_environments, &EnvironmentSet::environmentChanged, this, scheduleUpdate);
    connect(m_environments, &EnvironmentSet::busyChanged, this, &EnvironmentActions::busyChanged);
    // The status field's colours are the palette's: made again for a new one.
    connect(&Appearance::instance(), &Appearance::changed, this, scheduleUpdate);

    connect(m_panel, &EnvironmentsPanel::activateRequested, this, &EnvironmentActions::activate);
    connect(m_panel, &EnvironmentsPanel::driftCheckRequested, this, &EnvironmentActions::checkDrift);
    connect(m_panel, &EnvironmentsPanel::historyRequested, this, &EnvironmentActions::showHistory);
    connect(m_panel, &EnvironmentsPanel::compareRequested, this, [this](const QString &name) { compare(name); });
    connect(m_panel, &EnvironmentsPanel::profilesRequested, window->actions()->connectionProfiles, &QAction::trigger);
    connect(compareEnvironments, &QAction::triggered, this, [this] { compare(m_panel->selectedName()); });

    connect(window, &MainWindow::projectLoaded, this, [this] { m_environments->setProject(m_window->project()); });
    // A run from this window (a promotion, a fleet) may have moved any of them.
    connect(window->databaseActions(), &DatabaseActions::runFinished, m_environments,
        qOverload<>(&EnvironmentSet::refresh));
    DatabaseController *database = window->database();
    connect(database, &DatabaseController::statusChanged, this, &EnvironmentActions::followConnection);
    connect(database, &DatabaseController::stateRead, this, [this, database] {
        m_environments->updateFromConnection(database->currentRows(), database->applied(), database->pendingCount());
    });
    updateActions();
}

void EnvironmentActions::populateMenu()
{
    QMenuBar *bar = m_window->menuBar();
    auto *menu = new QMenu(tr("E&nvironments"), m_window);
    menu->addAction(toggleDock);
    menu->addAction(compareEnvironments);
    menu->addSeparator();
    menu->addActions(activateEnvironment);
    menu->setToolTipsVisible(true);
    // Before Help, the last menu.
    const QList<QAction *> menus = bar->actions();
    bar->insertMenu(menus.isEmpty() ? nullptr : menus.last(), menu);
}

void EnvironmentActions::followConnection()
{
    DatabaseController *database = m_window->database();
    const QString profile = database->profileName();
    m_environments->setActive(profile);
    // A password typed for the active environment serves its background reads too.
    if (database->isOpen() && !profile.isEmpty())
        m_environments->setPassword(profile, database->session()->settings().password);
}

void EnvironmentActions::activate(const QString &name)
{
    const int index = m_environments->indexOf(name);
    if (index < 0 || name == m_environments->active())
        return;
    const ConnectionProfile &profile = m_environments->at(index).profile;
    m_window->connectToDatabase(m_environments->settings(index), profile.production, profile.shadowUrl, profile.name);
}

CompareDialog *EnvironmentActions::compare(const QString &from)
{
    if (m_environments->count() < 2)
        return nullptr;
    if (m_compare)
        delete m_compare; // another project or list since: start afresh
    m_compare = new CompareDialog(m_window->project(), m_environments, m_window);
    m_compare->setAttribute(Qt::WA_DeleteOnClose);
    if (!from.isEmpty()) {
        // The other one: the first that is not `from`.
        QString to;
        for (const Environment &environment : m_environments->environments()) {
            if (environment.name() != from) {
                to = environment.name();
                break;
            }
        }
        m_compare->setPair(from, to);
    }
    connect(m_compare, &CompareDialog::revisionActivated, m_window, &MainWindow::selectRevision);
    connect(m_compare, &CompareDialog::idle, this, &EnvironmentActions::busyChanged);
    connect(m_compare, &CompareDialog::promoteRequested, this, [this](const QString &to, const QString &revision) {
        const int index = m_environments->indexOf(to);
        if (index < 0)
            return;
        const ConnectionProfile &profile = m_environments->at(index).profile;
        const ConnectionSettings settings = m_environments->settings(index);
        m_window->databaseActions()->runPlanOn(settings, profile.production,
            DatabaseController::shadowOptionsFor(
                m_window->project(), settings.dialect, profile.shadowUrl, profile.name),
            ReviewMode::Upgrade, revision);
    });
    m_compare->show();
    m_compare->raise();
    return m_compare;
}

EnvironmentHistoryDialog *EnvironmentActions::showHistory(const QString &name)
{
    const int index = m_environments->indexOf(name);
    if (index < 0)
        return nullptr;
    auto *dialog =
        new EnvironmentHistoryDialog(name, m_environments->settings(index), m_window->project().settings, m_window);
    dialog->show();
    return dialog;
}

void EnvironmentActions::checkDrift(const QString &name)
{
    const int index = m_environments->indexOf(name);
    if (index < 0 || !m_environments->at(index).known())
        return;
    const Environment &environment = m_environments->at(index);
    const ConnectionSettings settings = m_environments->settings(index);
    const Project &project = m_window->project();
    auto job = std::make_shared<DriftJob>(project,
        DatabaseController::shadowOptionsFor(project, settings.dialect, environment.profile.shadowUrl, name), settings,
        environment.rows);
    connect(job.get(), &DriftJob::finished, this, [this, name](const DriftOutcome &outcome) {
        if (!outcome.report)
            m_environments->setDrift(name, Environment::Drift::Failed, outcome.error.toString());
        else if (outcome.report->drifted())
            m_environments->setDrift(name, Environment::Drift::Drifted, outcome.report->diff);
        else
            m_environments->setDrift(name, Environment::Drift::None);
        emit busyChanged();
    });
    m_driftJobs.insert(name, job); // the one before, if any, is done: its thread has ended
    m_environments->setDrift(name, Environment::Drift::Checking);
    m_window->logInfo(tr("Checking %1 for drift in a shadow database").arg(name));
    job->start();
}

bool EnvironmentActions::isBusy() const
{
    // A state read but not shown yet counts: screenshots and tests wait for it.
    const auto checking = [](const Environment &environment) {
        return environment.drift == Environment::Drift::Checking;
    };
    const QList<Environment> &all = m_environments->environments();
    return m_environments->isBusy() || m_graphUpdate.isActive() || (m_compare && m_compare->isBusy()) ||
        std::any_of(all.cbegin(), all.cend(), checking);
}

void EnvironmentActions::updateGraph()
{
    QList<EnvironmentColumn> columns;
    for (const Environment &environment : m_environments->environments())
        columns.append(
            { environment.name(), environment.hue, environment.known(), environment.rows, environment.applied });
    m_window->graphModel()->setEnvironments(columns);
    m_window->graphPage()->view()->fitTextColumns(true); // markers and states as wide as they need
}

void EnvironmentActions::updateStatus()
{
    QStringList parts;
    QStringList plain;
    const QPalette palette = m_window->palette();
    for (const Environment &environment : m_environments->environments()) {
        const QString text = EnvironmentModel::positionText(environment);
        plain.append(text);
        parts.append(QStringLiteral("<span style=\"color:%1\">■</span>&nbsp;%2")
                         .arg(GraphColors::hue(environment.hue, palette, true).name(), text.toHtmlEscaped()));
    }
    m_status->setVisible(!parts.isEmpty());
    m_status->setText(parts.join(QLatin1String(" &nbsp; ")));
    m_status->setToolTip(plain.join(QLatin1Char('\n')));
    m_status->setAccessibleName(plain.join(QLatin1String("; ")));
}

QString EnvironmentActions::statusText() const
{
    return m_status->isVisibleTo(m_window) ? m_status->accessibleName() : QString();
}

void EnvironmentActions::updateActions()
{
    for (int slot = 0; slot < activateEnvironment.size(); ++slot) {
        QAction *action = activateEnvironment.at(slot);
        const bool exists = slot < m_environments->count();
        action->setVisible(exists);
        action->setEnabled(exists && m_environments->at(slot).name() != m_environments->active());
        action->setText(exists ? tr("Make &%1 Active (%2)").arg(slot + 1).arg(m_environments->at(slot).name())
                               : tr("Make Environment %1 Active").arg(slot + 1));
    }
    const bool two = m_environments->count() >= 2;
    compareEnvironments->setEnabled(two);
    compareEnvironments->setToolTip(
        two ? compareEnvironments->statusTip() : tr("Watch two environments to compare them"));
}

} // namespace Retort
