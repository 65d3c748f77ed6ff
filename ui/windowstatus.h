#pragma once

#include <QObject>

class QLabel;
class QStatusBar;

namespace Retort {

class DatabaseController;
struct Project;

// The main window's status bar: the project and its size, the connection,
// every revision the database is at, the pending count and the heads.
class WindowStatus : public QObject
{
    Q_OBJECT
public:
    explicit WindowStatus(QStatusBar *bar);

    void update(const Project &project, const DatabaseController &database, bool busy);
    // "Working…" while any part of the window works, alone: the parts that
    // finish work say so without a change of the other fields.
    void setBusy(bool busy);
    // The fields joined with " | ", "Working…" last while shown; for tests.
    QString text() const;

private:
    QStatusBar *m_bar;
    QLabel *m_project;
    QLabel *m_connection;
    QLabel *m_current;
    QLabel *m_pending;
    QLabel *m_heads;
    QLabel *m_busy;
};

} // namespace Retort
