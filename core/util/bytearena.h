#pragma once

#include <QByteArrayView>

#include <memory>
#include <utility>

namespace Retort {

// Copies of many small byte blocks that live and die together (a large
// project's SQL, parsed on its first open and then taken from the revision
// index instead) in a few large blocks, each freed with the last copy in it.
// Freed one by one, the copies left holes between the strings around them
// that the system never got back; a large block goes back whole. Not
// thread-safe: one arena per thread.
class ByteArena
{
public:
    ByteArena() = default;
    ByteArena(const ByteArena &) = delete;
    ByteArena &operator=(const ByteArena &) = delete;

    // A copy of `bytes`, and what keeps it alive (its block).
    std::pair<QByteArrayView, std::shared_ptr<const void>> copy(QByteArrayView bytes);

private:
    std::shared_ptr<char[]> m_block;
    qsizetype m_size = 0;
    qsizetype m_used = 0;
};

} // namespace Retort
