#include "project.h"

#include <QDir>

namespace Retort {

QString Project::backupFolder() const
{
    return QDir(directory).absoluteFilePath(settings.backupFolder);
}

} // namespace Retort
