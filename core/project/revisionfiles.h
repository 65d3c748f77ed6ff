#pragma once

#include "util/result.h"

#include <QStringList>

#include <functional>

namespace Retort {

// The revision files of a versions folder in the order they are loaded, as
// Alembic 1.13 walks them (ScriptDirectory._load_revisions): the files of a
// folder sorted by name, then, when `recursive`, each subfolder in name
// order, depth first. Symbolic links to folders are not followed (os.walk
// does not); a link to a file is read, and a broken or looping one is an
// error naming it. `accepts` picks files by name. With `realPaths`, the
// paths have every symbolic link resolved (Alembic's os.path.realpath).
Result<QStringList> listRevisionFiles(
    const QString &folder, const std::function<bool(const QString &)> &accepts, bool recursive, bool realPaths = false);
// The same files of the folder alone (not recursive), as names: a large
// native project keeps each name once, shared by its revision, instead of
// each whole path.
Result<QStringList> listRevisionFileNames(const QString &folder, const std::function<bool(const QString &)> &accepts);

} // namespace Retort
