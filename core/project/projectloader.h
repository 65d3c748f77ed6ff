#pragma once

#include "project.h"
#include "util/result.h"

namespace Retort {

// Opens a project folder: a native project (versions/*.sql, optional
// retort.ini) or an Alembic one (alembic.ini).
class ProjectLoader
{
public:
    static Result<Project> load(const QString &directory);

    // The revision files of a versions folder in the order they are loaded:
    // sorted by file name, as Alembic sorts them, so ties break the same way.
    static QStringList revisionFiles(const QString &folder, const QString &suffix);
};

} // namespace Retort
