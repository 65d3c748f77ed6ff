#include "revisiongraphview.h"

#include "badgedelegate.h"
#include "lanedelegate.h"
#include "plaintextdelegate.h"
#include "revisiongraphmodel.h"

#include <QHeaderView>
#include <QPainter>
#include <QScrollBar>

namespace Retort {

RevisionGraphView::RevisionGraphView(QWidget *parent)
    : QTreeView(parent)
    , m_laneDelegate(new LaneDelegate(this))
    , m_badgeDelegate(new BadgeDelegate(this))
{
    setRootIsDecorated(false);
    setItemsExpandable(false);
    setUniformRowHeights(true);
    setAllColumnsShowFocus(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setItemDelegate(new PlainTextDelegate(this));
    setItemDelegateForColumn(RevisionGraphModel::GraphColumn, m_laneDelegate);
    setItemDelegateForColumn(RevisionGraphModel::LabelsColumn, m_badgeDelegate);
    setItemDelegateForColumn(RevisionGraphModel::StateColumn, m_badgeDelegate);
    header()->setStretchLastSection(false);
    header()->setSectionsMovable(true);
    header()->setFirstSectionMovable(false);

    connect(this, &QWidget::customContextMenuRequested, this, [this](const QPoint &point) {
        const QModelIndex index = indexAt(point);
        if (!index.isValid())
            return;
        // A click into a selection of several keeps it: the menu acts on them.
        if (!selectionModel()->isRowSelected(index.row(), index.parent()))
            setCurrentIndex(index);
        else
            selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        emit revisionContextMenuRequested(
            index.data(RevisionGraphModel::RevisionIdRole).toString(), viewport()->mapToGlobal(point));
    });
    connect(this, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        emit revisionActivated(index.data(RevisionGraphModel::RevisionIdRole).toString());
    });
}

void RevisionGraphView::setModel(QAbstractItemModel *model)
{
    QTreeView::setModel(model);
    header()->setSectionResizeMode(RevisionGraphModel::GraphColumn, QHeaderView::Fixed);
    header()->setSectionResizeMode(RevisionGraphModel::MessageColumn, QHeaderView::Stretch);
    // Environments' columns (see RevisionGraphModel::setEnvironments) are
    // state badges, sized to their names.
    connect(model, &QAbstractItemModel::columnsInserted, this, [this](const QModelIndex &, int first, int last) {
        for (int column = first; column <= last; ++column) {
            setItemDelegateForColumn(column, m_badgeDelegate);
            fitColumn(column, false);
        }
    });
}

QList<int> RevisionGraphView::exportRows(bool selectionOnly) const
{
    QList<int> rows;
    if (!model())
        return rows;
    int first = 0;
    int last = model()->rowCount() - 1;
    if (selectionOnly) {
        const QModelIndexList selected = selectionModel()->selectedRows();
        if (selected.isEmpty())
            return rows;
        first = last = selected.first().row();
        for (const QModelIndex &index : selected) {
            first = std::min(first, index.row());
            last = std::max(last, index.row());
        }
    }
    for (int row = first; row <= last; ++row)
        rows.append(row);
    return rows;
}

QSize RevisionGraphView::exportSize(const QList<int> &rows) const
{
    int width = 0;
    for (int column = 0; column < header()->count(); ++column) {
        if (!header()->isSectionHidden(column))
            width += header()->sectionSize(column);
    }
    const int rowHeight = std::max(1, sizeHintForRow(0));
    return { width, int(rows.size() + 1) * rowHeight };
}

void RevisionGraphView::renderRows(QPainter *painter, const QList<int> &rows) const
{
    const int rowHeight = std::max(1, sizeHintForRow(0));
    const QSize size = exportSize(rows);
    painter->fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Base));
    // The column titles, in the order the user arranged them.
    QFont bold = font();
    bold.setBold(true);
    painter->save();
    painter->setFont(bold);
    painter->setPen(palette().color(QPalette::Text));
    int x = 0;
    QList<int> columns;
    for (int visual = 0; visual < header()->count(); ++visual) {
        const int column = header()->logicalIndex(visual);
        if (header()->isSectionHidden(column))
            continue;
        columns.append(column);
        const QRect cell(x, 0, header()->sectionSize(column), rowHeight);
        painter->drawText(cell.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
            model()->headerData(column, Qt::Horizontal).toString());
        x += header()->sectionSize(column);
    }
    painter->restore();
    int y = rowHeight;
    for (int row : rows) {
        x = 0;
        for (int column : columns) {
            const QModelIndex index = model()->index(row, column);
            QStyleOptionViewItem option;
            initViewItemOption(&option);
            option.rect = QRect(x, y, header()->sectionSize(column), rowHeight);
            option.state &= ~(QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_MouseOver);
            option.index = index;
            painter->save();
            painter->setClipRect(option.rect);
            itemDelegateForIndex(index)->paint(painter, option, index);
            painter->restore();
            x += header()->sectionSize(column);
        }
        y += rowHeight;
    }
}

