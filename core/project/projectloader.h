#pragma once

#include "project.h"
#include "util/result.h"

namespace Retort {

struct LoadOptions {
    // A down_revision that points nowhere is an error (the command line
    // stays strict), unless this is set: then the revision is loaded as a
    // base and listed in Project::broken with the error, for the desktop
    // to show and repair. Every other problem is still an error.
    bool keepBrokenRevisions = false;
    // A native project with at least this many revision files keeps a
    // RevisionIndex, so that opening it again reads only the files that
    // changed; -1: never. Below it, reading every file is fast enough and
    // the cache folder is left alone.
    qsizetype revisionIndexFrom = 1000;
    QString revisionIndexFolder; // empty: the platform's cache folder
};

// Opens a project: a folder with alembic.ini (an Alembic project; the path
// of the .ini file itself also works), or a folder with versions/*.sql (a
// native project, optional retort.ini).
class ProjectLoader
{
public:
    static Result<Project> load(const QString &path, const LoadOptions &options = {});

    // The native revision files of a versions folder in the order they are
    // loaded: sorted by file name, as Alembic sorts them, so ties break the
    // same way.
    static QStringList revisionFiles(const QString &folder, const QString &suffix);
};

} // namespace Retort
