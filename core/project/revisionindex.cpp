#include "revisionindex.h"

#include "util/cachefolder.h"
#include "util/stringarena.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimeZone>

#include <cstring>
#include <functional>

#ifdef Q_OS_UNIX
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::RevisionIndex", text);
}

// Raised whenever what the native parser makes of a file changes (a new
// field of Revision, a different reading of a header), so that an index
// written before is not taken for what the parser would say now.
// 2: a section's dialect as a number; 3: the sections as one SqlSectionBlock,
// the checksum in pieces.
constexpr quint32 kFormatVersion = 3;
constexpr quint32 kMagic = 0x52584958; // "RXIX"; read back in another byte order, it does not match

// A file changed this close to the listing may change again within the
// same timestamp without its stamp showing it.
constexpr qint64 kRacyMs = 2000;

// Index files nobody has opened for this long belong to projects that are
// gone or moved; they are removed when another index is written.
constexpr int kUnusedDays = 60;

// The index is raw native-order fields rather than a QDataStream: it is a
// private cache of this machine, and a QDataStream reads each field through
// QIODevice, which made reading 100,000 revisions (a million fields) cost
// more than the directory listing it saves.
class Writer
{
public:
    QByteArray data;

    template<typename T>
    void number(T value)
    {
        data.append(reinterpret_cast<const char *>(&value), sizeof value);
    }
    void string(const QString &text)
    {
        number(quint32(text.size()));
        data.append(reinterpret_cast<const char *>(text.constData()), text.size() * qsizetype(sizeof(QChar)));
    }
    void bytes(QByteArrayView bytes)
    {
        number(quint32(bytes.size()));
        data.append(bytes);
        // Every field is a whole number of UTF-16 units long, so that file
        // names can be compared where they lie in the mapped file.
        if (bytes.size() % 2)
            data.append('\0');
    }
    void strings(const QStringList &list)
    {
        number(quint32(list.size()));
        for (const QString &text : list)
            string(text);
    }
};

class Reader
{
public:
    explicit Reader(QByteArrayView data)
        : m_at(data.data())
        , m_end(data.data() + data.size())
    { }

    bool ok() const { return m_ok; }

    template<typename T>
    T number()
    {
        T value {};
        if (take(sizeof value))
            std::memcpy(&value, m_at - sizeof value, sizeof value);
        return value;
    }
    QString string()
    {
        const QStringView view = stringView();
        return view.isEmpty() ? QString() : view.toString();
    }
    // Bytes where they lie, without a copy.
    QByteArrayView bytesView()
    {
        const quint32 size = number<quint32>();
        const qsizetype padded = qsizetype(size) + size % 2;
        if (size == 0 || !take(padded))
            return {};
        return QByteArrayView(m_at - padded, size);
    }
    // A string where it lies, without a copy.
    QStringView stringView()
    {
        const quint32 size = number<quint32>();
        if (!take(qsizetype(size) * qsizetype(sizeof(QChar))))
            return {};
        return QStringView(reinterpret_cast<const QChar *>(m_at - qsizetype(size) * qsizetype(sizeof(QChar))), size);
    }
    qsizetype position(const char *base) const { return m_at - base; }
    QStringList strings()
    {
        const quint32 count = number<quint32>();
        QStringList list;
        if (count > quint32(m_end - m_at) / sizeof(quint32)) {
            m_ok = false;
            return list;
        }
        list.reserve(count);
        for (quint32 i = 0; i < count; ++i)
            list.append(string());
        return list;
    }

private:
    bool take(qsizetype size)
    {
        if (!m_ok || size > m_end - m_at) {
            m_ok = false;
            return false;
        }
        m_at += size;
        return true;
    }

    const char *m_at;
    const char *m_end;
    bool m_ok = true;
};

// The native parser makes three kinds of date (see parseRevisionDate): in
// UTC, at a fixed offset, or, without a zone in the file, in the system's.
enum class DateKind : quint32 { Invalid, SystemZone, Utc, Offset };

