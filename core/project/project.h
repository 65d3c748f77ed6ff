#pragma once

#include "graph/revisiongraph.h"
#include "projectsettings.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Retort {

enum class ProjectKind { Native, Alembic };

// A revision whose down_revision names a revision the project does not have.
// Only a project loaded with LoadOptions::keepBrokenRevisions has them: the
// revision is in the graph without those parents (as a base), so that the
// desktop can show it broken and offer to re-attach it.
struct BrokenRevision {
    QString id;
    QStringList downRevisions; // as the file says, missing ones included
    QStringList missing; // the down_revisions that point nowhere
    Error error; // what a strict load reports about it
};

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
    QList<BrokenRevision> broken; // empty unless loaded with keepBrokenRevisions
    qsizetype revisionsFromIndex = 0; // taken from the RevisionIndex, not parsed (see LoadOptions)

    // The entry for a revision id, or nullptr when the revision is not broken.
    const BrokenRevision *brokenRevision(const QString &id) const;

    QString backupFolder() const;
};

} // namespace Retort
