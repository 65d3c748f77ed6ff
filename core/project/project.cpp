#include "project.h"

#include <QDir>

namespace Retort {

QString Project::backupFolder() const
{
    return QDir(directory).absoluteFilePath(settings.backupFolder);
}

const BrokenRevision *Project::brokenRevision(const QString &id) const
{
    for (const BrokenRevision &revision : broken) {
        if (revision.id == id)
            return &revision;
    }
    return nullptr;
}

} // namespace Retort