void writeDate(Writer &out, const QDateTime &date)
{
    DateKind kind = DateKind::SystemZone;
    if (!date.isValid())
        kind = DateKind::Invalid;
    else if (date.timeSpec() == Qt::UTC)
        kind = DateKind::Utc;
    else if (date.timeSpec() == Qt::OffsetFromUTC)
        kind = DateKind::Offset;
    out.number(kind);
    out.number(qint64(date.date().toJulianDay()));
    out.number(qint32(date.time().msecsSinceStartOfDay()));
    out.number(qint32(date.offsetFromUtc()));
}

QDateTime readDate(Reader &in)
{
    const auto kind = in.number<DateKind>();
    const QDate day = QDate::fromJulianDay(in.number<qint64>());
    const QTime time = QTime::fromMSecsSinceStartOfDay(in.number<qint32>());
    const auto offset = in.number<qint32>();
    switch (kind) {
    case DateKind::Invalid:
        return {};
    case DateKind::SystemZone: {
        static const QTimeZone system = QTimeZone::systemTimeZone();
        return QDateTime(day, time, system);
    }
    case DateKind::Utc:
        return QDateTime(day, time, QTimeZone::UTC);
    case DateKind::Offset:
        return QDateTime(day, time, QTimeZone::fromSecondsAheadOfUtc(offset));
    }
    return {};
}

void writeRevision(Writer &out, const Revision &revision)
{
    out.string(revision.id);
    out.strings(revision.downRevisions);
    out.strings(revision.branchLabels);
    out.strings(revision.dependsOn);
    out.string(revision.message);
    // longMessage is message for every native revision: stored once.
    const QString longMessage = revision.longMessage();
    const bool longIsMessage = longMessage == revision.message;
    out.number(quint32(longIsMessage));
    if (!longIsMessage)
        out.string(longMessage);
    writeDate(out, revision.createDate);
    out.number(quint32(revision.transactional));
    out.number(qint32(revision.format));
    out.number(qint32(revision.line));
    out.bytes(revision.sectionBlock().bytes());
}

// The revision's SQL stays in the index (see SqlSectionBlock::lyingIn()), which
// `owner` keeps mapped.
bool readRevision(Reader &in, Revision &revision, const std::shared_ptr<const void> &owner, StringArena &strings)
{
    revision.id = strings.make(in.stringView());
    revision.downRevisions = in.strings();
    revision.branchLabels = in.strings();
    revision.dependsOn = in.strings();
    revision.message = strings.make(in.stringView());
    if (in.number<quint32>() == 0)
        revision.setLongMessage(in.string());
    revision.createDate = readDate(in);
    revision.transactional = in.number<quint32>() != 0;
    revision.format = RevisionFormat(in.number<qint32>());
    revision.line = in.number<qint32>();
    std::optional<SqlSectionBlock> sections = SqlSectionBlock::lyingIn(in.bytesView(), owner);
    if (!sections || !in.ok())
        return false;
    revision.setSectionBlock(std::move(*sections));
    return true;
}

// The section block of the revision that `in` is at, where it lies in the
// file; the fields before it are skipped in the order writeRevision()
// writes them.
QByteArrayView sectionBytesOf(Reader &in)
{
    in.stringView(); // id
    for (int list = 0; list < 3; ++list) { // downRevisions, branchLabels, dependsOn
        for (quint32 count = in.number<quint32>(); count > 0 && in.ok(); --count)
            in.stringView();
    }
    in.stringView(); // message
    if (in.number<quint32>() == 0)
        in.stringView(); // longMessage
    readDate(in);
    in.number<quint32>(); // transactional
    in.number<qint32>(); // format
    in.number<qint32>(); // line
    const QByteArrayView bytes = in.bytesView();
    return in.ok() ? bytes : QByteArrayView();
}

