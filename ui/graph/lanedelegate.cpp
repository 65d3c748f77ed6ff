#include "lanedelegate.h"

#include "graph/lanelayout.h"
#include "graphcolors.h"
#include "revisiongraphmodel.h"

#include <QPainter>
#include <QPainterPath>

namespace Retort {

namespace {

constexpr int kMargin = 6;

QPen lanePen(QColor color, bool dependency, qreal width)
{
    QPen pen(color, dependency ? width * 0.75 : width, dependency ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap,
        Qt::RoundJoin);
    if (dependency)
        pen.setDashPattern({ 2.5, 2.0 });
    return pen;
}

} // namespace

LaneDelegate::LaneDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

int LaneDelegate::laneWidth(const QFontMetrics &metrics)
{
    return std::max(14, metrics.height() + 2);
}

int LaneDelegate::columnWidth(const QFontMetrics &metrics, int lanes)
{
    return 2 * kMargin + laneWidth(metrics) * std::max(1, lanes);
}

QSize LaneDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int lanes = index.data(RevisionGraphModel::LaneCountRole).toInt();
    return { columnWidth(option.fontMetrics, lanes), option.fontMetrics.height() + 8 };
}

void LaneDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // Background, selection and focus as the style draws them.
    QStyledItemDelegate::paint(painter, option, index);

    const QByteArray cells = index.data(RevisionGraphModel::LaneCellsRole).toByteArray();
    const int node = index.data(RevisionGraphModel::NodeColumnRole).toInt();
    const auto state = RevisionState(index.data(RevisionGraphModel::StateRole).toInt());
    const QPalette &palette = option.palette;
    const QRectF rect = option.rect;
    const qreal lane = laneWidth(option.fontMetrics);
    const qreal top = rect.top();
    const qreal bottom = rect.bottom() + 1;
    const qreal middle = rect.center().y() + 0.5;
    const auto x = [&](int column) { return rect.left() + kMargin + lane * (column + 0.5); };
    const qreal lineWidth = std::max(1.6, lane / 8.0);

    painter->save();
    painter->setClipRect(option.rect);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setBrush(Qt::NoBrush);
    const qreal nodeX = x(node);
    for (int column = 0; column < cells.size(); ++column) {
        const auto cell = LaneCell(cells.at(column));
        const qreal cx = x(column);
        // An edge from `from` to `to`, turning through `corner`: a rounded
        // elbow between the lane and the node's centre, or a straight line
        // (much cheaper to draw, and most of what a graph is).
        const auto edge = [&](bool dependency, QPointF from, QPointF corner, QPointF to) {
            painter->setPen(lanePen(dependency ? GraphColors::dependency(palette) : GraphColors::lane(column, palette),
                dependency, lineWidth));
            if (from.x() == to.x() || from.y() == to.y()) {
                painter->drawLine(from, to);
                return;
            }
            QPainterPath path(from);
            path.cubicTo(corner, corner, to);
            painter->drawPath(path);
        };
        if ((cell & LaneUp) && !(cell & LaneUpToNode) && (cell & LaneDown)) {
            edge(cell & LaneUpIsDependency, QPointF(cx, top), QPointF(cx, middle), QPointF(cx, bottom));
            continue;
        }
        if (cell & LaneUpToNode)
            edge(cell & LaneUpIsDependency, QPointF(cx, top), QPointF(cx, middle), QPointF(nodeX, middle));
        if (cell & LaneDownFromNode)
            edge(cell & LaneDownIsDependency, QPointF(nodeX, middle), QPointF(cx, middle), QPointF(cx, bottom));
    }

    // The node: applied revisions filled, pending ones hollow, unknown ones
    // (no database) half filled, the database's current revisions in the
    // highlight colour with a ring.
    const qreal radius = std::max(3.5, lane * 0.3);
    const QColor color = GraphColors::lane(node, palette);
    const QPointF centre(nodeX, middle);
    switch (state) {
    case RevisionState::Current:
        painter->setPen(QPen(palette.color(QPalette::Text), lineWidth));
        painter->setBrush(palette.color(QPalette::Highlight));
        painter->drawEllipse(centre, radius + 1.5, radius + 1.5);
        break;
    case RevisionState::Pending:
        painter->setPen(QPen(color, lineWidth));
        painter->setBrush(palette.color(QPalette::Base));
        painter->drawEllipse(centre, radius, radius);
        break;
    case RevisionState::Applied:
        painter->setPen(QPen(palette.color(QPalette::Base), 1.0));
        painter->setBrush(color);
        painter->drawEllipse(centre, radius + 0.5, radius + 0.5);
        break;
    case RevisionState::Unknown: {
        // No database, or not read yet: neither applied (filled) nor
        // pending (hollow), a faint fill that claims nothing.
        QColor faint = color;
        faint.setAlphaF(0.35);
        painter->setPen(QPen(color, lineWidth));
        painter->setBrush(faint);
        painter->drawEllipse(centre, radius, radius);
        break;
    }
    }
    painter->restore();
}

} // namespace Retort
