#pragma once

#include "process/processrunner.h"
#include "util/result.h"

#include <QByteArray>

namespace Retort {

// A pg_dump archive (custom format) read back to its last byte: its table of
// contents (pg_restore --list), then all of its data (a restore into
// /dev/null, which reads and decompresses every byte). The one read-back of
// a backup: BackupRunner does it before it keeps a new backup and before it
// restores one, BackupVerifier for a backup that already exists.
struct ArchiveReadBack {
    QByteArray tableOfContents; // pg_restore --list's output
    int entries = 0; // the entries of the table of contents
};

// Errors name `file`: "not a backup pg_restore can read: ..." when there is
// no table of contents to read, "the backup is damaged: ..." when the data
// behind it cannot be read. Blocks until pg_restore is done; cancelled with
// `processes`.
Result<ArchiveReadBack> readBackArchive(ProcessRunner &processes, const QString &pgRestore, const QString &file);

} // namespace Retort
