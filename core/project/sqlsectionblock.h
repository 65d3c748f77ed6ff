#pragma once

#include <QByteArrayView>
#include <QList>

#include <memory>
#include <optional>

namespace Retort {

struct SqlSection;

// A revision's SQL sections packed into one block of bytes: a count, then
// each section's direction, dialect, marker line and text. A project keeps
// every revision's sections, and as a QList of SqlSection they took a list
// allocation and an owner per section (about 110 bytes a revision before any
// SQL, 11 MB at 100,000 revisions). The block is also what the revision index
// stores, so a revision read from the index points into the mapped index and
// allocates nothing for its SQL.
class SqlSectionBlock
{
public:
    SqlSectionBlock() = default;
    explicit SqlSectionBlock(const QList<SqlSection> &sections);
    // A block where it lies, in memory that `owner` keeps alive; none when
    // `bytes` is not one whole, well-formed block.
    static std::optional<SqlSectionBlock> lyingIn(QByteArrayView bytes, std::shared_ptr<const void> owner);

    QByteArrayView bytes() const;
    // The sections, decoded: their texts point into the block.
    QList<SqlSection> sections() const;
    bool isEmpty() const { return !m_data; }

private:
    const char *m_data = nullptr; // starts with the block's size
    std::shared_ptr<const void> m_owner;
};

} // namespace Retort
