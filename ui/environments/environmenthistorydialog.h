#pragma once

#include "db/connectionsettings.h"
#include "project/projectsettings.h"

#include <QDialog>

namespace Retort {

class HistoryPage;

// What ran on one environment (its retort_history), newest first, with the
// SQL of each run: the History view for an environment that is not the
// window's connection. Read in the background on a connection of its own,
// opened, read and closed; nothing is written.
class EnvironmentHistoryDialog : public QDialog
{
    Q_OBJECT
public:
    EnvironmentHistoryDialog(const QString &environment, const ConnectionSettings &settings,
        const ProjectSettings &project, QWidget *parent = nullptr);

    HistoryPage *page() const { return m_page; }
    bool isReading() const { return m_reading; }
    // Reads the history again.
    void read();

signals:
    void historyShown(); // the history, or why it could not be read, is shown

private:
    ConnectionSettings m_settings;
    ProjectSettings m_project;
    HistoryPage *m_page;
    bool m_reading = false;
};

} // namespace Retort