void RevisionGraphView::fitTextColumns(bool onlyWiden)
{
    // Measured when the content changes rather than kept fitted
    // (ResizeToContents), which would measure on every repaint.
    for (int column : { RevisionGraphModel::RevisionColumn, RevisionGraphModel::LabelsColumn,
             RevisionGraphModel::DateColumn, RevisionGraphModel::StateColumn })
        fitColumn(column, onlyWiden);
    for (int column = RevisionGraphModel::ColumnCount; model() && column < model()->columnCount(); ++column)
        fitColumn(column, onlyWiden);
}

void RevisionGraphView::fitColumn(int column, bool onlyWiden)
{
    const int wanted = std::max(sizeHintForColumn(column), header()->sectionSizeHint(column));
    if (!onlyWiden || wanted > columnWidth(column))
        setColumnWidth(column, wanted);
}

QStringList RevisionGraphView::selectedRevisionIds() const
{
    QModelIndexList rows = selectionModel() ? selectionModel()->selectedRows() : QModelIndexList();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &row : std::as_const(rows))
        ids.append(row.data(RevisionGraphModel::RevisionIdRole).toString());
    return ids;
}

QString RevisionGraphView::currentRevisionId() const
{
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(RevisionGraphModel::RevisionIdRole).toString() : QString();
}

bool RevisionGraphView::selectRevision(const QString &id)
{
    QAbstractItemModel *model = this->model();
    if (!model || id.isEmpty())
        return false;
    const QModelIndexList found = model->match(model->index(0, RevisionGraphModel::RevisionColumn),
        RevisionGraphModel::RevisionIdRole, id, 1, Qt::MatchExactly);
    if (found.isEmpty())
        return false;
    setCurrentIndex(found.first());
    scrollTo(found.first());
    return true;
}

RevisionGraphView::Position RevisionGraphView::position() const
{
    Position position;
    position.selected = currentRevisionId();
    const QModelIndex top = indexAt(QPoint(1, 1));
    if (top.isValid()) {
        position.top = top.data(RevisionGraphModel::RevisionIdRole).toString();
        position.topOffset = visualRect(top).top();
    }
    return position;
}

void RevisionGraphView::restorePosition(const Position &position)
{
    QAbstractItemModel *model = this->model();
    if (!model)
        return;
    const auto find = [model](const QString &id) {
        const QModelIndexList found = model->match(model->index(0, RevisionGraphModel::RevisionColumn),
            RevisionGraphModel::RevisionIdRole, id, 1, Qt::MatchExactly);
        return found.isEmpty() ? QModelIndex() : found.first();
    };
    if (!position.selected.isEmpty()) {
        const QModelIndex selected = find(position.selected);
        if (selected.isValid()) {
            // Selecting must not scroll: the top row decides the scroll.
            selectionModel()->setCurrentIndex(
                selected, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
    }
    if (!position.top.isEmpty()) {
        const QModelIndex top = find(position.top);
        if (top.isValid()) {
            scrollTo(top, QAbstractItemView::PositionAtTop);
            return;
        }
    }
}

void RevisionGraphView::fitGraphColumn()
{
    const int lanes = model() && model()->rowCount() > 0
        ? model()->index(0, RevisionGraphModel::GraphColumn).data(RevisionGraphModel::LaneCountRole).toInt()
        : 1;
    // Very wide graphs scroll sideways rather than squeeze the text out.
    header()->resizeSection(RevisionGraphModel::GraphColumn,
        std::min(LaneDelegate::columnWidth(fontMetrics(), lanes), std::max(120, viewport()->width() / 3)));
}

void RevisionGraphView::selectionChanged(const QItemSelection &selected, const QItemSelection &deselected)
{
    QTreeView::selectionChanged(selected, deselected);
    emit selectedRevisionsChanged();
}

void RevisionGraphView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QTreeView::currentChanged(current, previous);
    emit currentRevisionChanged(
        current.isValid() ? current.data(RevisionGraphModel::RevisionIdRole).toString() : QString());
}

} // namespace Retort
