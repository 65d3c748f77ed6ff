#include "rundialog.h"

#include "db/databaseconnection.h"
#include "editor/sqleditor.h"
#include "exec/runoutcome.h"
#include "graph/graphcolors.h"
#include "lint/findingmarks.h"
#include "lint/findingsview.h"
#include "report/alembictext.h"
#include "review/planstepmodel.h"
#include "review/plansummary.h"
#include "run/runprogress.h"
#include "run/typedconfirmation.h"
#include "schema/schematab.h"
#include "settings/dialoggeometry.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTextDocumentFragment>
#include <QThread>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>
#include <memory>

namespace Retort {

namespace {

// Runs `work` on a thread of its own and hands its result to `done` on
// `context`'s thread; the caller owns (and waits for) the thread.
template<typename T>
QThread *startThread(QObject *context, std::function<T()> work, std::function<void(const T &)> done)
{
    auto box = std::make_shared<std::optional<T>>();
    QThread *thread = QThread::create([box, work = std::move(work)] { box->emplace(work()); });
    QObject::connect(thread, &QThread::finished, context, [box, done = std::move(done)] { done(**box); });
    thread->start();
    return thread;
}

using PlanSummary::colored;

} // namespace

RunDialog::RunDialog(const Project &project, const ConnectionSettings &settings, bool production, ReviewMode mode,
    const QString &target, QWidget *parent)
    : QDialog(parent)
    , m_project(project)
    , m_settings(settings)
    , m_production(production)
    , m_mode(mode)
    , m_target(target)
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_warnings(new QLabel(this))
    , m_steps(new PlanStepModel(this))
    , m_stepView(new QTreeView(this))
    , m_editor(new SqlEditor(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_backup(new QCheckBox(this))
    , m_confirmation(new TypedConfirmation(this))
    , m_progress(new RunProgress(this))
    , m_buttons(new QDialogButtonBox(this))
{
    setObjectName(QStringLiteral("runDialog"));
    setWindowTitle(tr("%1 — %2").arg(actionName(), m_settings.displayName()));
    m_title->setText(QStringLiteral("<h3>%1</h3>")
                         .arg(tr("%1 %2 to %3").arg(actionName(), m_settings.displayName(), m_target).toHtmlEscaped()));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::RichText);
    m_warnings->setFrameShape(QFrame::StyledPanel);
    m_warnings->setMargin(6);
    m_warnings->hide();

    m_stepView->setModel(m_steps);
    m_stepView->setRootIsDecorated(false);
    m_stepView->setUniformRowHeights(true);
    m_stepView->setAlternatingRowColors(true);
    m_stepView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stepView->header()->setStretchLastSection(true);
    m_editor->setMinimumHeight(160);
    m_splitter->addWidget(m_stepView);
    // The SQL, and what it does to the schema (replayed in the shadow once
    // that tab is looked at).
    m_lowerTabs = new QTabWidget(this);
    m_lowerTabs->setDocumentMode(true);
    m_lowerTabs->addTab(m_editor, tr("S&QL"));
    m_schemaTab = new SchemaTab(this);
    m_lowerTabs->addTab(m_schemaTab, tr("Sc&hema"));
    connect(m_lowerTabs, &QTabWidget::currentChanged, this, &RunDialog::showSchema);
    m_splitter->addWidget(m_lowerTabs);
    m_splitter->addWidget(m_progress->log());
    m_findings = new FindingsView(this);
    m_splitter->insertWidget(1, m_findings);
    m_lintMarks = new FindingMarks(m_editor);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 1);
    m_splitter->setChildrenCollapsible(false);

    const bool postgres = m_settings.dialect == Dialect::PostgreSQL;
    m_backup->setText(postgres ? tr("Back up first (pg_dump, verified before anything runs)")
                               : tr("Back up first (a verified copy of the file)"));
    m_backup->setToolTip(tr("Into %1").arg(QDir::toNativeSeparators(m_project.backupFolder())));
    m_backup->setChecked(m_production || m_mode == ReviewMode::Downgrade);
    if (m_production) {
        m_backup->setEnabled(false);
        m_backup->setToolTip(tr("This connection is marked production: Retort always backs it up first."));
    }

    m_confirmation->setExpected(productionName(m_settings),
        tr("%1 is marked <b>production</b>. Type its name, <b>%2</b>, to confirm:")
            .arg(m_settings.displayName().toHtmlEscaped(), productionName(m_settings).toHtmlEscaped()));
    m_confirmation->setVisible(m_production);

    m_run = m_buttons->addButton(actionName(), QDialogButtonBox::AcceptRole);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_run->setEnabled(false);
    m_run->setDefault(false);
    m_run->setAutoDefault(false);
    m_cancel->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_warnings);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_backup);
    layout->addWidget(m_confirmation);
    m_progress->hide(); // until the run starts
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);

    connect(m_run, &QPushButton::clicked, this, &RunDialog::startRun);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (isRunning())
            cancelRun();
        else if (hasFinished())
            accept();
        else
            QDialog::reject();
    });
    connect(m_progress, &RunProgress::logged, this, &RunDialog::logged);
    connect(m_confirmation, &TypedConfirmation::changed, this, &RunDialog::updateRunButton);
    connect(m_stepView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { showStep(current.row()); });

    rememberGeometry(this, QStringLiteral("run"), QSize(980, 760));
    startPlanning();
}

