#pragma once

#include "project.h"
#include "util/result.h"

namespace Retort {

// Opens a project: a folder with alembic.ini (an Alembic project; the path
// of the .ini file itself also works), or a folder with versions/*.sql (a
// native project, optional retort.ini).
class ProjectLoader
{
public:
    static Result<Project> load(const QString &path);

    // The native revision files of a versions folder in the order they are
    // loaded: sorted by file name, as Alembic sorts them, so ties break the
    // same way.
    static QStringList revisionFiles(const QString &folder, const QString &suffix);
};

} // namespace Retort
