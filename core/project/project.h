#pragma once

#include "graph/revisiongraph.h"
#include "projectsettings.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Retort {

enum class ProjectKind { Native, Alembic };

// A migration project as loaded from its folder: where its revision files
// live, its settings, and its revision graph.
struct Project {
    QString directory; // absolute
    QString configFile; // Alembic projects: the alembic.ini they were opened from
    ProjectKind kind = ProjectKind::Native;
    QStringList versionFolders; // absolute; where revision files are read and new ones written
    ProjectSettings settings;
    RevisionGraph graph;
    QList<Error> warnings; // problems that did not stop loading (e.g. a value Alembic computes at run time)

    QString backupFolder() const;
};

} // namespace Retort