RunDialog::~RunDialog()
{
    if (m_job)
        m_job->cancel();
    for (QThread *thread : { m_planThread, m_runThread }) {
        if (thread) {
            thread->wait();
            delete thread;
        }
    }
}

QString RunDialog::actionName() const
{
    switch (m_mode) {
    case ReviewMode::Upgrade:
        return tr("Upgrade");
    case ReviewMode::Downgrade:
        return tr("Downgrade");
    case ReviewMode::Stamp:
        return tr("Stamp");
    }
    return {};
}

QString RunDialog::language(int revision) const
{
    if (revision >= 0 && m_project.graph.revision(revision).format == RevisionFormat::Alembic)
        return QStringLiteral("Python");
    return sqlLanguage(m_settings.dialect);
}

// ---------------------------------------------------------------------------
// The plan

void RunDialog::startPlanning()
{
    m_summary->setText(tr("Planning against %1…").arg(m_settings.displayName().toHtmlEscaped()));
    const Project project = m_project;
    const ConnectionSettings settings = m_settings;
    const ReviewMode mode = m_mode;
    const QString target = m_target;
    // Its own short-lived connection, opened and closed in the thread that uses it.
    m_planThread = startThread<Result<Review>>(
        this,
        [project, settings, mode, target]() -> Result<Review> {
            Result<std::unique_ptr<DatabaseConnection>> connection = DatabaseConnection::open(settings);
            if (!connection)
                return connection.error();
            return DatabaseReview(project, (*connection)->database(), settings.dialect).review(mode, target);
        },
        [this](const Result<Review> &review) {
            m_planThread->deleteLater();
            m_planThread = nullptr;
            showReview(review);
        });
}

void RunDialog::showReview(const Result<Review> &review)
{
    if (!review) {
        m_summary->setText(colored(tr("Cannot plan: %1").arg(review.error().toString().toHtmlEscaped()), 0, palette()));
        emit planned();
        return;
    }
    m_review = *review;
    m_steps->setReview(m_project.graph, *m_review);
    for (int column = 0; column < PlanStepModel::WarningsColumn; ++column)
        m_stepView->resizeColumnToContents(column);
    m_stepView->setColumnHidden(PlanStepModel::StateColumn, true);

    const QString database = m_settings.displayName().toHtmlEscaped();
    const MigrationPlan &plan = m_review->plan;
    if (m_mode == ReviewMode::Stamp) {
        m_summary->setText(tr("Stamping writes the version table of %1 from <b>%2</b> to <b>%3</b> and runs no "
                              "migration: the schema stays as it is.")
                               .arg(database, versionRowsText(plan.versionRowsBefore).toHtmlEscaped(),
                                   versionRowsText(m_review->stampedRows).toHtmlEscaped()));
        m_stepView->hide();
        showStampScript();
    } else if (plan.isEmpty()) {
        m_summary->setText(tr("Nothing to run: %1 is already at <b>%2</b>.")
                               .arg(database, versionRowsText(plan.versionRowsBefore).toHtmlEscaped()));
    } else {
        const QString direction = plan.direction == Direction::Upgrade ? tr("upgrade") : tr("downgrade");
        // Alembic's default env.py commits once, at the end of the whole run.
        const QString transactions = m_review->oneTransaction
            ? tr("all %n steps in one transaction (a failure rolls back every one).", nullptr, int(plan.steps.size()))
            : tr("each in its own transaction unless marked otherwise.");
        m_summary->setText(tr("%n step(s) will %1 %2 from <b>%3</b> to <b>%4</b>, %5", nullptr, int(plan.steps.size()))
                               .arg(direction, database, versionRowsText(plan.versionRowsBefore).toHtmlEscaped(),
                                   versionRowsText(plan.versionRowsAfter()).toHtmlEscaped(), transactions));
        m_stepView->setCurrentIndex(m_steps->index(0, 0));
    }
    m_progress->setStepCount(int(plan.steps.size()));
    showWarnings();
    updateRunButton();
    layout()->activate(); // the warnings' height, before anyone looks
    emit planned();
}

