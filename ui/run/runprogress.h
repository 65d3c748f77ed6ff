#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;

namespace Retort {

// A run as it goes: a progress bar in steps and statements, a line saying
// where the run is, and a live log with the time of each line. The log is
// a separate widget the dialog places in its splitter.
class RunProgress : public QWidget
{
    Q_OBJECT
public:
    explicit RunProgress(QWidget *parent = nullptr);

    QPlainTextEdit *log() const { return m_log; }
    QString text() const;

    // The number of steps the bar counts.
    void setStepCount(int steps);
    void setText(const QString &text);
    void stepStarted(int step);
    // `where` is e.g. "statement 2 of 9"; the bar moves within the step.
    void statementStarted(int step, int statement, int statementCount);
    void stepFinished(int step);
    void finish(bool ok);
    // A line in the log, with the time.
    void appendLog(const QString &line);

signals:
    void logged(const QString &line);

private:
    QProgressBar *m_bar;
    QLabel *m_text;
    QPlainTextEdit *m_log;
};

} // namespace Retort
