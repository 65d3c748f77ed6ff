#include "linter.h"

#include "lintrules.h"
#include "lintsuppression.h"
#include "rulechecks.h"
#include "sql/pgquery.h"

#include <QCoreApplication>
#include <QtConcurrentMap>

#include <algorithm>
#include <numeric>
#include <optional>
#include <vector>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::Lint", text);
}

LintFinding syntaxError(const LintInput &input, const Error &error)
{
    LintFinding finding;
    finding.rule = QStringLiteral("syntax-error");
    finding.severity = LintSeverity::Error;
    finding.message = error.message;
    finding.file = input.file;
    finding.revision = input.revision;
    finding.line = error.line > 0 ? error.line : input.firstLine;
    finding.endLine = finding.line;
    return finding;
}

} // namespace

Linter::Linter(int pgVersion, const LintSettings &settings)
    : m_pgVersion(pgVersion > 0 ? pgVersion : kLintDefaultPgVersion)
    , m_settings(settings)
{ }

void Linter::setColumnType(const QString &table, const QString &column, const LintColumnType &type)
{
    m_schema.columns.insert(lintUnqualified(table) + QLatin1Char('.') + column, type);
}

QList<LintFinding> Linter::lint(const LintInput &input)
{
    return check(parse(input), m_schema);
}

ParsedLintInput Linter::parse(const LintInput &input)
{
    PgSource source(input.sql, input.firstLine, input.file);
    Result<QList<PgParsedStatement>> statements = PgQuery::parse(source);
    return { input, std::move(source), std::move(statements) };
}

QList<QList<LintFinding>> Linter::lintAll(const QList<LintInput> &inputs)
{
    // Each migration is parsed and checked on the thread pool, ahead of
    // the ones before it, against a schema of its own that notes the
    // columns it looked up and did not find. In order, on this thread, a
    // migration whose misses the migrations before it did not make either
    // keeps its findings (they are what a linter reading in order finds),
    // and its columns join the schema; any other is linted again in order.
    // The next batch is linted ahead while this one is taken in.
    struct Ahead {
        QList<LintFinding> findings;
        LintSchema schema;
    };
    // A few migrations (the file open in the editor) are linted here and
    // now: handing them to the pool would cost more than it saves.
    if (inputs.size() < 8) {
        QList<QList<LintFinding>> findings;
        for (const LintInput &input : inputs)
            findings.append(lint(input));
        return findings;
    }
    constexpr qsizetype batchSize = 64;
    std::vector<std::optional<Ahead>> ahead(size_t(inputs.size()));
    // map() works on the sequence in place: it must outlive the batch.
    std::vector<qsizetype> indexes(ahead.size());
    std::iota(indexes.begin(), indexes.end(), 0);
    const auto lintBatchAhead = [&](qsizetype first) {
        const auto begin = indexes.begin() + first;
        return QtConcurrent::map(begin, begin + qMin(batchSize, inputs.size() - first), [&](qsizetype i) {
            Ahead result;
            result.schema.recordMisses = true;
            result.findings = check(parse(inputs.at(i)), result.schema);
            ahead[size_t(i)] = std::move(result);
        });
    };
    QList<QList<LintFinding>> findings;
    findings.reserve(inputs.size());
    QFuture<void> next = lintBatchAhead(0);
    for (qsizetype first = 0; first < inputs.size(); first += batchSize) {
        next.waitForFinished();
        const qsizetype end = qMin(first + batchSize, inputs.size());
        if (end < inputs.size())
            next = lintBatchAhead(end);
        for (qsizetype i = first; i < end; ++i) {
            Ahead &result = *ahead[size_t(i)];
            const bool stillTrue = std::none_of(result.schema.misses.cbegin(), result.schema.misses.cend(),
                [&](const QString &column) { return m_schema.columns.contains(column); });
            if (stillTrue) {
                for (auto column = result.schema.columns.cbegin(); column != result.schema.columns.cend(); ++column)
                    m_schema.columns.insert(column.key(), column.value());
                findings.append(std::move(result.findings));
            } else {
                findings.append(lint(inputs.at(i)));
            }
            ahead[size_t(i)].reset();
        }
    }
    return findings;
}

QList<LintFinding> Linter::check(const ParsedLintInput &parsedInput, LintSchema &schema) const
{
    const LintInput &input = parsedInput.input;
    const PgSource &source = parsedInput.source;
    const Result<QList<PgParsedStatement>> &parsed = parsedInput.statements;
    if (!parsed)
        return { syntaxError(input, parsed.error()) };

    LintContext context(m_pgVersion, input.transactional, &schema);
    QList<LintIgnore> ignores;
    qsizetype previousEnd = 0;
    for (qsizetype i = 0; i < parsed->size(); ++i) {
        const PgParsedStatement &statement = parsed->at(i);
        ignores +=
            findLintIgnores(source.text(previousEnd, statement.range.begin), source.lineAtByte(previousEnd), int(i));
        previousEnd = statement.range.end;
        context.beginStatement(int(i), source.lineAtByte(statement.range.begin));
        const QJsonObject &tree = statement.tree;
        checkTransactionRules(tree, context);
        checkIndexRules(tree, context);
        const QString text = source.text(statement.range.begin, statement.range.end);
        checkConstraintRules(tree, text, context);
        checkColumnRules(tree, context);
        checkDestructiveRules(tree, context);
        checkRenameRules(tree, context);
        checkTypeRules(tree, text, context);
        noteStatementLock(tree, context);
    }
    ignores += findLintIgnores(source.text(previousEnd, source.utf8().size()), source.lineAtByte(previousEnd), -1);
    finishTransactionRules(context);

    QList<LintFinding> findings;
    QList<int> statements;
    for (LintContext::Reported &reported : context.takeFindings()) {
        LintFinding &finding = reported.finding;
        if (m_settings.disabled.contains(finding.rule))
            continue;
        finding.severity = m_settings.severities.value(finding.rule, finding.severity);
        const PgStatementRange range = parsed->at(reported.statement).range;
        finding.file = input.file;
        finding.revision = input.revision;
        finding.line = source.lineAtByte(range.begin);
        finding.column0 = source.columnAtByte(range.begin);
        finding.endLine = source.lineAtByte(range.end);
        finding.endColumn0 = source.columnAtByte(range.end);
        finding.statement = source.text(range.begin, range.end);
        findings.append(finding);
        statements.append(reported.statement);
    }
    applyLintIgnores(findings, statements, ignores);
    for (const LintIgnore &ignore : std::as_const(ignores)) {
        if (ignore.used || m_settings.disabled.contains(QStringLiteral("unused-ignore")))
            continue;
        LintFinding finding;
        finding.rule = QStringLiteral("unused-ignore");
        finding.severity = m_settings.severities.value(finding.rule, LintSeverity::Warning);
        finding.message = findLintRule(ignore.rule)
            ? tr("retort:ignore %1 suppresses nothing; remove it").arg(ignore.rule)
            : tr("retort:ignore names %1, which is not a lint rule").arg(ignore.rule);
        finding.file = input.file;
        finding.revision = input.revision;
        finding.line = ignore.line;
        finding.endLine = ignore.line;
        findings.append(finding);
    }
    return findings;
}

} // namespace Retort
