#include "reviewpage.h"

#include "diffview.h"
#include "editor/sqleditor.h"
#include "editor/syntaxlexer.h"
#include "lint/findingsview.h"
#include "planstepmodel.h"
#include "plansummary.h"
#include "report/alembictext.h"
#include "review/planscript.h"
#include "schema/schematab.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrentRun>

namespace Retort {

ReviewPage::ReviewPage(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_target(new QComboBox(this))
    , m_review(new QPushButton(tr("Re&view"), this))
    , m_run(new QPushButton(tr("&Run…"), this))
    , m_summary(new QLabel(this))
    , m_steps(new PlanStepModel(this))
    , m_stepView(new QTreeView(this))
    , m_editedTitle(new QLabel(this))
    , m_edited(new QListWidget(this))
    , m_lower(new QStackedWidget(this))
    , m_script(new SqlEditor(this))
    , m_diff(new DiffView(this))
{
    m_mode->addItem(tr("Upgrade to"), int(ReviewMode::Upgrade));
    m_mode->addItem(tr("Downgrade to"), int(ReviewMode::Downgrade));
    m_mode->addItem(tr("Stamp at"), int(ReviewMode::Stamp));
    m_mode->setAccessibleName(tr("What to review"));
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    m_target->setMinimumContentsLength(18);
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setToolTip(tr("heads, head, base, a revision id or prefix, label@head, +N, -N"));
    m_target->setAccessibleName(tr("Target revision"));
    m_run->setObjectName(QStringLiteral("reviewRunButton"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    bar->addWidget(m_mode);
    bar->addWidget(m_target);
    bar->addWidget(m_review);
    bar->addStretch();
    bar->addWidget(m_run);

    m_stepView->setModel(m_steps);
    m_stepView->setRootIsDecorated(false);
    m_stepView->setUniformRowHeights(true);
    m_stepView->setAlternatingRowColors(true);
    m_stepView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stepView->setAccessibleName(tr("Plan steps"));
    m_stepView->header()->setStretchLastSection(true);
    m_stepView->header()->setMinimumSectionSize(24);
    // Column widths from the first rows: a plan can have thousands.
    m_stepView->header()->setResizeContentsPrecision(200);
    m_stepView->setColumnHidden(PlanStepModel::StateColumn, true); // nothing runs here
    m_editedTitle->setText(tr("<b>Applied revisions edited since they ran</b>"));
    m_editedTitle->setWordWrap(true);
    m_edited->setToolTip(tr("These files changed after they were applied to this database: the database keeps "
                            "what ran. Select one to compare."));
    m_edited->setAccessibleName(tr("Applied revisions edited since they ran"));
    m_script->setAccessibleName(tr("The plan's SQL"));
    m_lower->addWidget(m_script);
    m_lower->addWidget(m_diff);

    // The steps across the top, where their columns have room; the SQL
    // below. Edited revisions, when there are any, beside the steps.
    auto *edited = new QWidget(this);
    auto *editedLayout = new QVBoxLayout(edited);
    editedLayout->setContentsMargins(0, 0, 0, 0);
    editedLayout->addWidget(m_editedTitle);
    editedLayout->addWidget(m_edited, 1);
    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_stepView);
    top->addWidget(edited);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 1);
    top->setChildrenCollapsible(false);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("reviewSplitter"));
    splitter->addWidget(top);
    // The plan's SQL, and what it does to the schema (replayed in the
    // shadow only once that tab is looked at: a replay is not free).
    m_lowerTabs = new QTabWidget(this);
    m_lowerTabs->setDocumentMode(true);
    m_lowerTabs->addTab(m_lower, tr("S&QL"));
    m_schemaTab = new SchemaTab(this);
    m_lowerTabs->addTab(m_schemaTab, tr("Sc&hema"));
    m_lowerTabs->setTabToolTip(1, tr("The schema before and after the plan, replayed in a shadow database"));
    splitter->addWidget(m_lowerTabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    m_editedContainer = edited;
    m_splitter = splitter;
    m_findings = new FindingsView(this);
    splitter->insertWidget(1, m_findings);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    auto *summaryRow = new QHBoxLayout;
    summaryRow->setContentsMargins(8, 0, 8, 2);
    summaryRow->addWidget(m_summary);
    layout->addLayout(summaryRow);
    layout->addWidget(splitter, 1);

    connect(m_lowerTabs, &QTabWidget::currentChanged, this, [this] {
        if (isShowingSchema() && m_schemaStale)
            emit schemaRequested();
    });
    connect(m_schemaTab, &SchemaTab::lineActivated, this, &ReviewPage::lineActivated);
    connect(m_review, &QPushButton::clicked, this, &ReviewPage::emitRequest);
    connect(m_run, &QPushButton::clicked, this, [this] { emit runRequested(mode(), target()); });
    connect(m_target->lineEdit(), &QLineEdit::returnPressed, this, &ReviewPage::emitRequest);
    connect(m_mode, &QComboBox::activated, this, &ReviewPage::emitRequest);
    connect(m_target, &QComboBox::activated, this, &ReviewPage::emitRequest);
    connect(m_stepView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (current.isValid()) {
                m_edited->setCurrentRow(-1);
                showStep(current);
            }
        });
    connect(m_stepView, &QTreeView::activated, this, [this](const QModelIndex &index) {
        emit revisionActivated(index.data(PlanStepModel::RevisionIdRole).toString());
    });
    connect(m_edited, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) {
            m_stepView->selectionModel()->clearCurrentIndex();
            showEdited(row);
        }
    });
    setDatabase({}, Dialect::PostgreSQL);
    request(ReviewMode::Upgrade, QStringLiteral("heads"));
}

