#include "plaintextdelegate.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

#include <cmath>
#include <limits>
#include <utility>

namespace Retort {

PlainTextDelegate::PlainTextDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

void PlainTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    const bool plain =
        !(cell.features & (QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::HasCheckIndicator)) &&
        !cell.text.contains(QChar::LineFeed);
    if (!plain) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QWidget *widget = cell.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QString text = std::exchange(cell.text, QString());
    cell.features &= ~QStyleOptionViewItem::HasDisplay;
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);
    if (text.isEmpty())
        return;

    // The text's place and colour as QCommonStyle gives them to a cell
    // without an icon or a check box.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect area = cell.rect.adjusted(margin, 0, -margin, 0);
    QPalette::ColorGroup group = (cell.state & QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    if (group == QPalette::Normal && !(cell.state & QStyle::State_Active))
        group = QPalette::Inactive;
    const QPalette::ColorRole role = (cell.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text;

    // The layout has the cell's font from its construction.
    const auto layOut = [&cell](QTextLayout &layout) {
        QTextOption textOption;
        textOption.setWrapMode(QTextOption::NoWrap);
        textOption.setTextDirection(cell.direction);
        layout.setTextOption(textOption);
        layout.beginLayout();
        QTextLine line = layout.createLine();
        line.setLineWidth(std::numeric_limits<int>::max() / 256);
        layout.endLayout();
        return line;
    };
    QTextLayout layout(text, cell.font, painter->device());
    QTextLine line = layOut(layout);
    if (line.naturalTextWidth() > area.width()) {
        // Rare (a long message in a narrow column): elide, and shape again.
        layout.setText(cell.fontMetrics.elidedText(text, cell.textElideMode, area.width()));
        line = layOut(layout);
    }
    const QSize size(int(std::ceil(line.naturalTextWidth())), int(std::ceil(line.height())));
    const Qt::Alignment alignment = QStyle::visualAlignment(cell.direction, cell.displayAlignment);
    const QRect placed = QStyle::alignedRect(cell.direction, alignment, size, area);

    painter->save();
    painter->setPen(cell.palette.color(group, role));
    painter->setClipRect(area, Qt::IntersectClip);
    layout.draw(painter, placed.topLeft());
    painter->restore();
}

} // namespace Retort
