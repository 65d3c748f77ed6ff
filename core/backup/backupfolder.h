#pragma once

#include <QString>

namespace Retort {

// Where a project's backups go when retort.ini names no folder: the user's
// data folder (XDG_DATA_HOME/retort/backups on Linux), one folder per
// project named after the project's folder and a hash of its path. Never
// inside the project: dumps full of production data do not belong in a
// git work tree. The CLI and the desktop agree on it.
QString defaultBackupFolder(const QString &projectDirectory);

// A backup folder Retort creates or writes into gets a .gitignore that
// ignores everything in it (an existing one is left as it is), so a folder
// kept inside the project by choice is still never committed. Empty, or why
// the file cannot be written.
QString writeBackupIgnoreRule(const QString &folder);

} // namespace Retort