ReviewPage::~ReviewPage() = default;

void ReviewPage::setGraph(const RevisionGraph &graph)
{
    m_graph = graph;
    const QString current = m_target->currentText();
    m_target->clear();
    QStringList targets { QStringLiteral("heads"), QStringLiteral("head"), QStringLiteral("base") };
    for (int head : graph.heads()) {
        targets.append(graph.revision(head).id);
        for (const QString &label : graph.revision(head).branchLabels)
            targets.append(label + QStringLiteral("@head"));
    }
    m_target->addItems(targets);
    m_target->setEditText(current);
}

void ReviewPage::setDatabase(const QString &name, Dialect dialect)
{
    m_database = name;
    m_dialect = dialect;
    m_review->setEnabled(!name.isEmpty());
    m_review->setToolTip(name.isEmpty() ? tr("Connect to a database first (File ▸ Connect…)") : QString());
    if (name.isEmpty()) {
        ++m_generation;
        m_reviewed = false;
        m_steps->clear();
        m_edited->clear();
        m_editedContainer->hide();
        m_diff->clear();
        m_script->clear();
        m_summary->setText(tr("Connect to a database (Ctrl+D) to review what would run against it."));
    }
    updateRunButton();
}

ReviewMode ReviewPage::mode() const
{
    return ReviewMode(m_mode->currentData().toInt());
}

QString ReviewPage::target() const
{
    const QString text = m_target->currentText().trimmed();
    return text.isEmpty() ? QStringLiteral("heads") : text;
}

void ReviewPage::request(ReviewMode mode, const QString &target)
{
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
    m_target->setEditText(target);
    emitRequest();
}

void ReviewPage::emitRequest()
{
    if (m_database.isEmpty())
        return;
    showBusy();
    emit planRequested(mode(), target());
}

void ReviewPage::showBusy()
{
    m_reviewed = false;
    updateRunButton();
    m_summary->setText(tr("Planning against %1…").arg(m_database.toHtmlEscaped()));
}

QString ReviewPage::language(bool python) const
{
    // An Alembic step whose SQL Alembic cannot write offline shows its Python.
    if (python)
        return QStringLiteral("Python");
    return sqlLanguage(m_dialect);
}

QString ReviewPage::language() const
{
    // What applied revisions ran as: an Alembic revision's whole Python file.
    return language(!m_graph.isEmpty() && m_graph.revision(0).format == RevisionFormat::Alembic);
}

void ReviewPage::showError(const QString &message)
{
    ++m_generation;
    m_reviewed = false;
    m_steps->clear();
    m_diff->clear();
    m_script->clear();
    m_summary->setText(QStringLiteral("<b>%1</b>").arg(message.toHtmlEscaped()));
    updateRunButton();
}

void ReviewPage::showReview(const Review &review)
{
    m_reviewed = true;
    m_steps->setReview(m_graph, review);
    for (int column = 0; column < PlanStepModel::WarningsColumn; ++column)
        m_stepView->resizeColumnToContents(column);

    m_edited->clear();
    const AlembicText text(m_graph);
    for (const ScriptDrift &drift : review.edited) {
        const bool known = drift.revision >= 0 && drift.revision < m_graph.size();
        const QString id = known ? m_graph.revision(drift.revision).id : QString();
        auto *item = new QListWidgetItem(
            tr("%1 %2 — ran %3 by %4")
                .arg(id, known ? text.doc(drift.revision) : QString(),
                    QLocale().toString(drift.ran.startedAt.toLocalTime(), QLocale::ShortFormat), drift.ran.osUser),
            m_edited);
        item->setToolTip(tr("The file changed after it ran on this database"));
    }
    m_editedContainer->setVisible(!review.edited.isEmpty());
    m_summary->setText(PlanSummary::reviewText(m_graph, review, mode(), m_database));
    updateRunButton();
    showScript();
    m_schemaStale = true;
    if (isShowingSchema())
        emit schemaRequested();
    else
        m_schemaTab->clear();
}

