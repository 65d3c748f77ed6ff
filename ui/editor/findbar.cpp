#include "findbar.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <Qsci/qsciscintilla.h>

namespace Retort {

FindBar::FindBar(QsciScintilla *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Find"));
    m_text->setClearButtonEnabled(true);
    m_text->installEventFilter(this);
    auto *previous = new QToolButton(this);
    previous->setText(tr("Previous"));
    previous->setToolTip(tr("Find the previous match (Shift+F3)"));
    auto *next = new QToolButton(this);
    next->setText(tr("Next"));
    next->setToolTip(tr("Find the next match (F3)"));
    m_matchCase = new QCheckBox(tr("Match case"), this);
    m_status = new QLabel(this);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Close (Escape)"));
    close->setAutoRaise(true);
    layout->addWidget(m_text, 1);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(m_matchCase);
    layout->addWidget(m_status);
    layout->addWidget(close);

    connect(m_text, &QLineEdit::textEdited, this, [this] { search(true, true); });
    connect(m_text, &QLineEdit::returnPressed, this, [this] { findNext(true); });
    connect(next, &QToolButton::clicked, this, [this] { findNext(true); });
    connect(previous, &QToolButton::clicked, this, [this] { findNext(false); });
    connect(m_matchCase, &QCheckBox::toggled, this, [this] { search(true, true); });
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        m_editor->setFocus();
    });
    hide();
}

void FindBar::activate()
{
    if (m_editor->hasSelectedText() && !m_editor->selectedText().contains(QLatin1Char('\n')))
        m_text->setText(m_editor->selectedText());
    show();
    m_text->setFocus();
    m_text->selectAll();
}

bool FindBar::findNext(bool forward)
{
    if (m_text->text().isEmpty()) {
        activate();
        return false;
    }
    search(false, forward);
    return m_status->text().isEmpty();
}

void FindBar::search(bool fromSelectionStart, bool forward)
{
    const QString text = m_text->text();
    m_status->clear();
    if (text.isEmpty())
        return;
    int line = 0;
    int index = 0;
    // Typing searches again from the start of the current match, so the
    // match grows with the text; going back starts before the match.
    if ((fromSelectionStart || !forward) && m_editor->hasSelectedText()) {
        int endLine = 0;
        int endIndex = 0;
        m_editor->getSelection(&line, &index, &endLine, &endIndex);
    } else {
        m_editor->getCursorPosition(&line, &index);
    }
    const bool found = m_editor->findFirst(text, false, m_matchCase->isChecked(), false, true, forward, line, index);
    if (!found)
        m_status->setText(tr("Not found"));
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_text && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            hide();
            m_editor->setFocus();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers().testFlag(Qt::ShiftModifier)) {
            findNext(false);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Retort
