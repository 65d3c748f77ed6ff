#pragma once

#include "process/processrunner.h"
#include "project/projectsettings.h"
#include "util/result.h"

#include <QObject>
#include <QStringList>

#include <optional>

namespace Retort {

// What reading a backup back found.
struct BackupCheck {
    QString path;
    int entries = 0; // archive entries (PostgreSQL) or tables (SQLite)
    // The version table's rows inside the backup: what a restore puts back.
    QStringList versionRows;
    bool versionRowsKnown = false; // false when the backup has no version table
};

// Checks a backup that already exists, the way BackupRunner checks a new
// one before it keeps it: a PostgreSQL archive is read to its last byte
// with pg_restore (into /dev/null), a SQLite copy gets an integrity check.
// It then reads the version table inside the backup, so that the revision a
// restore goes back to is known from the backup itself, not from its name.
// Needs no database connection and takes no lock; blocks the calling thread.
class BackupVerifier : public QObject
{
    Q_OBJECT
public:
    explicit BackupVerifier(QObject *parent = nullptr);

    // `settings` names the version table (and its schema).
    Result<BackupCheck> verify(const QString &file, const ProjectSettings &settings);

    // From any thread: stops the running tool.
    void cancel() { m_processes.cancel(); }

signals:
    void phase(const QString &text);
    void progress(const QString &line);

private:
    Result<BackupCheck> verifyPostgres(const QString &file, const ProjectSettings &settings);
    Result<BackupCheck> verifySqlite(const QString &file, const ProjectSettings &settings);

    ProcessRunner m_processes;
};

// The rows of a COPY block for `table` in pg_restore's SQL output (the
// first column of each), or nothing when the output has no such block.
std::optional<QStringList> copiedRows(const QByteArray &script, const QString &table);

} // namespace Retort