// The checksum is qHashBits (with a seed of 0, the same in every process)
// of each 1 MiB piece, combined in order as boost::hash_combine does: in
// pieces so that open() can give each piece's pages back once it is hashed
// (hashing a 100,000-revision index whole made all of its 55 MB resident at
// once).
constexpr qsizetype kChecksumPiece = qsizetype(1) << 20;

quint64 checksumOf(QByteArrayView part, quint64 seed, const std::function<void(QByteArrayView)> &hashed = {})
{
    for (qsizetype at = 0; at < part.size(); at += kChecksumPiece) {
        const QByteArrayView piece = part.sliced(at, std::min(kChecksumPiece, part.size() - at));
        const quint64 value = qHashBits(piece.data(), size_t(piece.size()), 0);
        seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
        if (hashed)
            hashed(piece);
    }
    return seed;
}

void removeUnusedIndexes(const QString &folder, const QString &keep)
{
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addDays(-kUnusedDays);
    QDirIterator it(folder, { QStringLiteral("*.index") }, QDir::Files);
    while (it.hasNext()) {
        const QFileInfo info = it.nextFileInfo();
        if (info.absoluteFilePath() != keep && info.lastRead() < cutoff && info.lastModified() < cutoff)
            QFile::remove(info.absoluteFilePath());
    }
}

} // namespace

FileStamp FileStamp::of(const QString &path)
{
#ifdef Q_OS_UNIX
    // stat() itself: the files were listed by name only (see
    // listRevisionFiles), and a QFileInfo would cost its construction and
    // a QDateTime per time.
    struct stat status { };
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return {};
    const auto milliseconds = [](const timespec &time) { return qint64(time.tv_sec) * 1000 + time.tv_nsec / 1000000; };
    return { qint64(status.st_size), milliseconds(status.st_mtim), milliseconds(status.st_ctim) };
#else
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    // In UTC: a time in the local zone costs a time zone lookup per file.
    return { info.size(), info.lastModified(QTimeZone::UTC).toMSecsSinceEpoch(),
        info.fileTime(QFileDevice::FileMetadataChangeTime, QTimeZone::UTC).toMSecsSinceEpoch() };
#endif
}

QString RevisionIndex::indexFileFor(const QString &versionsFolder, const QString &cacheFolder)
{
    const QString folder = cacheFolder.isEmpty() ? sharedCacheFolder(QStringLiteral("revision-index")) : cacheFolder;
    const QByteArray key = QCryptographicHash::hash(
        QDir::cleanPath(QFileInfo(versionsFolder).absoluteFilePath()).toUtf8(), QCryptographicHash::Sha256);
    return QDir(folder).filePath(QString::fromLatin1(key.toHex().left(32)) + QStringLiteral(".index"));
}

RevisionIndex RevisionIndex::open(const QString &indexFile)
{
    auto file = std::make_shared<QFile>(indexFile);
    if (!file->open(QIODevice::ReadOnly))
        return {};
    const qsizetype size = file->size();
    const uchar *data = size > 0 ? file->map(0, size) : nullptr;
    if (!data)
        return {};
    const char *const base = reinterpret_cast<const char *>(data);
    Reader header(QByteArrayView(base, size));
    const auto magic = header.number<quint32>();
    const auto version = header.number<quint32>();
    const auto checksum = header.number<quint64>();
    if (!header.ok() || magic != kMagic || version != kFormatVersion)
        return {};
    const QByteArrayView payload(base + header.position(base), size - header.position(base));

    Reader in(payload);
    const auto count = in.number<quint32>();
    RevisionIndex index;
    index.m_entries.reserve(qsizetype(std::min<quint64>(count, quint64(payload.size()) / 32)));
    for (quint32 i = 0; i < count && in.ok(); ++i) {
        Entry entry;
        entry.fileName = in.stringView();
        entry.stamp.size = in.number<qint64>();
        entry.stamp.modifiedMs = in.number<qint64>();
        entry.stamp.changedMs = in.number<qint64>();
        entry.offset = qsizetype(in.number<quint64>());
        index.m_entries.append(entry);
    }
    if (!in.ok())
        return {};
    index.m_data = data;
    index.m_size = size;
    // The checksum is of the table, then of the revisions (see write()).
    // The revisions are read again, chunk by chunk, as they are decoded (see
    // release()): each piece's pages are given back once hashed.
    const qsizetype tableSize = in.position(payload.data());
    const quint64 ofTable = checksumOf(payload.first(tableSize), 0);
    const auto release = [&index, base](QByteArrayView piece) {
        index.releasePages(piece.data() - base, piece.data() - base + piece.size());
    };
    if (checksumOf(payload.sliced(tableSize), ofTable, release) != checksum)
        return {};
    // Offsets count from the end of the table, where the revisions start.
    const qsizetype revisionsStart = payload.data() - base + tableSize;
    for (Entry &entry : index.m_entries) {
        entry.offset += revisionsStart;
        if (entry.offset >= size)
            return {};
    }
    index.m_file = std::move(file);
    return index;
}

