#pragma once

#include "util/result.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace Retort {

// What a backup file holds, told from its first bytes.
enum class BackupFormat { Unknown, PostgresCustom, Sqlite };

// What is known of a backup without reading it through.
enum class BackupState {
    VerifiedWhenMade, // BackupRunner read it back fully before giving it its name
    NotVerified, // a backup file not made by Retort
    Unfinished, // a ".partial" file: a backup that was stopped half way
    Unreadable, // not a backup Retort can read, or no permission to read it
};

// A file in a backup folder, as far as its name, size and first bytes tell
// (no tool runs: BackupVerifier reads a backup fully).
struct BackupFile {
    QString path; // absolute
    qint64 bytes = 0;
    QDateTime createdAt; // UTC: from the name BackupRunner gives it, else the file's modification time
    BackupFormat format = BackupFormat::Unknown;
    // The revisions the database was at, from the name BackupRunner gives a
    // backup ("shop-20261124-101500-ae1027a6acf2.dump"); unknown for a file
    // named otherwise.
    QStringList versionRows;
    bool versionRowsKnown = false;
    bool madeByRetort = false; // named by BackupRunner, which keeps a backup only once verified
    bool unfinished = false; // a ".partial" file: a backup that was stopped half way

    QString fileName() const;
    BackupState state() const;
};

// The backups in a folder, for the desktop's list and `retort-cli backup
// --list`.
class BackupCatalog
{
public:
    // Backups and unfinished backups in `folder`, newest first; a folder
    // that does not exist yet has none. Other files are left out unless
    // their first bytes say they are a backup.
    static Result<QList<BackupFile>> list(const QString &folder);
    // One file, wherever it is; an error when it is missing or unreadable.
    static Result<BackupFile> describe(const QString &path);
};

QString backupFormatName(BackupFormat format); // "postgresql-custom", "sqlite", "unknown"
QString backupStateName(BackupState state); // "verified-when-made", "not-verified", "unfinished", "unreadable"
// "verified when made", "not verified"... for people.
QString backupStateText(BackupState state);

} // namespace Retort
