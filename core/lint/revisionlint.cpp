#include "revisionlint.h"

#include "project/alembicrevisionparser.h"
#include "project/nativerevisionparser.h"
#include "sql/alembicopsanalysis.h"
#include "util/textfile.h"

namespace Retort {

namespace {

// The SQL of every op call as one script, each piece starting on its
// call's line where it can (padded with blank lines), so that one linter
// context sees the transaction, the timeouts set and the locks held across
// calls, and findings land on the calls' lines.
QList<LintFinding> lintAlembic(const Revision &revision, const QString &source, Linter &linter)
{
    const QList<AlembicOperationSql> operations = alembicOperationSql(source, Direction::Upgrade);
    if (operations.isEmpty())
        return {};
    QString script;
    int line = 1;
    QList<int> startLines; // where each operation's SQL starts in the script
    for (const AlembicOperationSql &operation : operations) {
        for (; line < operation.line; ++line)
            script += QLatin1Char('\n');
        startLines.append(line);
        script += operation.sql + QLatin1String(";\n");
        line += int(operation.sql.count(QLatin1Char('\n'))) + 1;
    }
    QList<LintFinding> findings = linter.lint({ script, 1, revision.filePath, revision.id, revision.transactional });
    for (LintFinding &finding : findings) {
        qsizetype index = 0;
        while (index + 1 < startLines.size() && startLines.at(index + 1) <= finding.line)
            ++index;
        const AlembicOperationSql &operation = operations.at(index);
        if (!operation.emitted)
            continue;
        // SQL Retort wrote for an op.* call: the finding is the call's, on
        // its line, and says what was read.
        finding.line = finding.endLine = operation.line;
        finding.column0 = finding.endColumn0 = 0;
        finding.statement = operation.sql;
        finding.message += QLatin1String(" (op.") + operation.call + QLatin1Char(')');
    }
    return findings;
}

} // namespace

QList<LintFinding> lintRevision(const Revision &revision, Linter &linter)
{
    if (revision.format == RevisionFormat::Alembic) {
        Result<QString> source = readUtf8File(revision.filePath);
        return source ? lintAlembic(revision, *source, linter) : QList<LintFinding>();
    }
    const SqlSection *section = revision.section(Direction::Upgrade, Dialect::PostgreSQL);
    if (!section)
        return {};
    return linter.lint(
        { section->sql(), section->markerLine + 1, revision.filePath, revision.id, revision.transactional });
}

QList<LintFinding> lintRevisions(const Project &project, const QList<int> &revisions, Linter &linter)
{
    QList<LintFinding> findings;
    for (int index : revisions)
        findings += lintRevision(project.graph.revision(index), linter);
    return findings;
}

Result<QList<LintFinding>> lintFile(const QString &path, Linter &linter)
{
    Result<QString> text = readUtf8File(path);
    if (!text)
        return text.error();
    if (path.endsWith(QLatin1String(".py"))) {
        Revision revision;
        revision.format = RevisionFormat::Alembic;
        revision.filePath = path;
        return lintAlembic(revision, *text, linter);
    }
    if (text->startsWith(QLatin1String("-- revision:"))) {
        Result<Revision> revision = NativeRevisionParser::parse(*text, path);
        if (!revision)
            return revision.error();
        return lintRevision(*revision, linter);
    }
    return linter.lint({ *text, 1, path, {}, false });
}

} // namespace Retort
