#pragma once

#include <QStyledItemDelegate>

namespace Retort {

// Paints the graph column: a row's lanes and its revision's node, from
// RevisionGraphModel's LaneCellsRole, NodeColumnRole and StateRole. It only
// paints: the lanes were laid out when the project was loaded, and every
// colour comes from the palette it is given.
class LaneDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit LaneDelegate(QObject *parent = nullptr);

    // The width of one lane for a font; the graph column is this times the
    // number of lanes, plus a margin.
    static int laneWidth(const QFontMetrics &metrics);
    static int columnWidth(const QFontMetrics &metrics, int lanes);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Retort
