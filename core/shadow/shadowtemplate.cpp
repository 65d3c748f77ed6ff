#include "shadowtemplate.h"

#include "util/cachefolder.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <unistd.h>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ShadowTemplate", text);
}

// Raised when what is kept in a template changes.
constexpr int kTemplateFormat = 1;

// initdb makes regular files and folders only (pg_wal is a folder unless
// initdb is given -X); anything else means the template is not one of ours.
Result<void> copyTree(const QString &from, const QString &to, const std::optional<ShadowTemplate::Owner> &owner)
{
    const QFileInfo source(from);
    if (!QDir().mkdir(to))
        return Error::at(to, 0, tr("cannot create the folder"));
    if (!QFile::setPermissions(to, source.permissions()))
        return Error::at(to, 0, tr("cannot set the folder's permissions"));
    if (owner && ::chown(QFile::encodeName(to).constData(), owner->user, owner->group) != 0)
        return Error::at(to, 0, tr("cannot give the folder to the server's user"));
    const QFileInfoList entries =
        QDir(from).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    for (const QFileInfo &entry : entries) {
        const QString target = QDir(to).filePath(entry.fileName());
        if (entry.isSymLink())
            return Error::at(entry.filePath(), 0, tr("a link in a shadow server template"));
        if (entry.isDir()) {
            if (auto copied = copyTree(entry.filePath(), target, owner); !copied)
                return copied;
            continue;
        }
        // QFile::copy keeps the permissions.
        if (!QFile::copy(entry.filePath(), target))
            return Error::at(target, 0, tr("cannot copy %1").arg(entry.filePath()));
        if (owner && ::chown(QFile::encodeName(target).constData(), owner->user, owner->group) != 0)
            return Error::at(target, 0, tr("cannot give the file to the server's user"));
    }
    return {};
}

} // namespace

ShadowTemplate::ShadowTemplate(
    const PostgresBinaries &binaries, const QStringList &initdbArguments, const QString &cacheFolder)
{
    m_folder = cacheFolder.isEmpty() ? sharedCacheFolder(QStringLiteral("shadow-template")) : cacheFolder;
    const QFileInfo postgres(binaries.program(QStringLiteral("postgres")));
    const QStringList key { QString::number(kTemplateFormat), QDir::cleanPath(binaries.directory),
        QString::number(binaries.major), QString::number(postgres.size()),
        QString::number(postgres.lastModified().toMSecsSinceEpoch()), QString::number(::geteuid()),
        initdbArguments.join(QLatin1Char('\n')) };
    const QByteArray hash =
        QCryptographicHash::hash(key.join(QLatin1Char('\0')).toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    m_sameMajorPrefix = QStringLiteral("pg%1-").arg(binaries.major);
    m_path = QDir(m_folder).filePath(m_sameMajorPrefix + QString::fromLatin1(hash));
}

bool ShadowTemplate::exists() const
{
    // Kept by a rename of a complete copy: there is no half-made template.
    return QFileInfo::exists(QDir(m_path).filePath(QStringLiteral("PG_VERSION")));
}

Result<void> ShadowTemplate::copyTo(const QString &data, const std::optional<Owner> &owner) const
{
    Result<void> copied = copyTree(m_path, data, owner);
    if (!copied)
        QDir(data).removeRecursively();
    return copied;
}

void ShadowTemplate::keep(const QString &data) const
{
    if (exists() || !QDir().mkpath(m_folder))
        return;
    const QString partial = m_path +
        QStringLiteral(".partial-%1-%2")
            .arg(QCoreApplication::applicationPid())
            .arg(QRandomGenerator::global()->generate());
    if (!copyTree(data, partial, std::nullopt) || !QDir().rename(partial, m_path)) {
        QDir(partial).removeRecursively(); // another process kept one first, or the disk is full
        return;
    }
    // An upgraded installation leaves its old template behind.
    const QDir folder(m_folder);
    const QString kept = QFileInfo(m_path).fileName();
    const QDateTime dayAgo = QDateTime::currentDateTimeUtc().addDays(-1);
    for (const QString &name : folder.entryList({ m_sameMajorPrefix + QLatin1Char('*') }, QDir::Dirs)) {
        // A partial copy is another process's, unless a killed one left it.
        const bool partial = name.contains(QLatin1String(".partial-"));
        if (name != kept && (!partial || QFileInfo(folder.filePath(name)).lastModified() < dayAgo))
            QDir(folder.filePath(name)).removeRecursively();
    }
}

void ShadowTemplate::discard() const
{
    QDir(m_path).removeRecursively();
}

} // namespace Retort