void RunDialog::setShadowOptions(const ShadowOptions &options)
{
    m_shadowOptions = options;
}

void RunDialog::showSchema()
{
    if (m_lowerTabs->currentWidget() != m_schemaTab || m_schemaShown || !m_review || m_review->plan.isEmpty())
        return;
    m_schemaShown = true;
    m_schemaTab->showPlan(m_project, m_review->plan, m_shadowOptions);
}

void RunDialog::showWarnings()
{
    const QStringList items = PlanSummary::warningItems(m_project.graph, *m_review, m_mode, palette());
    m_warnings->setVisible(!items.isEmpty());
    m_warnings->setText(PlanSummary::warningsText(items, palette()));
}

void RunDialog::showStampScript()
{
    const Review &review = *m_review;
    QStringList lines { tr("-- A stamp changes only the version table; no migration runs."),
        tr("-- The version table now:") };
    for (const QString &row : review.plan.versionRowsBefore)
        lines.append(QStringLiteral("--   ") + row);
    if (review.plan.versionRowsBefore.isEmpty())
        lines.append(tr("--   (empty)"));
    lines.append(tr("-- After the stamp:"));
    for (const QString &row : review.stampedRows)
        lines.append(QStringLiteral("--   ") + row);
    if (review.stampedRows.isEmpty())
        lines.append(tr("--   (empty)"));
    m_editor->setLanguage(language(-1));
    m_editor->setText(lines.join(QLatin1Char('\n')));
}

void RunDialog::showStep(int row)
{
    if (!m_review || row < 0 || row >= m_review->steps.size())
        return;
    const ReviewStep &step = m_review->steps.at(row);
    const Revision &revision = m_project.graph.revision(step.step.revision);
    if (m_shownStep != row) {
        // The whole file, so that line numbers are the file's, as in every
        // message; for an Alembic step, the SQL its Alembic writes for it.
        const bool alembicSql = revision.format == RevisionFormat::Alembic && !step.scriptIsPython;
        QFile file(revision.filePath());
        const QString text =
            !alembicSql && file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : step.script;
        m_editor->clearLineMarks();
        m_editor->clearLineMessages();
        m_editor->setLanguage(language(alembicSql ? -1 : step.step.revision));
        m_editor->setText(text);
        m_shownStep = row;
        m_findings->setFindings(step.lint);
        m_lintMarks->setFindings(step.lint);
        for (const SqlRisk &risk : step.risks) {
            if (risk.losesData() && risk.line > 0)
                m_editor->markLine(risk.line - 1, SqlEditor::ChangedLine);
        }
        // From the top (the header says what the revision is), then as far
        // down as the section that runs needs.
        m_editor->setFirstVisibleLine(0);
        if (const std::optional<SqlSection> section = revision.section(step.step.direction, m_settings.dialect)) {
            const int lastLine = section->markerLine + int(section->utf8().count('\n'));
            m_editor->ensureLineVisible(lastLine - 1);
            m_editor->ensureLineVisible(section->markerLine - 1);
            m_editor->setCursorPosition(section->markerLine - 1, 0);
        }
        if (m_result && m_result->report.failure && m_result->report.failure->step == row)
            showFailure(*m_result);
    }
}

QLineEdit *RunDialog::confirmationEdit() const
{
    return m_confirmation->edit();
}

