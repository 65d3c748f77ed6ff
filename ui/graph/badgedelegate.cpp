#include "badgedelegate.h"

#include "graphcolors.h"
#include "revisiongraphmodel.h"

#include <QApplication>
#include <QPainter>

namespace Retort {

namespace {

constexpr int kPadding = 5; // inside a badge, left and right
constexpr int kSpacing = 4; // between badges

QFont badgeFont(const QFont &font)
{
    QFont small = font;
    small.setBold(false);
    small.setItalic(false);
    small.setPointSizeF(font.pointSizeF() * 0.9);
    return small;
}

} // namespace

BadgeDelegate::BadgeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QList<BadgeDelegate::Badge> BadgeDelegate::badges(const QModelIndex &index) const
{
    QList<Badge> result;
    const QVariant environmentHue = index.data(RevisionGraphModel::EnvironmentHueRole);
    if (index.column() == RevisionGraphModel::StateColumn || environmentHue.isValid()) {
        switch (RevisionState(index.data(RevisionGraphModel::StateRole).toInt())) {
        case RevisionState::Unknown:
            break;
        case RevisionState::Pending:
            result.append({ tr("pending"), Kind::Pending });
            break;
        case RevisionState::Applied:
            result.append({ tr("applied"), Kind::Applied });
            break;
        case RevisionState::Current:
            result.append({ tr("current"), Kind::Current, environmentHue.isValid() ? environmentHue.toInt() : -1 });
            break;
        }
        return result;
    }
    for (const QVariant &mark : index.data(RevisionGraphModel::EnvironmentMarksRole).toList()) {
        const QVariantList nameAndHue = mark.toList();
        result.append({ nameAndHue.value(0).toString(), Kind::Environment, nameAndHue.value(1).toInt() });
    }
    const int flags = index.data(RevisionGraphModel::FlagsRole).toInt();
    if (flags & RevisionGraphModel::BrokenFlag)
        result.append({ tr("broken"), Kind::Broken });
    if (flags & RevisionGraphModel::HeadFlag)
        result.append({ tr("head"), Kind::Head });
    for (const QString &label : index.data(RevisionGraphModel::BranchLabelsRole).toStringList())
        result.append({ label, Kind::Label });
    if (flags & RevisionGraphModel::MergePointFlag)
        result.append({ tr("merge"), Kind::Structure });
    if (flags & RevisionGraphModel::BranchPointFlag)
        result.append({ tr("branch point"), Kind::Structure });
    if (flags & RevisionGraphModel::BaseFlag)
        result.append({ tr("base"), Kind::Structure });
    if (flags & RevisionGraphModel::NonTransactionalFlag)
        result.append({ tr("no transaction"), Kind::Warning });
    return result;
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics metrics(badgeFont(option.font));
    int width = kSpacing;
    for (const Badge &badge : badges(index))
        width += metrics.horizontalAdvance(badge.text) + 2 * kPadding + kSpacing;
    return { width, option.fontMetrics.height() + 8 };
}

void BadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QPalette &palette = option.palette;
    const QFont font = badgeFont(option.font);
    const QFontMetrics metrics(font);
    const int height = std::min(option.rect.height() - 4, metrics.height() + 4);
    const int top = option.rect.top() + (option.rect.height() - height) / 2;
    int left = option.rect.left() + kSpacing;

    painter->save();
    painter->setClipRect(option.rect);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(font);
    for (const Badge &badge : badges(index)) {
        const int width = metrics.horizontalAdvance(badge.text) + 2 * kPadding;
        const QRectF box(left + 0.5, top + 0.5, width - 1, height - 1);
        QColor fill = Qt::transparent;
        QColor border = palette.color(QPalette::Mid);
        QColor text = palette.color(QPalette::Text);
        switch (badge.kind) {
        case Kind::Label:
            fill = GraphColors::hue(GraphColors::LabelHue, palette, false);
            border = GraphColors::hue(GraphColors::LabelHue, palette, true);
            break;
        case Kind::Head:
            fill = GraphColors::hue(280, palette, false);
            border = GraphColors::hue(280, palette, true);
            break;
        case Kind::Structure:
            text = GraphColors::dependency(palette);
            border = text;
            break;
        case Kind::Warning:
            fill = GraphColors::hue(GraphColors::WarningHue, palette, false);
            border = GraphColors::hue(GraphColors::WarningHue, palette, true);
            break;
        case Kind::Broken:
            fill = GraphColors::hue(0, palette, false);
            border = GraphColors::hue(0, palette, true);
            text = border;
            break;
        case Kind::Current:
            fill = badge.hue < 0 ? palette.color(QPalette::Highlight) : GraphColors::hue(badge.hue, palette, true);
            border = fill;
            text = badge.hue < 0 ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Base);
            break;
        case Kind::Environment:
            // Filled in its colour: an environment's marker must be found at a glance.
            fill = GraphColors::hue(badge.hue, palette, true);
            border = fill;
            text = palette.color(QPalette::Base);
            break;
        case Kind::Applied:
            fill = GraphColors::hue(GraphColors::AppliedHue, palette, false);
            border = GraphColors::hue(GraphColors::AppliedHue, palette, true);
            break;
        case Kind::Pending:
            text = GraphColors::dependency(palette);
            border = text;
            break;
        }
        // Outlined badges sit on the row's own background: on a selected
        // row that is the highlight, so they take its text colour.
        if (fill.alpha() == 0 && (option.state & QStyle::State_Selected)) {
            text = palette.color(QPalette::HighlightedText);
            border = text;
        }
        painter->setPen(QPen(border, 1.0));
        painter->setBrush(fill);
        painter->drawRoundedRect(box, height / 3.0, height / 3.0);
        painter->setPen(text);
        painter->drawText(QRect(left, top, width, height), Qt::AlignCenter, badge.text);
        left += width + kSpacing;
    }
    painter->restore();
}

} // namespace Retort
