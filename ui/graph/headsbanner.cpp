#include "headsbanner.h"

#include "graphcolors.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace Retort {

HeadsBanner::HeadsBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_merge(new QPushButton(tr("Merge Heads…"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_merge->setToolTip(tr("What each branch changes, and a merge revision that joins them"));
    layout->addWidget(icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_merge);
    connect(m_merge, &QPushButton::clicked, this, &HeadsBanner::mergeRequested);
    applyPalette();
    hide();
}

void HeadsBanner::setHeads(const QStringList &heads)
{
    QStringList escaped;
    for (const QString &head : heads)
        escaped.append(QStringLiteral("<b>%1</b>").arg(head.toHtmlEscaped()));
    m_label->setText(tr("This project has %n heads: %1. Upgrading to \"head\" fails until they are merged; "
                        "\"heads\" applies every branch.",
        nullptr, int(heads.size()))
                         .arg(escaped.join(QLatin1String(", "))));
    setVisible(heads.size() > 1);
}

QString HeadsBanner::text() const
{
    return m_label->text();
}

void HeadsBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void HeadsBanner::applyPalette()
{
    QPalette palette = parentWidget() ? parentWidget()->palette() : this->palette();
    palette.setColor(QPalette::Window, GraphColors::hue(GraphColors::WarningHue, palette, false));
    palette.setColor(QPalette::Base, palette.color(QPalette::Window));
    // Setting our own palette triggers PaletteChange again; only set it
    // when it differs.
    if (palette.color(QPalette::Window) != this->palette().color(QPalette::Window))
        setPalette(palette);
}

} // namespace Retort
