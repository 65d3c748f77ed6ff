#include "fleetlogpane.h"

#include "exec/runoutcome.h"
#include "fleet/fleetreport.h"
#include "fleettablemodel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace Retort {

FleetLogPane::FleetLogPane(FleetTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_title(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("fleetLogPane"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // URLs and paths too
    m_text->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_title->setTextFormat(Qt::PlainText);
    auto *close = new QToolButton(this);
    close->setText(tr("Hide"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Hide the log"));
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_text, 1);
    connect(close, &QToolButton::clicked, this, &FleetLogPane::closeRequested);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        if (m_row >= from.row() && m_row <= to.row())
            refresh();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { showRow(-1); });
}

void FleetLogPane::showRow(int row)
{
    m_row = row < m_model->rowCount() ? row : -1;
    m_shown.clear();
    m_text->clear();
    refresh();
}

void FleetLogPane::refresh()
{
    if (m_row < 0) {
        m_title->setText(tr("Select a database to see its log"));
        return;
    }
    m_title->setText(tr("Log of %1").arg(m_model->database(m_row).displayName()));
    const QStringList lines = linesOf(m_row);
    if (lines == m_shown)
        return;
    // A run only adds lines: append them, so the reader keeps their place.
    const bool grew = lines.size() > m_shown.size() && lines.mid(0, m_shown.size()) == m_shown;
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    if (grew) {
        for (const QString &line : lines.mid(m_shown.size()))
            m_text->appendPlainText(line);
    } else {
        m_text->setPlainText(lines.join(QLatin1Char('\n')));
    }
    m_shown = lines;
    if (atEnd)
        bar->setValue(bar->maximum());
}

QStringList FleetLogPane::linesOf(int row) const
{
    QStringList lines;
    const FleetDatabaseRun *run = m_model->run(row);
    const FleetDatabaseStatus *status = m_model->status(row);
    if (run) {
        lines = run->log;
        const bool started =
            run->state != FleetDatabaseRun::State::Skipped && run->state != FleetDatabaseRun::State::Waiting;
        if (!started) {
            lines.append(
                fleetProgressText(*run) + (run->error.isEmpty() ? QString() : QStringLiteral(": ") + run->error));
        } else if (run->finished()) {
            lines.append(tr("%1 in %2: %3 → %4")
                             .arg(fleetProgressText(*run), formatDuration(run->durationMs),
                                 versionRowsText(run->before), versionRowsText(run->after)));
        }
    }
    if (status) {
        if (!lines.isEmpty())
            lines.append(QString());
        const QString read = formatDuration(status->durationMs);
        if (status->reachable && status->pending >= 0) {
            lines.append(tr("Status (read in %1): at %2, %3")
                             .arg(read, versionRowsText(status->versionRows),
                                 tr("%n migration(s) pending", nullptr, status->pending)));
        } else if (status->reachable) {
            lines.append(tr("Status (read in %1): at %2").arg(read, versionRowsText(status->versionRows)));
        }
        if (!status->ok())
            lines.append(status->error);
    } else {
        lines.append(tr("Reading where the database stands…"));
    }
    return lines;
}

QString FleetLogPane::text() const
{
    return m_text->toPlainText();
}

} // namespace Retort
