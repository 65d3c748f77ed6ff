#include "schematab.h"

#include "editor/sqleditor.h"
#include "exec/runoutcome.h"
#include "review/diffview.h"
#include "schemachangemodel.h"
#include "schemajob.h"

#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace Retort {

SchemaTab::SchemaTab(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_tree(new QTreeView(this))
    , m_changes(new SchemaChangeModel(this))
    , m_diff(new DiffView(this))
{
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setVisible(false);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_status->fontMetrics().height() / 2 + 2);
    m_tree->setModel(m_changes);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setAccessibleName(tr("Schema changes"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_diff);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    // Room for "column email_verified added" and where it came from.
    splitter->setSizes({ 2 * fontMetrics().averageCharWidth() * 40, 3 * fontMetrics().averageCharWidth() * 40 });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(splitter, 1);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &SchemaTab::showChange);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex first = index.siblingAtColumn(0);
        const QString file = first.data(SchemaChangeModel::FileRole).toString();
        if (!file.isEmpty())
            emit lineActivated(file, first.data(SchemaChangeModel::LineRole).toInt());
    });
    clear();
}

SchemaTab::~SchemaTab() = default;

void SchemaTab::abandonJob()
{
    // A replay still running is cancelled and left to end on its own
    // thread; the window does not wait for it.
    if (!m_job)
        return;
    SchemaJob *job = m_job.release();
    job->disconnect(this);
    job->cancel();
    connect(job, &SchemaJob::finished, job, &QObject::deleteLater);
}

QString SchemaTab::status() const
{
    return m_status->text();
}

QString SchemaTab::language() const
{
    return sqlLanguage(m_dialect);
}

void SchemaTab::clear()
{
    abandonJob();
    m_progress->setVisible(false);
    m_changes->setChanges({}, {}, m_dialect, {});
    m_diff->clear();
    m_status->setText(tr("Review a plan to see the schema before and after it."));
}

void SchemaTab::showPlan(const Project &project, const MigrationPlan &plan, const ShadowOptions &options)
{
    abandonJob();
    m_dialect = options.dialect;
    m_changes->setChanges({}, {}, m_dialect, {});
    m_diff->clear();
    m_status->setText(tr("Replaying the migrations in a shadow database..."));
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_job = std::make_unique<SchemaJob>(project, options, plan);
    connect(m_job.get(), &SchemaJob::progress, this, [this](int done, int total, const QString &what) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        if (!what.isEmpty())
            m_status->setText(tr("Replaying in a shadow database: %1").arg(what));
    });
    connect(m_job.get(), &SchemaJob::finished, this, &SchemaTab::showReplay);
    m_job->start();
}

void SchemaTab::showReplay(const SchemaReplay &replay)
{
    if (!m_job)
        return;
    SchemaJob *job = m_job.release();
    job->deleteLater(); // not now: this is its own signal
    m_progress->setVisible(false);
    const MigrationPlan &plan = job->plan();
    const Project &project = job->project();
    m_before = replay.schemaBefore.value_or(QString());
    m_after = replay.schemaAtEnd();
    const QList<SchemaObjectChange> changes = attributeChanges(m_before, replay.schemaAfter, m_dialect);
    m_changes->setChanges(project, plan, m_dialect, changes);
    m_tree->expandAll();
    m_diff->setTexts(m_before, m_after, language(), tr("Schema at %1").arg(versionRowsText(plan.versionRowsBefore)),
        replay.complete(plan) ? tr("Schema at %1").arg(versionRowsText(plan.versionRowsAfter()))
                              : tr("Schema as far as the shadow got"));
    QStringList lines;
    if (replay.failure) {
        const Error &error = replay.failure->error;
        Error shown = error;
        shown.file = QDir(project.directory).relativeFilePath(error.file);
        lines.append(replay.failure->step >= 0
                ? tr("The shadow cannot run %1: %2. Shown: the changes up to the step before it.")
                      .arg(error.revision, shown.toString())
                : tr("The shadow cannot replay the migrations: %1").arg(shown.toString()));
    } else if (changes.isEmpty()) {
        lines.append(tr("This plan does not change the schema."));
    } else {
        lines.append(tr("%n schema change(s).", nullptr, int(changes.size())));
    }
    for (const QString &warning : replay.warnings)
        lines.append(warning);
    m_status->setText(lines.join(QLatin1Char('\n')));
    emit replayFinished();
}

void SchemaTab::showChange(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QModelIndex first = index.siblingAtColumn(0);
    const QString before = first.data(SchemaChangeModel::BeforeRole).toString();
    const QString after = first.data(SchemaChangeModel::AfterRole).toString();
    if (before.isEmpty() && after.isEmpty()) {
        m_diff->setTexts(m_before, m_after, language(), tr("Before"), tr("After"));
        return;
    }
    m_diff->setTexts(before, after, language(), tr("Before"), tr("After"));
}

} // namespace Retort
