#pragma once

#include "result.h"

#include <QString>

namespace Retort {

// Revision files larger than this are refused rather than parsed: a revision
// holds schema changes, and a file this large is almost always bulk data that
// belongs in a separate load step (or a file that is not a migration at all).
inline constexpr qint64 kMaxRevisionFileBytes = 8 * 1024 * 1024;

// Reads a file's bytes, refusing files larger than `maxBytes` with an error
// naming the file and its size.
Result<QByteArray> readFileBytes(const QString &path, qint64 maxBytes = kMaxRevisionFileBytes);

// Reads a text file as UTF-8 (a leading byte-order mark is dropped). A file
// that is not valid UTF-8 is an error naming the first bad line.
Result<QString> readUtf8File(const QString &path, qint64 maxBytes = kMaxRevisionFileBytes);

// Decodes bytes read from `path` (used only in messages).
Result<QString> decodeUtf8(const QByteArray &bytes, const QString &path);

} // namespace Retort
