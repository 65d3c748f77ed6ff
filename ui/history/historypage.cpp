#include "historypage.h"

#include "editor/sqleditor.h"
#include "historymodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace Retort {

HistoryPage::HistoryPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new HistoryModel(this))
    , m_summary(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_error(new QLabel(this))
    , m_script(new SqlEditor(this))
{
    m_summary->setWordWrap(true);
    m_summary->setContentsMargins(8, 4, 8, 2);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAccessibleName(tr("History of runs"));
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setResizeContentsPrecision(200);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_script->setAccessibleName(tr("The SQL that ran"));

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_error);
    lowerLayout->addWidget(m_script, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { showEntry(current.row()); });
    setDatabase({}, {});
}

void HistoryPage::setDatabase(const QString &name, const QString &language)
{
    m_database = name;
    m_script->setLanguage(language);
    if (name.isEmpty()) {
        m_model->clear();
        m_script->clear();
        m_error->hide();
        m_summary->setText(tr("Connect to a database (Ctrl+D) to see what ran on it, from its history table."));
    }
}

void HistoryPage::showBusy()
{
    m_summary->setText(tr("Reading the history of %1…").arg(m_database));
}

void HistoryPage::showEntries(const Result<QList<HistoryEntry>> &entries)
{
    if (!entries) {
        m_model->clear();
        m_summary->setText(tr("Cannot read the history: %1").arg(entries.error().toString()));
        return;
    }
    m_model->setEntries(*entries);
    for (int column = 0; column < HistoryModel::WhoColumn; ++column)
        m_view->resizeColumnToContents(column);
    m_summary->setText(entries->isEmpty()
            ? tr("Nothing recorded on %1 yet: Retort records every upgrade, downgrade, stamp, backup and restore "
                 "it runs.")
                  .arg(m_database)
            : tr("%n run(s) recorded on %1, newest first.", nullptr, int(entries->size())).arg(m_database));
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, 0));
    else
        showEntry(-1);
}

void HistoryPage::showEntry(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_script->clear();
        m_error->hide();
        return;
    }
    const HistoryEntry &entry = m_model->entry(row);
    m_error->setVisible(!entry.error.isEmpty());
    m_error->setText(tr("Error: %1").arg(entry.error));
    m_script->setText(entry.script.isEmpty()
            ? tr("-- No SQL: %1 %2").arg(historyActionName(entry.action), entry.scriptPath)
            : entry.script);
}

QString HistoryPage::summary() const
{
    return m_summary->text();
}

} // namespace Retort