void RunDialog::updateRunButton()
{
    const bool confirmed = !m_production || m_confirmation->isConfirmed();
    const bool runnable = m_review && m_review->problem.isEmpty() &&
        (m_mode == ReviewMode::Stamp ? m_review->stampedRows != m_review->plan.versionRowsBefore
                                     : !m_review->plan.isEmpty());
    m_run->setEnabled(runnable && confirmed && !isRunning() && !hasFinished());
    if (m_production && runnable && !confirmed)
        m_run->setToolTip(tr("Type the database's name above to confirm"));
    else
        m_run->setToolTip({});
}

// ---------------------------------------------------------------------------
// The run

void RunDialog::startRun()
{
    if (!m_run->isEnabled() || !m_review)
        return;
    RunRequest request;
    request.project = m_project;
    request.settings = m_settings;
    request.mode = m_mode;
    request.target = m_target;
    request.reviewedPlan = m_review->plan;
    request.stampedRows = m_review->stampedRows;
    request.backup = m_backup->isChecked();
    request.options.toolVersion =
        QApplication::applicationName() + QLatin1Char(' ') + QApplication::applicationVersion();

    m_run->setEnabled(false);
    m_backup->setEnabled(false);
    m_confirmation->lock();
    m_stepView->setColumnHidden(PlanStepModel::StateColumn, false);
    m_stepView->resizeColumnToContents(PlanStepModel::TransactionColumn);
    m_cancel->setText(tr("&Cancel Run"));
    m_progress->setStepCount(int(m_review->plan.steps.size()));
    m_progress->show();
    appendLog(tr("%1 %2 to %3").arg(actionName(), m_settings.redactedUrl(), m_target));

    m_job = std::make_unique<RunJob>(request);
    RunJob *job = m_job.get();
    connect(job, &RunJob::phase, this, [this](const QString &text) {
        m_progress->setText(text);
        appendLog(text);
    });
    connect(job, &RunJob::logLine, this, &RunDialog::appendLog);
    connect(job, &RunJob::stepStarted, this, &RunDialog::onStepStarted);
    connect(job, &RunJob::statementStarted, this, &RunDialog::onStatementStarted);
    connect(job, &RunJob::stepFinished, this, &RunDialog::onStepFinished);
    m_runThread = startThread<RunResult>(
        this, [job] { return job->execute(); },
        [this](const RunResult &result) {
            m_runThread->deleteLater();
            m_runThread = nullptr;
            finishRun(result);
        });
}

void RunDialog::cancelRun()
{
    if (!m_job)
        return;
    appendLog(tr("Cancelling: the running statement is stopped and its migration rolled back…"));
    m_cancel->setEnabled(false);
    m_cancel->setText(tr("Cancelling…"));
    m_job->cancel();
}

void RunDialog::onStepStarted(int step)
{
    m_runningStep = step;
    m_steps->setStepState(step, PlanStepModel::StepState::Running);
    m_stepView->setCurrentIndex(m_steps->index(step, 0));
    const int revision = m_review->plan.steps.value(step).revision;
    appendLog(tr("Running %1").arg(stepLog(m_project.graph.revision(revision), m_review->plan.direction)));
    m_progress->stepStarted(step);
}

void RunDialog::onStatementStarted(int step, int statement, int statementCount, int line)
{
    const QString id = m_project.graph.revision(m_review->plan.steps.value(step).revision).id;
    const QString where = tr("statement %1 of %2").arg(statement + 1).arg(statementCount);
    m_steps->setStepState(step, PlanStepModel::StepState::Running, where);
    m_stepView->resizeColumnToContents(PlanStepModel::StateColumn);
    m_progress->setText(
        tr("Step %1 of %2, %3: %4, line %5").arg(step + 1).arg(m_review->plan.steps.size()).arg(id, where).arg(line));
    m_progress->statementStarted(step, statement, statementCount);
    if (m_shownStep == step && line > 0) {
        m_editor->setCursorPosition(line - 1, 0);
        m_editor->ensureLineVisible(line - 1);
    }
}

void RunDialog::onStepFinished(int step, qint64 durationMs)
{
    m_steps->setStepState(step, PlanStepModel::StepState::Done, formatDuration(durationMs));
    m_stepView->resizeColumnToContents(PlanStepModel::StateColumn);
    m_progress->stepFinished(step);
    appendLog(tr("Done in %1").arg(formatDuration(durationMs)));
}

