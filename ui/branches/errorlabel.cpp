#include "errorlabel.h"

#include "graph/graphcolors.h"

#include <QEvent>

namespace Retort {

ErrorLabel::ErrorLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    applyPalette();
    hide();
}

void ErrorLabel::showError(const QString &text)
{
    setText(text);
    show();
}

void ErrorLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applying)
        applyPalette();
}

void ErrorLabel::applyPalette()
{
    m_applying = true;
    QPalette palette = this->palette();
    palette.setColor(QPalette::WindowText, GraphColors::hue(0, palette, true));
    setPalette(palette);
    m_applying = false;
}

} // namespace Retort
