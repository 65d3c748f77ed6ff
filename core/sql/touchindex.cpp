#include "touchindex.h"

#include "revisionanalysis.h"

namespace Retort {

QList<QStringList> tablesTouched(const RevisionGraph &graph)
{
    QList<QStringList> result;
    result.reserve(graph.size());
    for (const Revision &revision : graph.revisions()) {
        // The PostgreSQL section where a file has one per dialect; SQLite's
        // when that is all it has.
        SqlAnalysis analysis = analyzeRevision(revision, Direction::Upgrade, Dialect::PostgreSQL);
        if (analysis.touches.isEmpty())
            analysis = analyzeRevision(revision, Direction::Upgrade, Dialect::SQLite);
        QStringList entries;
        for (const SqlTouch &touch : analysis.touches) {
            const QString table = unqualifiedTableName(touch.table).toLower();
            if (table.isEmpty())
                continue;
            entries.append(table);
            if (!touch.column.isEmpty())
                entries.append(table + QLatin1Char('.') + touch.column.toLower());
        }
        entries.removeDuplicates();
        result.append(entries);
    }
    return result;
}

bool touchesMatch(const QStringList &entries, const QString &term)
{
    const QString wanted = term.toLower();
    if (wanted.isEmpty())
        return true;
    const bool column = wanted.contains(QLatin1Char('.'));
    for (const QString &entry : entries) {
        if (entry == wanted)
            return true;
        // "email" finds the column users.email.
        if (!column && entry.endsWith(QLatin1Char('.') + wanted))
            return true;
    }
    return false;
}

} // namespace Retort
