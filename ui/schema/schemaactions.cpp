#include "schemaactions.h"

#include "branches/branchactions.h"
#include "databaseactions.h"
#include "db/databasecontroller.h"
#include "db/databasesession.h"
#include "details/revisiondetails.h"
#include "driftbanner.h"
#include "driftdialog.h"
#include "editor/editorpage.h"
#include "editor/sqleditor.h"
#include "graph/graphpage.h"
#include "graph/planner.h"
#include "log/logmodel.h"
#include "mainwindow.h"
#include "review/reviewpage.h"
#include "run/rundialog.h"
#include "schemajob.h"
#include "schematab.h"
#include "settings/dialoggeometry.h"
#include "shadow/shadowserver.h"
#include "verifydialog.h"
#include "windowactions.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QStatusBar>
#include <QVBoxLayout>

namespace Retort {

SchemaActions::SchemaActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_banner(window->driftBanner())
    , m_status(new QLabel(window))
{
    m_status->setObjectName(QStringLiteral("driftStatus"));
    window->statusBar()->addPermanentWidget(m_status);
    m_status->hide();
    WindowActions *actions = window->actions();
    connect(actions->verifyMigrations, &QAction::triggered, this, &SchemaActions::verifyMigrations);
    connect(actions->checkDrift, &QAction::triggered, this, &SchemaActions::checkDrift);
    connect(window->database(), &DatabaseController::stateRead, this, &SchemaActions::stateRead);
    connect(window->database(), &DatabaseController::statusChanged, this, [this] {
        if (!m_window->session()->isOpen()) {
            m_drift.reset();
            m_checking = false;
            m_banner->clear();
            m_status->hide();
        }
    });
    ReviewPage *review = window->reviewPage();
    connect(review, &ReviewPage::schemaRequested, this, [this, review] {
        review->showSchema(m_window->project(), m_window->database()->shadowOptions(m_window->project()));
    });
    connect(review, &ReviewPage::lineActivated, this, &SchemaActions::openLine);
    connect(
        window->graphPage()->details(), &RevisionDetails::changesRequested, this, &SchemaActions::showRevisionChanges);
    connect(m_banner, &DriftBanner::differenceRequested, this, &SchemaActions::showDifference);
    connect(m_banner, &DriftBanner::stampRequested, this, [this](const QStringList &rows) {
        // The guided stamp: its plan, the version table before and after, a typed confirmation.
        if (rows.size() == 1)
            m_window->databaseActions()->runPlan(ReviewMode::Stamp, rows.first());
    });
}

SchemaActions::~SchemaActions() = default;

void SchemaActions::stateRead()
{
    const ShadowOptions options = m_window->database()->shadowOptions(m_window->project());
    const bool cheap =
        options.dialect == Dialect::SQLite || !options.configuredUrl.isEmpty() || ShadowServer::isAnyRunning();
    if (cheap)
        checkDriftWith(options);
}

void SchemaActions::checkDrift()
{
    checkDriftWith(m_window->database()->shadowOptions(m_window->project()));
}

void SchemaActions::checkDriftWith(const ShadowOptions &options)
{
    DatabaseSession *session = m_window->session();
    const Project &project = m_window->project();
    if (!session->isOpen() || !m_window->database()->hasState() || !project.broken.isEmpty())
        return;
    m_window->log()->add(
        LogModel::Level::Info, tr("Checking %1 for drift in a shadow database").arg(session->settings().displayName()));
    m_status->setText(tr("Schema: checking…"));
    m_status->show();
    m_drift = std::make_unique<DriftJob>(project, options, session->settings(), m_window->database()->currentRows());
    connect(m_drift.get(), &DriftJob::finished, this, &SchemaActions::showDrift);
    m_checking = true;
    m_drift->start();
}

void SchemaActions::showDrift(const DriftOutcome &outcome)
{
    // The job stays until the next check: its thread is done, and the
    // report is copied into the banner.
    m_checking = false;
    m_status->setText(!outcome.report   ? tr("Schema: not checked")
            : outcome.report->drifted() ? tr("Schema: drifted")
                                        : tr("Schema: as its revision"));
    m_status->setToolTip(outcome.report ? QString() : outcome.error.toString());
    if (!outcome.report) {
        m_banner->clear();
        m_window->log()->add(LogModel::Level::Warning, tr("Drift not checked: %1").arg(outcome.error.toString()));
    } else {
        m_banner->setReport(*outcome.report);
        m_window->log()->add(outcome.report->drifted() ? LogModel::Level::Warning : LogModel::Level::Info,
            outcome.report->drifted() ? m_banner->text() : tr("No drift: the schema is the one its revision gives"));
    }
    emit driftChecked();
}

DriftDialog *SchemaActions::showDifference()
{
    if (!m_window->session()->isOpen() || !m_banner->report().drifted())
        return nullptr;
    const Project &project = m_window->project();
    auto *dialog = new DriftDialog(project, m_window->database()->shadowOptions(project),
        m_window->session()->settings(), m_banner->report(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DriftDialog::captured, this, [this](const WrittenRevision &written) {
        m_window->branches()->showWritten(written, tr("Recorded the drift as"), true);
    });
    dialog->open();
    return dialog;
}

SchemaTab *SchemaActions::showRevisionChanges(const QString &id)
{
    const Project &project = m_window->project();
    if (project.graph.indexOf(id) < 0 || !project.broken.isEmpty())
        return nullptr;
    // The way from an empty database to the revision ends with it; what it
    // alone changes is that last step, from the state just before.
    Result<MigrationPlan> path = Planner(project.graph).upgrade({}, id);
    if (!path || path->isEmpty())
        return nullptr;
    MigrationPlan alone;
    alone.versionRowsBefore =
        path->steps.size() > 1 ? path->steps.at(path->steps.size() - 2).versionRowsAfter : path->versionRowsBefore;
    alone.steps = { path->steps.last() };
    auto *dialog = new QDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("What %1 Changes").arg(id));
    auto *tab = new SchemaTab(dialog);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(tab, &SchemaTab::lineActivated, this, [this, dialog](const QString &file, int line) {
        dialog->close();
        openLine(file, line);
    });
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(tab, 1);
    layout->addWidget(buttons);
    rememberGeometry(dialog, QStringLiteral("revisionChanges"), QSize(1000, 600));
    dialog->open();
    tab->showPlan(project, alone, m_window->database()->shadowOptions(project));
    return tab;
}

VerifyDialog *SchemaActions::verifyMigrations()
{
    const Project &project = m_window->project();
    if (project.directory.isEmpty())
        return nullptr;
    auto *dialog = new VerifyDialog(project, m_window->database()->shadowOptions(project), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &VerifyDialog::lineActivated, this, &SchemaActions::openLine);
    dialog->open();
    dialog->start();
    return dialog;
}

void SchemaActions::openLine(const QString &file, int line)
{
    for (const Revision &revision : m_window->project().graph.revisions()) {
        if (QFileInfo(revision.filePath()) != QFileInfo(file))
            continue;
        m_window->selectRevision(revision.id);
        m_window->setView(MainWindow::View::Editor);
        SqlEditor *editor = m_window->editorPage()->editor();
        editor->setCursorPosition(qMax(line - 1, 0), 0);
        editor->ensureLineVisible(qMax(line - 1, 0));
        editor->setFocus();
        return;
    }
}

} // namespace Retort
