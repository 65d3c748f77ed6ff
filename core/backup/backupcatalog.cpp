#include "backupcatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::BackupCatalog", text);
}

const QLatin1String kPartialSuffix(".partial");

BackupFormat formatOf(QFile &file)
{
    const QByteArray head = file.read(16);
    if (head.startsWith("PGDMP"))
        return BackupFormat::PostgresCustom;
    if (head.startsWith(QByteArray("SQLite format 3\0", 16)))
        return BackupFormat::Sqlite;
    return BackupFormat::Unknown;
}

// The parts of BackupRunner's names: DATABASE-yyyyMMdd-HHmmss-ROWS[-N].dump,
// ROWS being the version rows joined by '+', or "base".
void readName(const QString &fileName, BackupFile &file)
{
    static const QRegularExpression pattern(QStringLiteral("^(.+)-(\\d{8}-\\d{6})-(.+?)(?:-\\d+)?\\.(?:dump|sqlite)$"));
    const QRegularExpressionMatch match = pattern.match(fileName);
    if (!match.hasMatch())
        return;
    QDateTime stamp = QDateTime::fromString(match.captured(2), QStringLiteral("yyyyMMdd-HHmmss"));
    if (!stamp.isValid())
        return;
    stamp.setTimeZone(QTimeZone::UTC);
    file.createdAt = stamp;
    const QString rows = match.captured(3);
    file.versionRows = rows == QLatin1String("base") ? QStringList() : rows.split(QLatin1Char('+'));
    file.versionRowsKnown = true;
    file.madeByRetort = true;
}

} // namespace

QString BackupFile::fileName() const
{
    return QFileInfo(path).fileName();
}

BackupState BackupFile::state() const
{
    if (unfinished)
        return BackupState::Unfinished;
    if (format == BackupFormat::Unknown)
        return BackupState::Unreadable;
    return madeByRetort ? BackupState::VerifiedWhenMade : BackupState::NotVerified;
}

QString backupStateName(BackupState state)
{
    switch (state) {
    case BackupState::VerifiedWhenMade:
        return QStringLiteral("verified-when-made");
    case BackupState::NotVerified:
        return QStringLiteral("not-verified");
    case BackupState::Unfinished:
        return QStringLiteral("unfinished");
    case BackupState::Unreadable:
        break;
    }
    return QStringLiteral("unreadable");
}

QString backupStateText(BackupState state)
{
    switch (state) {
    case BackupState::VerifiedWhenMade:
        return tr("verified when made");
    case BackupState::NotVerified:
        return tr("not verified");
    case BackupState::Unfinished:
        return tr("unfinished");
    case BackupState::Unreadable:
        break;
    }
    return tr("unreadable");
}

QString backupFormatName(BackupFormat format)
{
    switch (format) {
    case BackupFormat::PostgresCustom:
        return QStringLiteral("postgresql-custom");
    case BackupFormat::Sqlite:
        return QStringLiteral("sqlite");
    case BackupFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

Result<BackupFile> BackupCatalog::describe(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return Error::at(path, 0, tr("there is no backup file here"));
    QFile file(info.absoluteFilePath());
    if (!file.open(QIODevice::ReadOnly))
        return Error::at(path, 0, tr("the backup file cannot be read: %1").arg(file.errorString()));
    BackupFile backup;
    backup.path = info.absoluteFilePath();
    backup.bytes = info.size();
    backup.format = formatOf(file);
    QString name = info.fileName();
    if (name.endsWith(kPartialSuffix)) {
        backup.unfinished = true;
        name.chop(kPartialSuffix.size());
    }
    readName(name, backup);
    if (backup.unfinished)
        backup.madeByRetort = false; // never verified
    if (!backup.createdAt.isValid())
        backup.createdAt = info.lastModified().toUTC();
    return backup;
}

Result<QList<BackupFile>> BackupCatalog::list(const QString &folder)
{
    const QFileInfo info(folder);
    if (!info.exists())
        return QList<BackupFile>();
    if (!info.isDir())
        return Error::at(folder, 0, tr("the backup folder is a file, not a folder"));
    QDir dir(folder);
    if (!dir.isReadable())
        return Error::at(folder, 0, tr("the backup folder cannot be read (permissions)"));
    QList<BackupFile> backups;
    const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        Result<BackupFile> backup = describe(entry.absoluteFilePath());
        // A file that cannot be read is listed, so the user sees it and why
        // it cannot be restored, if its name says it is a backup.
        if (!backup) {
            const QString name = entry.fileName();
            if (!name.endsWith(QLatin1String(".dump")) && !name.endsWith(QLatin1String(".sqlite")))
                continue;
            BackupFile unreadable;
            unreadable.path = entry.absoluteFilePath();
            unreadable.bytes = entry.size();
            readName(name, unreadable);
            if (!unreadable.createdAt.isValid())
                unreadable.createdAt = entry.lastModified().toUTC();
            backups.append(unreadable);
            continue;
        }
        const bool named = backup->path.endsWith(QLatin1String(".dump")) ||
            backup->path.endsWith(QLatin1String(".sqlite")) || backup->unfinished;
        if (backup->format == BackupFormat::Unknown && !named)
            continue;
        backups.append(*backup);
    }
    std::stable_sort(backups.begin(), backups.end(), [](const BackupFile &a, const BackupFile &b) {
        return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.path > b.path;
    });
    return backups;
}

} // namespace Retort