bool ReviewPage::isShowingSchema() const
{
    return m_lowerTabs->currentWidget() == m_schemaTab;
}

void ReviewPage::showSchemaTab()
{
    m_lowerTabs->setCurrentWidget(m_schemaTab);
}

void ReviewPage::showSchema(const Project &project, const ShadowOptions &options)
{
    m_schemaStale = false;
    const Review &review = m_steps->review();
    if (!m_reviewed || review.plan.isEmpty()) {
        m_schemaTab->clear();
        return;
    }
    m_schemaTab->showPlan(project, review.plan, options);
}

void ReviewPage::updateRunButton()
{
    const Review &review = m_steps->review();
    QString why;
    if (m_database.isEmpty())
        why = tr("Connect to a database first (File ▸ Connect…)");
    else if (!m_reviewed)
        why = tr("Review a plan first");
    else if (!review.problem.isEmpty())
        why = tr("This plan cannot run: %1").arg(review.problem);
    else if (mode() == ReviewMode::Stamp ? review.stampedRows == review.plan.versionRowsBefore : review.plan.isEmpty())
        why = tr("Nothing to run: the database is already there");
    m_run->setEnabled(why.isEmpty());
    m_run->setToolTip(why.isEmpty() ? tr("Run this plan, after a last look and an optional backup") : why);
}

QString ReviewPage::summary() const
{
    return m_summary->text();
}

bool ReviewPage::isShowingDiff() const
{
    return m_lower->currentWidget() == m_diff;
}

void ReviewPage::showScript()
{
    const Review &review = m_steps->review();
    if (mode() == ReviewMode::Stamp) {
        // A stamp changes nothing but the version table: two texts to compare.
        m_diff->setTexts(review.plan.versionRowsBefore.join(QLatin1Char('\n')),
            review.stampedRows.join(QLatin1Char('\n')), language(), tr("The version table now"), tr("After the stamp"));
        m_lower->setCurrentWidget(m_diff);
        return;
    }
    QList<LintFinding> findings;
    for (const ReviewStep &step : review.steps)
        findings += step.lint;
    m_findings->setFindings(findings);
    m_lower->setCurrentWidget(m_script);
    m_script->clear();
    // Alembic steps show the SQL their Alembic writes, or their Python when
    // it cannot write it offline.
    const bool python = !review.steps.isEmpty() &&
        std::all_of(
            review.steps.cbegin(), review.steps.cend(), [](const ReviewStep &step) { return step.scriptIsPython; });
    // Thousands of steps make megabytes of SQL: put together off the GUI thread.
    const int generation = ++m_generation;
    ++m_building;
    auto *watcher = new QFutureWatcher<PlanScript>(this);
    connect(watcher, &QFutureWatcher<PlanScript>::finished, this, [this, watcher, generation, python] {
        watcher->deleteLater();
        --m_building;
        if (generation != m_generation)
            return;
        const PlanScript script = watcher->result();
        m_headingLines = script.headingLines;
        m_script->setLanguage(language(python));
        m_script->syntaxLexer()->setHeadingLines(script.headingLines);
        m_script->setText(script.text);
        emit scriptShown();
    });
    watcher->setFuture(QtConcurrent::run([graph = m_graph, review] { return planScript(graph, review); }));
}

void ReviewPage::showStep(const QModelIndex &index)
{
    if (isShowingDiff() && mode() != ReviewMode::Stamp)
        m_lower->setCurrentWidget(m_script);
    const int line = m_headingLines.value(index.row(), -1);
    if (line < 0)
        return;
    // The step's heading at the top, its script below.
    m_script->SendScintilla(QsciScintillaBase::SCI_ENSUREVISIBLE, static_cast<unsigned long>(line));
    m_script->setFirstVisibleLine(
        int(m_script->SendScintilla(QsciScintillaBase::SCI_VISIBLEFROMDOCLINE, static_cast<unsigned long>(line))));
    m_script->setCursorPosition(line, 0);
    m_findings->setFindings(m_steps->review().steps.value(index.row()).lint);
}

void ReviewPage::showEdited(int row)
{
    const QList<ScriptDrift> &edited = m_steps->review().edited;
    if (row < 0 || row >= edited.size())
        return;
    const ScriptDrift &drift = edited.at(row);
    m_diff->setTexts(drift.ran.script, drift.now, language(), tr("What ran"), tr("The file now"));
    m_lower->setCurrentWidget(m_diff);
}

} // namespace Retort
