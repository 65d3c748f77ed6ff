#include "driftbanner.h"

#include "exec/runoutcome.h"
#include "graph/graphcolors.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace Retort {

DriftBanner::DriftBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_show(new QPushButton(tr("Show Difference…"), this))
    , m_stamp(new QPushButton(this))
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
    m_show->setToolTip(tr("The schema the version rows imply, replayed in a shadow database, against the "
                          "database's own"));
    layout->addWidget(icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_show);
    layout->addWidget(m_stamp);
    connect(m_show, &QPushButton::clicked, this, &DriftBanner::differenceRequested);
    connect(m_stamp, &QPushButton::clicked, this, [this] {
        if (m_report.lookAlike)
            emit stampRequested(m_report.lookAlike->versionRows);
    });
    applyPalette();
    hide();
}

void DriftBanner::clear()
{
    m_report = {};
    hide();
}

void DriftBanner::setReport(const DriftReport &report)
{
    m_report = report;
    if (!report.drifted()) {
        hide();
        return;
    }
    const int lines = differingLines(report.expected, report.live);
    QString text =
        tr("The database's schema is not the one revision <b>%1</b> gives: %n line(s) differ.", nullptr, lines)
            .arg(versionRowsText(report.versionRows).toHtmlEscaped());
    const std::optional<LookAlike> &look = report.lookAlike;
    const bool elsewhere = look && look->versionRows != report.versionRows;
    if (elsewhere && look->exact()) {
        text += QLatin1Char(' ') +
            tr("It is exactly the schema of <b>%1</b>: the version table is probably wrong.")
                .arg(versionRowsText(look->versionRows).toHtmlEscaped());
    } else if (elsewhere) {
        text += QLatin1Char(' ') +
            tr("The nearest revision is <b>%1</b>, %n line(s) away.", nullptr, look->differingLines)
                .arg(versionRowsText(look->versionRows).toHtmlEscaped());
    } else {
        text += QLatin1Char(' ') + tr("No revision is nearer: the change was made outside the migrations.");
    }
    m_label->setText(text);
    m_stamp->setVisible(elsewhere);
    if (elsewhere)
        m_stamp->setText(tr("Stamp %1…").arg(versionRowsText(look->versionRows)));
    show();
}

QString DriftBanner::text() const
{
    return m_label->text();
}

void DriftBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void DriftBanner::applyPalette()
{
    QPalette palette = parentWidget() ? parentWidget()->palette() : this->palette();
    palette.setColor(QPalette::Window, GraphColors::hue(GraphColors::WarningHue, palette, false));
    palette.setColor(QPalette::Base, palette.color(QPalette::Window));
    if (palette.color(QPalette::Window) != this->palette().color(QPalette::Window))
        setPalette(palette);
}

} // namespace Retort
