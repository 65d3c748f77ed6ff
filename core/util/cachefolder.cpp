#include "cachefolder.h"

#include <QDir>
#include <QStandardPaths>

namespace Retort {

QString sharedCacheFolder(const QString &name)
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation))
        .filePath(QStringLiteral("retort/") + name);
}

} // namespace Retort