void RunDialog::finishRun(const RunResult &result)
{
    m_result = result;
    m_job.reset();
    const ExecutionReport &report = result.report;
    const QString database = m_settings.displayName().toHtmlEscaped();
    QString text;
    QString backup;
    if (result.backup) {
        backup = QLatin1Char(' ') +
            tr("Backed up first to %1 (verified).").arg(QDir::toNativeSeparators(result.backup->path).toHtmlEscaped());
    }
    if (report.ok()) {
        text = m_mode == ReviewMode::Stamp
            ? tr("Stamped %1: %2 → %3; no migration ran.")
                  .arg(database, versionRowsText(result.plan.versionRowsBefore).toHtmlEscaped(),
                      versionRowsText(result.stampedRows).toHtmlEscaped())
            : tr("Done: %n migration(s) in %1; %2 is at <b>%3</b>.", nullptr, report.stepsCompleted)
                  .arg(
                      formatDuration(result.durationMs), database, versionRowsText(report.versionRows).toHtmlEscaped());
        text = colored(QStringLiteral("✔ "), GraphColors::AppliedHue, palette()) + text + backup;
    } else {
        const bool cancelled = report.outcome == ExecutionReport::Outcome::Cancelled;
        const QString error = report.failure ? report.failure->error.toString() : QString();
        text = colored(QStringLiteral("<b>%1</b> ").arg(cancelled ? tr("Cancelled:") : tr("Failed:")), 0, palette()) +
            error.toHtmlEscaped() + backup;
        QStringList details;
        for (const QString &line : result.details)
            details.append(line.toHtmlEscaped());
        if (!details.isEmpty())
            text += QStringLiteral("<br>") + details.join(QStringLiteral("<br>"));
        appendLog((cancelled ? tr("Cancelled: %1") : tr("Failed: %1")).arg(error));
        for (const QString &line : result.details)
            appendLog(QStringLiteral("  ") + line);
        if (report.failure && report.failure->step >= 0) {
            m_steps->setStepState(report.failure->step,
                cancelled ? PlanStepModel::StepState::Cancelled : PlanStepModel::StepState::Failed);
            m_stepView->resizeColumnToContents(PlanStepModel::StateColumn);
        }
        showFailure(result);
    }
    if (report.ok())
        appendLog(QTextDocumentFragment::fromHtml(text).toPlainText());
    m_summary->setText(text);
    m_progress->finish(report.ok());
    m_cancel->setEnabled(true);
    m_cancel->setText(tr("&Close"));
    m_run->hide();
    emit runFinished(report.ok());
}

void RunDialog::showFailure(const RunResult &result)
{
    m_lowerTabs->setCurrentWidget(m_editor); // the failing statement is shown there
    const std::optional<StepFailure> &failure = result.report.failure;
    if (!failure || failure->step < 0)
        return;
    if (m_shownStep != failure->step) {
        m_stepView->setCurrentIndex(m_steps->index(failure->step, 0)); // shows it, and comes back here
        return;
    }
    const int line = failure->error.line;
    if (line <= 0)
        return;
    const int lines = std::max(1, int(failure->statement.count(QLatin1Char('\n'))) + 1);
    for (int i = 0; i < lines; ++i)
        m_editor->markLine(line - 1 + i, SqlEditor::RemovedLine);
    QString message = failure->error.message;
    if (!failure->error.sqlState.isEmpty())
        message = tr("%1 (SQLSTATE %2)").arg(message, failure->error.sqlState);
    m_editor->showLineMessage(line - 1 + lines - 1, message);
    m_editor->setCursorPosition(line - 1, 0);
    m_editor->ensureLineVisible(line - 1 + lines);
}

void RunDialog::appendLog(const QString &line)
{
    m_progress->appendLog(line);
}

QString RunDialog::summary() const
{
    return QTextDocumentFragment::fromHtml(m_summary->text()).toPlainText();
}

QString RunDialog::warnings() const
{
    return m_warnings->isVisible() ? QTextDocumentFragment::fromHtml(m_warnings->text()).toPlainText() : QString();
}

QString RunDialog::progressText() const
{
    return m_progress->text();
}

QPlainTextEdit *RunDialog::log() const
{
    return m_progress->log();
}

void RunDialog::reject()
{
    // Escape during a run must not walk away from it: Cancel Run is explicit.
    if (isRunning())
        return;
    if (hasFinished())
        accept();
    else
        QDialog::reject();
}

void RunDialog::closeEvent(QCloseEvent *event)
{
    if (isRunning()) {
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

} // namespace Retort
