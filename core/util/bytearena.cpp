#include "bytearena.h"

#include <algorithm>
#include <cstring>

namespace Retort {

namespace {

// At least the size from which glibc's malloc maps a block of its own
// (128 KiB), so that a freed block is unmapped rather than left in the heap.
constexpr qsizetype kBlockBytes = 256 * 1024;

} // namespace

std::pair<QByteArrayView, std::shared_ptr<const void>> ByteArena::copy(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return {};
    if (!m_block || m_size - m_used < bytes.size()) {
        m_size = std::max(kBlockBytes, bytes.size());
        m_block = std::make_shared_for_overwrite<char[]>(size_t(m_size));
        m_used = 0;
    }
    char *const at = m_block.get() + m_used;
    std::memcpy(at, bytes.data(), size_t(bytes.size()));
    m_used += bytes.size();
    return { QByteArrayView(at, bytes.size()), m_block };
}

} // namespace Retort
