#include "project.h"

#include "backup/backupfolder.h"

#include <QDir>

namespace Retort {

QString Project::backupFolder() const
{
    if (settings.backupFolder.isEmpty())
        return defaultBackupFolder(directory);
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
