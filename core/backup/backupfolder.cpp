#include "backupfolder.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace Retort {

QString defaultBackupFolder(const QString &projectDirectory)
{
    const QFileInfo info(projectDirectory);
    const QString path = info.canonicalFilePath().isEmpty() ? info.absoluteFilePath() : info.canonicalFilePath();
    // The name says which project; the hash keeps two "migrations" folders apart.
    const QByteArray hash = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256).toHex().left(10);
    QString name = info.fileName();
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    // Named explicitly rather than by the application: retort and
    // retort-cli must find the same folder.
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(data).filePath(QStringLiteral("retort/backups/%1-%2").arg(name, QString::fromLatin1(hash)));
}

QString writeBackupIgnoreRule(const QString &folder)
{
    const QString path = QDir(folder).filePath(QStringLiteral(".gitignore"));
    if (QFileInfo::exists(path))
        return {};
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return file.errorString();
    if (file.write("# Backups made by Retort: database dumps, never to be committed.\n*\n") <= 0) {
        const QString reason = file.errorString();
        file.remove();
        return reason;
    }
    return {};
}

} // namespace Retort
