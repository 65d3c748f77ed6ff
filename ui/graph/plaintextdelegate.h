#pragma once

#include <QStyledItemDelegate>

namespace Retort {

// Paints a column of single-line plain text (the revision's id, message and
// date): the style draws the cell's background, selection and focus, and
// the text is shaped once. QStyledItemDelegate shapes each cell's text two
// or three times (to size it, to elide it, to draw it), which was most of a
// graph frame's time when Page Down shows a new page of revisions.
// Cells with an icon, a check box or several lines are left to the base.
class PlainTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit PlainTextDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Retort
