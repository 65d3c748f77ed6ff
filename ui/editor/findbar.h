#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QsciScintilla;

namespace Retort {

// A find bar under an editor, as in Kate or a browser: type to search
// forward from the cursor, Enter or F3 for the next match, Shift+Enter or
// Shift+F3 for the previous one, Escape to close.
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(QsciScintilla *editor, QWidget *parent = nullptr);

    // Shows the bar with the editor's selection (if any) as the text.
    void activate();
    bool findNext(bool forward = true);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void search(bool fromSelectionStart, bool forward);

    QsciScintilla *m_editor;
    QLineEdit *m_text = nullptr;
    QCheckBox *m_matchCase = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Retort
