#include "archivereadback.h"

#include <QCoreApplication>

namespace Retort {

namespace {

Error inFile(Error error, const QString &file, const char *what)
{
    error.file = file;
    error.message = QCoreApplication::translate("Retort::ArchiveReadBack", what).arg(error.message);
    return error;
}

} // namespace

Result<ArchiveReadBack> readBackArchive(ProcessRunner &processes, const QString &pgRestore, const QString &file)
{
    Result<ProcessOutput> listed = processes.run(ProcessRequest { pgRestore, { QStringLiteral("--list"), file } });
    if (!listed)
        return inFile(
            listed.error(), file, QT_TRANSLATE_NOOP("Retort::ArchiveReadBack", "not a backup pg_restore can read: %1"));
    ArchiveReadBack readBack { listed->standardOutput, 0 };
    for (const QByteArray &line : readBack.tableOfContents.split('\n')) {
        if (!line.isEmpty() && !line.startsWith(';'))
            ++readBack.entries;
    }
    // --list reads only the table of contents; restoring to /dev/null reads
    // and decompresses every byte of data.
    if (Result<ProcessOutput> read =
            processes.run(ProcessRequest { pgRestore, { QStringLiteral("--file=/dev/null"), file } });
        !read)
        return inFile(read.error(), file, QT_TRANSLATE_NOOP("Retort::ArchiveReadBack", "the backup is damaged: %1"));
    return readBack;
}

} // namespace Retort
