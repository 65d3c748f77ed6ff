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

Result<void> listFolder(const QString &folder, const std::function<bool(const QString &)> &accepts, bool recursive,
    bool realPaths, QStringList &files)
{
    const QDir dir(folder);
    // One realpath() for the folder; files that are not links follow from it.
    const QString realFolder = realPaths ? QFileInfo(folder).canonicalFilePath() : QString();
    const QFileInfoList infos =
        dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::NoSort);
    // Name order, as Python's sorted() gives Alembic; names taken once.
    std::vector<std::pair<QString, qsizetype>> names;
    names.reserve(size_t(infos.size()));
    for (qsizetype i = 0; i < infos.size(); ++i)
        names.emplace_back(infos.at(i).fileName(), i);
    std::sort(names.begin(), names.end());
    QStringList subfolders;
    for (const auto &[name, index] : names) {
        const QFileInfo &entry = infos.at(index);
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
        if (!accepts(name))
            continue;
        if (!realPaths)
            files.append(entry.filePath());
        else if (entry.isSymLink())
            files.append(entry.canonicalFilePath());
        else
            files.append(realFolder + QLatin1Char('/') + name);
    }
    for (const QString &subfolder : std::as_const(subfolders)) {
        if (auto listed = listFolder(subfolder, accepts, recursive, realPaths, files); !listed)
            return listed.error();
    }
    return {};
}

} // namespace

Result<QStringList> listRevisionFiles(
    const QString &folder, const std::function<bool(const QString &)> &accepts, bool recursive, bool realPaths)
{
    QStringList files;
    if (auto listed = listFolder(folder, accepts, recursive, realPaths, files); !listed)
        return listed.error();
    return files;
}

} // namespace Retort
