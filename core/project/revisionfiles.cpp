#include "revisionfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::RevisionFiles", text);
}

Result<void> listFolder(
    const QString &folder, const std::function<bool(const QString &)> &accepts, bool recursive, QStringList &files)
{
    const QDir dir(folder);
    QFileInfoList entries =
        dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::NoSort);
    // Byte-wise name order, as Python's sorted() gives Alembic.
    std::sort(entries.begin(), entries.end(),
        [](const QFileInfo &a, const QFileInfo &b) { return a.fileName() < b.fileName(); });
    QStringList subfolders;
    for (const QFileInfo &entry : std::as_const(entries)) {
        const QString name = entry.fileName();
        if (entry.isSymLink() && !entry.exists()) {
            if (!accepts(name))
                continue;
            return Error::at(entry.filePath(), 0,
                tr("the symbolic link points to %1, which does not exist or loops back; fix or remove the link")
                    .arg(entry.symLinkTarget().isEmpty() ? tr("nothing") : entry.symLinkTarget()));
        }
        if (entry.isDir()) {
            if (recursive && !entry.isSymLink() && name != QLatin1String("__pycache__"))
                subfolders.append(entry.filePath());
            continue;
        }
        if (accepts(name))
            files.append(entry.filePath());
    }
    for (const QString &subfolder : std::as_const(subfolders)) {
        if (auto listed = listFolder(subfolder, accepts, recursive, files); !listed)
            return listed.error();
    }
    return {};
}

} // namespace

Result<QStringList> listRevisionFiles(
    const QString &folder, const std::function<bool(const QString &)> &accepts, bool recursive)
{
    QStringList files;
    if (auto listed = listFolder(folder, accepts, recursive, files); !listed)
        return listed.error();
    return files;
}

} // namespace Retort
