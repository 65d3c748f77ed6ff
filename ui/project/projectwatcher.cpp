#include "projectwatcher.h"

namespace Retort {

ProjectWatcher::ProjectWatcher(QObject *parent)
    : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(250);
    connect(&m_settle, &QTimer::timeout, this, &ProjectWatcher::changed);
    // Each event restarts the wait.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_settle, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_settle, qOverload<>(&QTimer::start));
}

void ProjectWatcher::watch(const QStringList &folders, const QStringList &files)
{
    clear();
    if (!folders.isEmpty())
        m_watcher.addPaths(folders);
    if (!files.isEmpty() && files.size() <= maxWatchedFiles)
        m_watcher.addPaths(files);
}

void ProjectWatcher::clear()
{
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
}

} // namespace Retort
