#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace Retort {

class FleetTableModel;

// Beside the fleet's table: one database's log (its run, line by line, or
// what its status read found), following the run as it goes.
class FleetLogPane : public QWidget
{
    Q_OBJECT
public:
    explicit FleetLogPane(FleetTableModel *model, QWidget *parent = nullptr);

    // Shows the log of the model's `row` (-1: none).
    void showRow(int row);
    int row() const { return m_row; }
    QString text() const;
    QPlainTextEdit *view() const { return m_text; }

signals:
    void closeRequested();

private:
    void refresh();
    // What happened on the database, line by line: its run's log, then
    // what the last status read found.
    QStringList linesOf(int row) const;

    FleetTableModel *m_model;
    int m_row = -1;
    QStringList m_shown;
    QLabel *m_title;
    QPlainTextEdit *m_text;
};

} // namespace Retort
