#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Retort {

// Schema snapshots on disk (~/.cache/retort/shadow), one file per
// state of a replay. A state's key is a hash chained along the path of
// steps that leads to it from an empty database (ReplayKey), so it names
// the revisions, the checksums of their files, the dialect and the shadow
// server's major version: changing a file changes the key of every state
// after it, which is how an edit invalidates what depends on it. Files are
// written atomically (QSaveFile): a crash or a full disk leaves the old
// file or none, never half of one.
class SnapshotCache
{
public:
    // `folder` empty: QStandardPaths::GenericCacheLocation/retort/shadow.
    explicit SnapshotCache(QString folder = {});

    std::optional<QString> find(const QByteArray &key) const;
    Result<void> store(const QByteArray &key, const QString &schema) const;
    QString folder() const { return m_folder; }

private:
    QString pathOf(const QByteArray &key) const;

    QString m_folder;
};

// Builds the keys of the states along a replay: start() for an empty
// database, then next() for each step.
class ReplayKey
{
public:
    // `format`: schemaSnapshotFormat(); `serverMajor`: 0 for SQLite.
    static QByteArray start(const QString &dialect, int serverMajor, const QString &format);
    static QByteArray next(
        const QByteArray &previous, const QString &direction, const QString &revision, const QString &checksum);
};

} // namespace Retort