void RevisionIndex::release(qsizetype firstEntry, qsizetype lastEntry) const
{
    if (firstEntry < 0 || lastEntry < firstEntry || lastEntry >= m_entries.size())
        return;
    const qsizetype end = lastEntry + 1 < m_entries.size() ? m_entries.at(lastEntry + 1).offset : m_size;
    releasePages(m_entries.at(firstEntry).offset, end);
}

void RevisionIndex::releaseMatched(const QList<qsizetype> &entries, qsizetype first, qsizetype end) const
{
    qsizetype lowest = -1, highest = -1;
    for (qsizetype i = first; i < end; ++i) {
        if (const qsizetype entry = entries.at(i); entry >= 0) {
            lowest = lowest < 0 ? entry : std::min(lowest, entry);
            highest = std::max(highest, entry);
        }
    }
    release(lowest, highest);
}

void RevisionIndex::releasePages(qsizetype from, qsizetype to) const
{
#ifdef Q_OS_UNIX
    // Only whole pages inside the range: the pages at its ends may hold
    // entries still to be read (they would be read in again, but need not).
    static const qsizetype pageSize = qsizetype(::sysconf(_SC_PAGESIZE));
    const quintptr start = (quintptr(m_data + from) + pageSize - 1) / pageSize * pageSize;
    const quintptr end = quintptr(m_data + to) / pageSize * pageSize;
    if (end > start)
        (void)::madvise(reinterpret_cast<void *>(start), end - start, MADV_DONTNEED);
#else
    Q_UNUSED(from);
    Q_UNUSED(to);
#endif
}

QList<qsizetype> RevisionIndex::match(const QStringList &fileNames) const
{
    // Both lists are sorted by name: one walk through them both.
    QList<qsizetype> entries(fileNames.size(), -1);
    qsizetype entry = 0;
    for (qsizetype i = 0; i < fileNames.size() && entry < m_entries.size(); ++i) {
        while (entry < m_entries.size() && m_entries.at(entry).fileName < fileNames.at(i))
            ++entry;
        if (entry < m_entries.size() && m_entries.at(entry).fileName == fileNames.at(i))
            entries[i] = entry++;
    }
    // The table (the names just compared) lies before the first revision
    // and is not read again: at 100,000 revisions it is 10 MB that need not
    // stay resident while the revisions are decoded.
    releasePages(0, m_entries.isEmpty() ? m_size : m_entries.first().offset);
    return entries;
}

bool RevisionIndex::read(qsizetype entry, Revision &revision, StringArena &strings) const
{
    const qsizetype offset = m_entries.at(entry).offset;
    Reader in(QByteArrayView(reinterpret_cast<const char *>(m_data) + offset, m_size - offset));
    return readRevision(in, revision, m_file, strings);
}

