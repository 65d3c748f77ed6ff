#include "runprogress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollBar>
#include <QTime>

#include <algorithm>

namespace Retort {

namespace {

constexpr int kStepScale = 100; // progress bar units per step

} // namespace

RunProgress::RunProgress(QWidget *parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_text(new QLabel(this))
    , m_log(new QPlainTextEdit(parent))
{
    m_bar->setTextVisible(false);
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_bar->setAccessibleName(tr("Run progress"));
    m_text->setWordWrap(true);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setPlaceholderText(tr("What happens during the run appears here."));
    m_log->setAccessibleName(tr("Run log"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_text, 2);
}

QString RunProgress::text() const
{
    return m_text->text();
}

void RunProgress::setStepCount(int steps)
{
    m_bar->setRange(0, std::max(1, steps * kStepScale));
    m_bar->setValue(0);
}

void RunProgress::setText(const QString &text)
{
    m_text->setText(text);
}

void RunProgress::stepStarted(int step)
{
    m_bar->setValue(step * kStepScale);
}

void RunProgress::statementStarted(int step, int statement, int statementCount)
{
    m_bar->setValue(step * kStepScale + (statementCount > 0 ? statement * kStepScale / statementCount : 0));
}

void RunProgress::stepFinished(int step)
{
    m_bar->setValue((step + 1) * kStepScale);
}

void RunProgress::finish(bool ok)
{
    if (ok)
        m_bar->setValue(m_bar->maximum());
    m_text->setText(ok ? tr("Finished") : tr("Stopped"));
}

void RunProgress::appendLog(const QString &line)
{
    const QString stamped =
        QStringLiteral("%1  %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line);
    m_log->appendPlainText(stamped);
    m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
    emit logged(line);
}

} // namespace Retort
