#include "revisionlint.h"

#include "project/alembicrevisionparser.h"
#include "project/nativerevisionparser.h"
#include "sql/alembicopsanalysis.h"
#include "util/textfile.h"

#include <optional>

namespace Retort {

namespace {

// What one revision or file lints, and for an Alembic revision how its
// findings map back onto the op.* calls.
struct LintUnit {
    std::optional<LintInput> input; // none: nothing to lint
    QList<AlembicOperationSql> operations;
    QList<int> startLines; // where each operation's SQL starts in the input
};

// The SQL of every op call as one script, each piece starting on its
// call's line where it can (padded with blank lines), so that one linter
// context sees the transaction, the timeouts set and the locks held across
// calls, and findings land on the calls' lines.
LintUnit alembicUnit(const Revision &revision, const QString &source)
{
    LintUnit unit;
    unit.operations = alembicOperationSql(source, Direction::Upgrade);
    if (unit.operations.isEmpty())
        return unit;
    QString script;
    int line = 1;
    for (const AlembicOperationSql &operation : std::as_const(unit.operations)) {
        for (; line < operation.line; ++line)
            script += QLatin1Char('\n');
        unit.startLines.append(line);
        script += operation.sql + QLatin1String(";\n");
        line += int(operation.sql.count(QLatin1Char('\n'))) + 1;
    }
    unit.input = LintInput { script, 1, revision.filePath(), revision.id, revision.transactional };
    return unit;
}

LintUnit revisionUnit(const Revision &revision)
{
    if (revision.format == RevisionFormat::Alembic) {
        Result<QString> source = readUtf8File(revision.filePath());
        return source ? alembicUnit(revision, *source) : LintUnit();
    }
    LintUnit unit;
    if (const std::optional<SqlSection> section = revision.section(Direction::Upgrade, Dialect::PostgreSQL)) {
        unit.input = LintInput { section->sql(), section->markerLine + 1, revision.filePath(), revision.id,
            revision.transactional };
    }
    return unit;
}

Result<LintUnit> fileUnit(const QString &path)
{
    Result<QString> text = readUtf8File(path);
    if (!text)
        return text.error();
    if (path.endsWith(QLatin1String(".py"))) {
        Revision revision;
        revision.format = RevisionFormat::Alembic;
        revision.setFilePath(path);
        return alembicUnit(revision, *text);
    }
    if (text->startsWith(QLatin1String("-- revision:"))) {
        Result<Revision> revision = NativeRevisionParser::parse(*text, path);
        if (!revision)
            return revision.error();
        return revisionUnit(*revision);
    }
    LintUnit unit;
    unit.input = LintInput { *text, 1, path, {}, false };
    return unit;
}

// SQL Retort wrote for an op.* call: the finding is the call's, on its
// line, and says what was read.
void mapOntoCalls(const LintUnit &unit, QList<LintFinding> &findings)
{
    if (unit.operations.isEmpty())
        return; // SQL as written: its findings are on its own lines
    for (LintFinding &finding : findings) {
        qsizetype index = 0;
        while (index + 1 < unit.startLines.size() && unit.startLines.at(index + 1) <= finding.line)
            ++index;
        const AlembicOperationSql &operation = unit.operations.at(index);
        if (!operation.emitted)
            continue;
        finding.line = finding.endLine = operation.line;
        finding.column0 = finding.endColumn0 = 0;
        finding.statement = operation.sql;
        finding.message += QLatin1String(" (op.") + operation.call + QLatin1Char(')');
    }
}

QList<QList<LintFinding>> lintUnits(const QList<LintUnit> &units, Linter &linter)
{
    QList<LintInput> inputs;
    for (const LintUnit &unit : units) {
        if (unit.input)
            inputs.append(*unit.input);
    }
    const QList<QList<LintFinding>> results = linter.lintAll(inputs);
    QList<QList<LintFinding>> findings(units.size());
    qsizetype next = 0;
    for (qsizetype i = 0; i < units.size(); ++i) {
        if (!units.at(i).input)
            continue;
        findings[i] = results.at(next++);
        mapOntoCalls(units.at(i), findings[i]);
    }
    return findings;
}

QList<LintFinding> flattened(QList<QList<LintFinding>> lists)
{
    qsizetype count = 0;
    for (const QList<LintFinding> &list : std::as_const(lists))
        count += list.size();
    QList<LintFinding> all;
    all.reserve(count);
    for (QList<LintFinding> &list : lists) {
        for (LintFinding &finding : list)
            all.append(std::move(finding));
    }
    return all;
}

} // namespace

QList<LintFinding> lintRevision(const Revision &revision, Linter &linter)
{
    return lintUnits({ revisionUnit(revision) }, linter).constFirst();
}

QList<QList<LintFinding>> lintEachRevision(const Project &project, const QList<int> &revisions, Linter &linter)
{
    QList<LintUnit> units;
    units.reserve(revisions.size());
    for (int index : revisions)
        units.append(revisionUnit(project.graph.revision(index)));
    return lintUnits(units, linter);
}

QList<LintFinding> lintRevisions(const Project &project, const QList<int> &revisions, Linter &linter)
{
    return flattened(lintEachRevision(project, revisions, linter));
}

Result<QList<LintFinding>> lintFile(const QString &path, Linter &linter)
{
    return lintFiles({ path }, linter);
}

Result<QList<LintFinding>> lintFiles(const QStringList &paths, Linter &linter)
{
    QList<LintUnit> units;
    units.reserve(paths.size());
    for (const QString &path : paths) {
        Result<LintUnit> unit = fileUnit(path);
        if (!unit)
            return unit.error();
        units.append(*unit);
    }
    return flattened(lintUnits(units, linter));
}

} // namespace Retort
