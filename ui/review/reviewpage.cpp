#include "reviewpage.h"

#include "diffview.h"
#include "planstepmodel.h"
#include "report/alembictext.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace Retort {

ReviewPage::ReviewPage(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_target(new QComboBox(this))
    , m_review(new QPushButton(tr("Re&view"), this))
    , m_summary(new QLabel(this))
    , m_steps(new PlanStepModel(this))
    , m_stepView(new QTreeView(this))
    , m_editedTitle(new QLabel(this))
    , m_edited(new QListWidget(this))
    , m_diff(new DiffView(this))
{
    m_mode->addItem(tr("Upgrade to"), int(ReviewMode::Upgrade));
    m_mode->addItem(tr("Downgrade to"), int(ReviewMode::Downgrade));
    m_mode->addItem(tr("Stamp at"), int(ReviewMode::Stamp));
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    m_target->setMinimumContentsLength(18);
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setToolTip(tr("heads, head, base, a revision id or prefix, label@head, +N, -N"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    bar->addWidget(m_mode);
    bar->addWidget(m_target);
    bar->addWidget(m_review);
    bar->addStretch();

    m_stepView->setModel(m_steps);
    m_stepView->setRootIsDecorated(false);
    m_stepView->setUniformRowHeights(true);
    m_stepView->setAlternatingRowColors(true);
    m_stepView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stepView->header()->setStretchLastSection(true);
    m_stepView->header()->setMinimumSectionSize(24);
    m_stepView->setColumnHidden(PlanStepModel::StateColumn, true); // nothing runs here
    m_editedTitle->setText(tr("<b>Applied revisions edited since they ran</b>"));
    m_editedTitle->setWordWrap(true);
    m_edited->setToolTip(tr("These files changed after they were applied to this database: the database keeps "
                            "what ran. Select one to compare."));

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
    splitter->addWidget(m_diff);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    m_editedContainer = edited;
    m_splitter = splitter;

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    auto *summaryRow = new QHBoxLayout;
    summaryRow->setContentsMargins(8, 0, 8, 2);
    summaryRow->addWidget(m_summary);
    layout->addLayout(summaryRow);
    layout->addWidget(splitter, 1);

    connect(m_review, &QPushButton::clicked, this, &ReviewPage::emitRequest);
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
    if (name.isEmpty()) {
        m_steps->clear();
        m_edited->clear();
        m_editedContainer->hide();
        m_diff->clear();
        m_summary->setText(tr("Connect to a database (Ctrl+D) to review what would run against it."));
    }
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
    m_summary->setText(tr("Planning against %1…").arg(m_database.toHtmlEscaped()));
}

QString ReviewPage::language(bool python) const
{
    // An Alembic step whose SQL Alembic cannot write offline shows its Python.
    if (python)
        return QStringLiteral("Python");
    return m_dialect == Dialect::SQLite ? QStringLiteral("SQL") : QStringLiteral("SQL (PostgreSQL)");
}

QString ReviewPage::language() const
{
    // What applied revisions ran as: an Alembic revision's whole Python file.
    return language(!m_graph.isEmpty() && m_graph.revision(0).format == RevisionFormat::Alembic);
}

void ReviewPage::showError(const QString &message)
{
    m_steps->clear();
    m_diff->clear();
    m_summary->setText(QStringLiteral("<b>%1</b>").arg(message.toHtmlEscaped()));
}

void ReviewPage::showReview(const Review &review)
{
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

    const auto rows = [](const QStringList &ids) {
        return ids.isEmpty() ? tr("an empty version table") : ids.join(QLatin1String(", ")).toHtmlEscaped();
    };
    const QString database = m_database.toHtmlEscaped();
    QString summary;
    if (mode() == ReviewMode::Stamp) {
        summary = tr("Stamping at <b>%1</b> writes the version table of %2 from %3 to %4 and runs no SQL: the schema "
                     "stays as it is.")
                      .arg(review.target.toHtmlEscaped(), database, rows(review.plan.versionRowsBefore),
                          rows(review.stampedRows));
        if (!review.newlyApplied.isEmpty())
            summary += QLatin1Char(' ') +
                tr("<b>%n revision(s) will count as applied without having run.</b>", nullptr,
                    int(review.newlyApplied.size()));
        if (!review.newlyUnapplied.isEmpty())
            summary += QLatin1Char(' ') +
                tr("<b>%n revision(s) will count as not applied although their changes stay.</b>", nullptr,
                    int(review.newlyUnapplied.size()));
    } else if (review.plan.isEmpty()) {
        summary = tr("Nothing to run: %1 is already at <b>%2</b> (%3).")
                      .arg(database, review.target.toHtmlEscaped(), rows(review.plan.versionRowsBefore));
    } else {
        int outside = 0;
        int risky = 0;
        for (const ReviewStep &step : review.steps) {
            const int index = step.step.revision;
            outside += index >= 0 && index < m_graph.size() && !step.transactional;
            risky +=
                std::any_of(step.risks.cbegin(), step.risks.cend(), [](const SqlRisk &r) { return r.losesData(); });
        }
        summary = tr("%n step(s) will run against %1, from %2 to %3.", nullptr, int(review.steps.size()))
                      .arg(database, rows(review.plan.versionRowsBefore), rows(review.plan.versionRowsAfter()));
        if (review.oneTransaction)
            summary += QLatin1Char(' ') +
                tr("All %n steps run in one transaction: a failure in any of them rolls back every one.", nullptr,
                    int(review.steps.size()));
        if (outside > 0)
            summary += QLatin1Char(' ') + tr("<b>%n run(s) outside a transaction.</b>", nullptr, outside);
        if (risky > 0)
            summary += QLatin1Char(' ') + tr("<b>%n can lose data.</b>", nullptr, risky);
    }
    if (!review.edited.isEmpty())
        summary += QLatin1Char(' ') +
            tr("<b>%n applied revision(s) changed since they ran.</b>", nullptr, int(review.edited.size()));
    else if (!review.historyTableExists)
        summary += QLatin1Char(' ') + tr("(No history table yet: edits to applied revisions cannot be detected.)");
    m_summary->setText(summary);
    showAllSteps();
}

QString ReviewPage::summary() const
{
    return m_summary->text();
}

void ReviewPage::showStep(const QModelIndex &index)
{
    const QString script = index.data(PlanStepModel::ScriptRole).toString();
    const QString id = index.data(PlanStepModel::RevisionIdRole).toString();
    m_diff->setTexts({}, script, language(index.data(PlanStepModel::ScriptIsPythonRole).toBool()), tr("Before"),
        tr("%1: what will run").arg(id));
}

void ReviewPage::showEdited(int row)
{
    const QList<ScriptDrift> &edited = m_steps->review().edited;
    if (row < 0 || row >= edited.size())
        return;
    const ScriptDrift &drift = edited.at(row);
    m_diff->setTexts(drift.ran.script, drift.now, language(), tr("What ran"), tr("The file now"));
}

void ReviewPage::showAllSteps()
{
    const Review &review = m_steps->review();
    if (mode() == ReviewMode::Stamp) {
        // A stamp changes nothing but the version table: show that.
        m_diff->setTexts(review.plan.versionRowsBefore.join(QLatin1Char('\n')),
            review.stampedRows.join(QLatin1Char('\n')), language(), tr("The version table now"), tr("After the stamp"));
        return;
    }
    const AlembicText text(m_graph);
    QStringList all;
    for (qsizetype i = 0; i < review.steps.size(); ++i) {
        const ReviewStep &step = review.steps.at(i);
        const int index = step.step.revision;
        const bool known = index >= 0 && index < m_graph.size();
        const bool upgrade = step.step.direction == Direction::Upgrade;
        all.append(QStringLiteral("-- %1. %2 %3: %4")
                       .arg(i + 1)
                       .arg(upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade"),
                           known ? m_graph.revision(index).id : QString(), known ? text.doc(index) : QString()));
        all.append(step.script.isEmpty() ? QStringLiteral("-- (nothing to run)") : step.script);
        all.append(QString());
    }
    const bool python = std::any_of(
        review.steps.cbegin(), review.steps.cend(), [](const ReviewStep &step) { return step.scriptIsPython; });
    m_diff->setTexts({}, all.join(QLatin1Char('\n')), language(python), tr("Before"), tr("What will run"));
}

} // namespace Retort
