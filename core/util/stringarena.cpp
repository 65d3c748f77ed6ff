#include "stringarena.h"

#include <cstring>

namespace Retort {

namespace {

// Small enough that a block left part-filled wastes little, large enough
// that its header and heap overhead are spread over many strings.
constexpr qsizetype kBlockUnits = 2048;

} // namespace

QString StringArena::make(QStringView text)
{
    if (text.isEmpty())
        return QString();
    const qsizetype needed = text.size() + 1; // with its '\0'
    // A long text would leave too much of a block unused: it gets its own.
    if (needed > kBlockUnits / 8)
        return text.toString();
    if (!m_block.d_ptr() || m_block.constAllocatedCapacity() - m_used < needed) {
        m_block = QString::DataPointer(kBlockUnits);
        m_used = 0;
    }
    char16_t *const at = m_block.data() + m_used;
    std::memcpy(at, text.utf16(), size_t(text.size()) * sizeof(char16_t));
    at[text.size()] = u'\0';
    m_used += needed;
    m_block.d_ptr()->ref(); // the new string's reference
    return QString(QString::DataPointer(m_block.d_ptr(), at, text.size()));
}

} // namespace Retort
