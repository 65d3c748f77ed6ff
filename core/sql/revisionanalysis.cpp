#include "revisionanalysis.h"

#include "alembicopsanalysis.h"
#include "statementsplitter.h"
#include "util/textfile.h"

namespace Retort {

SqlAnalysis analyzeRevision(const Revision &revision, Direction direction, Dialect dialect)
{
    if (revision.format == RevisionFormat::Alembic) {
        Result<QString> source = readUtf8File(revision.filePath());
        return source ? analyzeAlembicOperations(*source, direction, dialect) : SqlAnalysis();
    }
    const std::optional<SqlSection> section = revision.section(direction, dialect);
    if (!section)
        return {};
    Result<QList<SqlStatement>> statements =
        StatementSplitter::split(section->sql(), dialect, section->markerLine + 1, revision.filePath());
    return statements ? analyzeSql(*statements, dialect) : SqlAnalysis();
}

} // namespace Retort
