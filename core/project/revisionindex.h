#pragma once

#include "revision.h"
#include "util/result.h"

#include <QFile>
#include <QList>
#include <QString>

#include <memory>

namespace Retort {

class StringArena;

// What a file's metadata says about its content, as git's index keeps it:
// a write changes the size or the modification time, and always the
// status-change time (which no tool can set back), so a file whose stamp
// is unchanged still holds what was parsed.
struct FileStamp {
    qint64 size = -1;
    qint64 modifiedMs = 0;
    qint64 changedMs = 0;

    // The stamp of the file at `path`; size -1 when it cannot be read.
    static FileStamp of(const QString &path);
    bool operator==(const FileStamp &) const = default;
};

// The parsed revisions of a native versions folder, kept in one file in the
// user's cache folder so that a large project opens without reading and
// parsing every revision file: a revision is taken from the index only when
// its file's stamp is the one recorded, and parsed from the file otherwise.
// The index is only ever a copy: deleting it costs one slow open. Anything
// unexpected in it (another version of Retort wrote it, a partial or corrupt
// file) makes it empty, never an error.
//
// The file is mapped, not read: its entries are decoded straight into the
// project's revisions, on every core, and the mapping goes with the index.
// Decoded parts are given back to the system as the load goes (release()).
class RevisionIndex
{
public:
    // The index file of a versions folder, in `cacheFolder` (empty: the
    // platform's cache folder, shared by retort-cli and the window).
    static QString indexFileFor(const QString &versionsFolder, const QString &cacheFolder = {});

    // An empty index when the file is missing or not one this build wrote.
    static RevisionIndex open(const QString &indexFile);

    // For each of `fileNames` (in the order the folder was listed, sorted),
    // its entry in the index, or -1 when the index has none. Gives the
    // table's pages back once read (see release()).
    QList<qsizetype> match(const QStringList &fileNames) const;

    qsizetype size() const { return m_entries.size(); }
    const FileStamp &stamp(qsizetype entry) const { return m_entries.at(entry).stamp; }
    // Decodes entry `entry`, its id and message made in `strings` (see
    // StringArena); safe to call from several threads at once, each with
    // its own `strings`. The file (fileFolder, fileName) is the caller's to
    // set.
    bool read(qsizetype entry, Revision &revision, StringArena &strings) const;
    // Points `revision`'s SQL (parsed from the file of entry `entry`) into
    // the mapped index instead of its own block, when the index holds the
    // same bytes: true if it does. After a first open wrote the index, the
    // parsed SQL need not stay on the heap (a third of a 100,000-revision
    // project's memory).
    bool shareSections(qsizetype entry, Revision &revision) const;
    // Gives the pages of entries firstEntry..lastEntry back to the system
    // once they are decoded: the mapping stays valid (a later read() reads
    // them in again), but a 100,000-revision index is not resident while
    // the revisions decoded from it fill the memory.
    void release(qsizetype firstEntry, qsizetype lastEntry) const;
    // The same for the entries that file names first..end - 1 were matched
    // with (`entries`, match()'s answer): names and entries are both sorted,
    // so they are a range of the index.
    void releaseMatched(const QList<qsizetype> &entries, qsizetype first, qsizetype end) const;
    // Gives every page of the file back, the table's too.
    void releaseAll() const { releasePages(0, m_size); }

    // Writes the index of `revisions`, parsed from `fileNames` (sorted) at
    // `stamps`. A file changed within the last seconds before `listedAtMs`
    // (when the folder was listed) is left out: a write in the same instant
    // as the recorded one would leave its stamp as it was (git's "racily
    // clean" entries).
    static Result<void> write(const QString &indexFile, const QStringList &fileNames, const QList<FileStamp> &stamps,
        const QList<Revision> &revisions, qint64 listedAtMs);

private:
    void releasePages(qsizetype from, qsizetype to) const;

    struct Entry {
        QStringView fileName; // in the mapped file
        FileStamp stamp;
        qsizetype offset = 0; // of the revision, in the mapped file
    };
    std::shared_ptr<QFile> m_file; // keeps the mapping
    const uchar *m_data = nullptr;
    qsizetype m_size = 0;
    QList<Entry> m_entries; // sorted by file name
};

} // namespace Retort
