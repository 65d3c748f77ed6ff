#pragma once

#include <QStyledItemDelegate>

namespace Retort {

// Paints the labels and state columns as small rounded badges: branch
// labels, "head", "merge", "branch point", "base", "no transaction", and
// the revision's state in the database, and the environments watched
// beside it: their names on the revisions they are at and their states in
// columns of their own, in their colours. Colours come from the palette.
class BadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit BadgeDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    enum class Kind { Label, Head, Structure, Warning, Broken, Current, Applied, Pending, Environment };
    struct Badge {
        QString text;
        Kind kind;
        int hue = -1; // Environment, and Current in an environment's column: its colour
    };
    QList<Badge> badges(const QModelIndex &index) const;
};

} // namespace Retort
