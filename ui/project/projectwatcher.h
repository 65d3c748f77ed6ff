#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace Retort {

// Notices changes to a project's files — revisions added, removed, edited,
// or replaced wholesale by a `git pull` — and reports them once things
// have settled, so that a pull touching fifty files reloads once.
class ProjectWatcher : public QObject
{
    Q_OBJECT
public:
    explicit ProjectWatcher(QObject *parent = nullptr);

    // inotify watches are a per-user resource shared with every other
    // program: a huge project is watched by folder only, which still sees
    // files added, removed and replaced (git checkouts replace files), just
    // not edits made in place.
    static constexpr qsizetype maxWatchedFiles = 4000;

    // Watches these folders and files (replacing what was watched before).
    // Called again after each reload: files replaced by rename drop out of
    // a QFileSystemWatcher.
    void watch(const QStringList &folders, const QStringList &files);
    void clear();
    void setSettleDelay(int milliseconds) { m_settle.setInterval(milliseconds); }

signals:
    void changed();

private:
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
};

} // namespace Retort
