#pragma once

#include <QWidget>

class QButtonGroup;
class QLabel;
class QStackedWidget;

namespace Retort {

class SqlEditor;

// Two versions of a text compared line by line, highlighted as SQL or
// Python: unified (one column, removed and added lines marked) or side by
// side (old on the left, new on the right, scrolled together).
class DiffView : public QWidget
{
    Q_OBJECT
public:
    enum Mode { Unified, SideBySide };

    explicit DiffView(QWidget *parent = nullptr);

    void setTexts(const QString &before, const QString &after, const QString &language, const QString &beforeTitle,
        const QString &afterTitle);
    void clear();
    void setMode(Mode mode);
    Mode mode() const;

    // What each pane shows, for tests: the unified text with "+", "-" and
    // " " before each line, and the two sides.
    QString unifiedText() const;
    SqlEditor *unifiedEditor() const { return m_unified; }
    SqlEditor *leftEditor() const { return m_left; }
    SqlEditor *rightEditor() const { return m_right; }

private:
    QButtonGroup *m_modes;
    QLabel *m_summary;
    QStackedWidget *m_stack;
    SqlEditor *m_unified;
    SqlEditor *m_left;
    SqlEditor *m_right;
    QLabel *m_leftTitle;
    QLabel *m_rightTitle;
    QStringList m_unifiedMarks;
};

} // namespace Retort
