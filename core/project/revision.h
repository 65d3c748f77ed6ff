#pragma once

#include "sqlsectionblock.h"
#include "util/compactstrings.h"
#include "util/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Retort {

// One byte each: a large project keeps two sections a revision.
enum class Dialect : quint8 { PostgreSQL, SQLite };
enum class Direction : quint8 { Upgrade, Downgrade };

QString dialectName(Dialect dialect); // "postgresql", "sqlite"
// The dialect that dialectName() names; none for any other name.
std::optional<Dialect> dialectNamed(QStringView name);

// One "-- migrate:upgrade" or "-- migrate:downgrade" section of a native
// revision file. A section may be limited to one dialect
// ("-- migrate:upgrade postgresql"); an unlimited one serves every dialect
// that has no section of its own.
struct SqlSection {
    Direction direction = Direction::Upgrade;
    std::optional<Dialect> dialect; // none: every dialect
    int markerLine = 0; // 1-based line of the marker; the SQL starts on the next line

    // The section's text, without the marker line, in UTF-8: a project keeps
    // every revision's SQL, and UTF-8 takes half the room of QString's
    // UTF-16 for SQL.
    QByteArrayView utf8() const { return m_utf8; }
    QString sql() const { return QString::fromUtf8(m_utf8); }
    void setUtf8(QByteArray utf8);
    // Text that stays where it lies, in memory that `owner` keeps alive: a
    // revision decoded from the mapped revision index points into it, so
    // that a large project's SQL is read from the index's pages when it is
    // needed instead of being copied into the heap at load.
    void setUtf8(QByteArrayView lying, std::shared_ptr<const void> owner);

private:
    // A view and what keeps its memory alive (the section's own text, or
    // the index's mapping) rather than a QByteArray and an owner: 40 bytes
    // a section instead of 56.
    QByteArrayView m_utf8;
    std::shared_ptr<const void> m_owner;
};

enum class RevisionFormat : quint8 { Native, Alembic };

// A revision as read from its file: metadata and, for native files, its SQL.
// A cheap value type; the graph refers to revisions by index.
struct Revision {
    QString id;
    QStringList downRevisions; // empty for a base; several for a merge
    // The rarely set fields take a pointer each (see CompactValue).
    CompactStringList branchLabels;
    CompactStringList dependsOn;
    QString message;
    QDateTime createDate;
    bool transactional = true;
    RevisionFormat format = RevisionFormat::Native;
    int line = 1; // line of the revision id, for messages about the revision
    // The file as its folder (with the trailing '/') and its name, kept
    // apart so that the revisions of a folder share one copy of the
    // folder's path: at 100,000 revisions the whole paths were 18 MB.
    CompactString fileFolder;
    QString fileName;

    // The native file's sections, decoded from the revision's block (see
    // SqlSectionBlock): their texts point into it, nothing is copied.
    QList<SqlSection> sections() const { return m_sections.sections(); }
    void setSections(const QList<SqlSection> &sections) { m_sections = SqlSectionBlock(sections); }
    const SqlSectionBlock &sectionBlock() const { return m_sections; }
    void setSectionBlock(SqlSectionBlock block) { m_sections = std::move(block); }

    QString filePath() const { return fileFolder.value() + fileName; }
    void setFilePath(const QString &path);

    // Alembic: the whole docstring; native: the message. Kept only where
    // it is not the message.
    QString longMessage() const { return m_longMessage.isEmpty() ? message : m_longMessage.value(); }
    void setLongMessage(const QString &text)
    {
        m_longMessage = text == message ? CompactString() : CompactString(text);
    }

    bool isBase() const { return downRevisions.isEmpty(); }
    bool isMerge() const { return downRevisions.size() > 1; }

    // The section that runs for this direction and dialect, or none when
    // the file has none (a revision without a downgrade cannot be reverted).
    std::optional<SqlSection> section(Direction direction, Dialect dialect) const;
    // The same choice among sections already decoded: a pointer into
    // `sections`, or nullptr.
    static const SqlSection *sectionIn(const QList<SqlSection> &sections, Direction direction, Dialect dialect);

private:
    CompactString m_longMessage; // empty: the message
    SqlSectionBlock m_sections;
};

// An error about `revision`, naming its file, the line of its id and the id.
Error errorAbout(const Revision &revision, const QString &message);

} // namespace Retort
