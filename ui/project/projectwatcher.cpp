#include "projectwatcher.h"

namespace Retort {

namespace {

// inotify watches are a per-user resource shared with every other program;
// a huge project is watched by folder only, which still sees files added,
// removed and replaced (git checkouts replace files), just not edits made
// in place.
constexpr qsizetype kMaxWatchedFiles = 4000;

} // namespace

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
    if (!files.isEmpty() && files.size() <= kMaxWatchedFiles)
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
