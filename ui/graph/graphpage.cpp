#include "graphpage.h"

#include "details/revisiondetails.h"
#include "headsbanner.h"
#include "revisionfilterproxy.h"
#include "revisiongraphmodel.h"
#include "revisiongraphview.h"
#include "sql/touchindex.h"

#include <QFutureWatcher>
#include <QKeyEvent>
#include <QLineEdit>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrentRun>

namespace Retort {

GraphPage::GraphPage(RevisionGraphModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new RevisionFilterProxy(this))
    , m_banner(new HeadsBanner(this))
    , m_filter(new QLineEdit(this))
    , m_view(new RevisionGraphView(this))
    , m_details(new RevisionDetails(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    m_proxy->setSourceModel(model);
    m_view->setModel(m_proxy);
    m_filter->setPlaceholderText(tr("Filter by id, message, branch label, or table:users (Ctrl+L)"));
    m_filter->setToolTip(tr("Words match ids, messages and branch labels. table:NAME keeps the revisions that "
                            "create, change, drop, index or write that table; table:NAME.COLUMN one column."));
    m_filter->setAccessibleName(tr("Filter revisions"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &GraphPage::applyFilter);
    m_view->setAccessibleName(tr("Revision graph"));
    // Down from the filter goes into the graph, like a search field.
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::returnPressed, m_view, qOverload<>(&QWidget::setFocus));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(2);
    leftLayout->addWidget(m_banner);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_view, 1);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
}

void GraphPage::applyFilter(const QString &text)
{
    const QString selected = m_view->currentRevisionId();
    m_proxy->setFilterText(text);
    if (!m_view->selectRevision(selected) && m_proxy->rowCount() > 0 && !text.isEmpty())
        m_view->setCurrentIndex(m_proxy->index(0, 0));
    if (m_proxy->needsTouchIndex())
        buildTouchIndex();
}

void GraphPage::buildTouchIndex()
{
    if (m_indexing)
        return;
    m_indexing = true;
    emit busyChanged();
    m_filter->setPlaceholderText(tr("Reading what each revision touches…"));
    // Every file read and split: on a worker thread, once per project.
    auto *watcher = new QFutureWatcher<QList<QStringList>>(this);
    connect(watcher, &QFutureWatcher<QList<QStringList>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_indexing = false;
        m_filter->setPlaceholderText(tr("Filter by id, message, branch label, or table:users (Ctrl+L)"));
        // A project loaded meanwhile has its own index to make.
        if (watcher->property("revisions").toInt() == m_model->project().graph.size())
            m_proxy->setTouchIndex(watcher->result());
        if (m_proxy->needsTouchIndex())
            buildTouchIndex();
        else
            applyFilter(m_filter->text());
        emit busyChanged();
    });
    watcher->setProperty("revisions", m_model->project().graph.size());
    watcher->setFuture(QtConcurrent::run([graph = m_model->project().graph] { return tablesTouched(graph); }));
}

bool GraphPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_PageDown) {
            m_view->setFocus();
            return true;
        }
        if (key == Qt::Key_Escape && !m_filter->text().isEmpty()) {
            m_filter->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void GraphPage::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
}

} // namespace Retort
