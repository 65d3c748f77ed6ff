#include "sqlsectionblock.h"

#include "revision.h"

#include <cstring>

namespace Retort {

namespace {

// The block's layout, in this machine's byte order (it is a private cache,
// like the rest of the revision index):
//   quint32 size of the whole block, quint32 section count, then per section
//   quint8 direction, quint8 dialect (0: every dialect), quint16 zero,
//   qint32 marker line, quint32 text size, the UTF-8 text.
struct SectionHeader {
    quint8 direction;
    quint8 dialect;
    quint16 zero;
    qint32 markerLine;
    quint32 textSize;
};
static_assert(sizeof(SectionHeader) == 12);
constexpr qsizetype kBlockHeaderSize = 2 * sizeof(quint32);

template<typename T>
T readAt(const char *at)
{
    T value;
    std::memcpy(&value, at, sizeof value);
    return value;
}

} // namespace

SqlSectionBlock::SqlSectionBlock(const QList<SqlSection> &sections)
{
    if (sections.isEmpty())
        return;
    qsizetype size = kBlockHeaderSize;
    for (const SqlSection &section : sections)
        size += qsizetype(sizeof(SectionHeader)) + section.utf8().size();
    // One allocation for the block and its owner's count.
    std::shared_ptr<char[]> block = std::make_shared_for_overwrite<char[]>(size_t(size));
    char *at = block.get();
    const auto put = [&at](const void *data, size_t length) {
        std::memcpy(at, data, length);
        at += length;
    };
    const auto blockSize = quint32(size);
    const auto count = quint32(sections.size());
    put(&blockSize, sizeof blockSize);
    put(&count, sizeof count);
    for (const SqlSection &section : sections) {
        const SectionHeader header { quint8(section.direction), quint8(section.dialect ? int(*section.dialect) + 1 : 0),
            0, qint32(section.markerLine), quint32(section.utf8().size()) };
        put(&header, sizeof header);
        put(section.utf8().data(), size_t(section.utf8().size()));
    }
    m_data = block.get();
    m_owner = std::move(block);
}

std::optional<SqlSectionBlock> SqlSectionBlock::lyingIn(QByteArrayView bytes, std::shared_ptr<const void> owner)
{
    SqlSectionBlock block;
    if (bytes.isEmpty())
        return block;
    if (bytes.size() < kBlockHeaderSize || readAt<quint32>(bytes.data()) != quint64(bytes.size()))
        return std::nullopt;
    // Every section must lie whole inside the block, and the last one end it.
    const quint32 count = readAt<quint32>(bytes.data() + sizeof(quint32));
    qsizetype at = kBlockHeaderSize;
    for (quint32 i = 0; i < count; ++i) {
        if (bytes.size() - at < qsizetype(sizeof(SectionHeader)))
            return std::nullopt;
        const auto header = readAt<SectionHeader>(bytes.data() + at);
        at += qsizetype(sizeof header);
        if (header.direction > quint8(Direction::Downgrade) || header.dialect > quint8(Dialect::SQLite) + 1 ||
            header.textSize > quint64(bytes.size() - at))
            return std::nullopt;
        at += qsizetype(header.textSize);
    }
    if (at != bytes.size() || count == 0)
        return std::nullopt;
    block.m_data = bytes.data();
    block.m_owner = std::move(owner);
    return block;
}

QByteArrayView SqlSectionBlock::bytes() const
{
    return m_data ? QByteArrayView(m_data, readAt<quint32>(m_data)) : QByteArrayView();
}

QList<SqlSection> SqlSectionBlock::sections() const
{
    QList<SqlSection> sections;
    if (!m_data)
        return sections;
    const quint32 count = readAt<quint32>(m_data + sizeof(quint32));
    sections.reserve(count);
    const char *at = m_data + kBlockHeaderSize;
    for (quint32 i = 0; i < count; ++i) {
        const auto header = readAt<SectionHeader>(at);
        at += sizeof header;
        SqlSection section;
        section.direction = Direction(header.direction);
        if (header.dialect > 0)
            section.dialect = Dialect(header.dialect - 1);
        section.markerLine = header.markerLine;
        section.setUtf8(QByteArrayView(at, header.textSize), m_owner);
        at += header.textSize;
        sections.append(section);
    }
    return sections;
}

} // namespace Retort
