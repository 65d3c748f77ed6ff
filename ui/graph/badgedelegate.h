#pragma once

#include <QStyledItemDelegate>

namespace Retort {

// Paints the labels and state columns as small rounded badges: branch
// labels, "head", "merge", "branch point", "base", "no transaction", and
// the revision's state in the database. Colours come from the palette.
class BadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit BadgeDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    enum class Kind { Label, Head, Structure, Warning, Broken, Current, Applied, Pending };
    struct Badge {
        QString text;
        Kind kind;
    };
    QList<Badge> badges(const QModelIndex &index) const;
};

} // namespace Retort