bool RevisionIndex::shareSections(qsizetype entry, Revision &revision) const
{
    const qsizetype offset = m_entries.at(entry).offset;
    Reader in(QByteArrayView(reinterpret_cast<const char *>(m_data) + offset, m_size - offset));
    const QByteArrayView bytes = sectionBytesOf(in);
    if (bytes.isEmpty() || bytes != revision.sectionBlock().bytes())
        return false;
    std::optional<SqlSectionBlock> sections = SqlSectionBlock::lyingIn(bytes, m_file);
    if (!sections)
        return false;
    revision.setSectionBlock(std::move(*sections));
    return true;
}

Result<void> RevisionIndex::write(const QString &indexFile, const QStringList &fileNames,
    const QList<FileStamp> &stamps, const QList<Revision> &revisions, qint64 listedAtMs)
{
    const auto indexed = [&](qsizetype i) {
        const FileStamp &stamp = stamps.at(i);
        // A file whose stat() failed has no stamp to compare with later.
        return stamp.size >= 0 && stamp.modifiedMs <= listedAtMs - kRacyMs && stamp.changedMs <= listedAtMs - kRacyMs;
    };
    // First the size of each revision's entry, for the table to say where
    // it lies; then the table and the revisions are encoded again and
    // streamed to the file piece by piece. Kept whole, they were 65 MB more
    // at the peak of a 100,000-revision project's first open.
    QList<quint32> sizes(revisions.size(), 0);
    quint32 count = 0;
    Writer scratch;
    for (qsizetype i = 0; i < revisions.size(); ++i) {
        if (!indexed(i))
            continue;
        scratch.data.clear();
        writeRevision(scratch, revisions.at(i));
        sizes[i] = quint32(scratch.data.size());
        ++count;
    }

    const QString folder = QFileInfo(indexFile).absolutePath();
    if (!QDir().mkpath(folder))
        return Error::at(folder, 0, tr("cannot create the revision index folder"));
    // Unless committed, QSaveFile leaves the index as it was.
    QSaveFile file(indexFile);
    Writer header;
    header.number(kMagic);
    header.number(kFormatVersion);
    header.number(quint64(0)); // the checksum, written once known
    bool written = file.open(QIODevice::WriteOnly) && file.write(header.data) == header.data.size();
    // Writes `pending` in whole checksum pieces (all of it at the end of a
    // part: the table, then the revisions), hashed as open() hashes them.
    quint64 checksum = 0;
    Writer pending;
    const auto flush = [&](bool endOfPart) {
        qsizetype at = 0;
        while (written && at < pending.data.size() && (endOfPart || pending.data.size() - at >= kChecksumPiece)) {
            const QByteArrayView piece =
                QByteArrayView(pending.data).sliced(at, std::min(kChecksumPiece, pending.data.size() - at));
            checksum = checksumOf(piece, checksum);
            written = file.write(piece.data(), piece.size()) == piece.size();
            at += piece.size();
        }
        pending.data.remove(0, at);
    };
    pending.number(count);
    quint64 offset = 0;
    for (qsizetype i = 0; i < revisions.size() && written; ++i) {
        if (!indexed(i))
            continue;
        const FileStamp &stamp = stamps.at(i);
        pending.string(fileNames.at(i));
        pending.number(stamp.size);
        pending.number(stamp.modifiedMs);
        pending.number(stamp.changedMs);
        pending.number(offset);
        offset += sizes.at(i);
        flush(false);
    }
    flush(true);
    for (qsizetype i = 0; i < revisions.size() && written; ++i) {
        if (!indexed(i))
            continue;
        writeRevision(pending, revisions.at(i));
        flush(false);
    }
    flush(true);
    header.data.chop(sizeof checksum);
    header.number(checksum);
    if (!written || !file.seek(0) || file.write(header.data) != header.data.size() || !file.commit())
        return Error::at(indexFile, 0, tr("cannot write the revision index: %1").arg(file.errorString()));
    removeUnusedIndexes(folder, QFileInfo(indexFile).absoluteFilePath());
    return {};
}

} // namespace Retort
