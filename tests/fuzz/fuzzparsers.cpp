#include "fuzzparsers.h"

#include "lint/linter.h"
#include "project/alembicrevisionparser.h"
#include "project/nativerevisionparser.h"
#include "sql/sqlanalysis.h"
#include "sql/statementsplitter.h"
#include "sql/transactionrules.h"
#include "util/inifile.h"
#include "util/textfile.h"

#include <cstdio>
#include <cstdlib>

namespace Retort::Fuzz {

namespace {

template<typename T>
void check(const Result<T> &result, const char *parser)
{
    // An error must say where it is (the path given below).
    if (!result && result.error().file.isEmpty()) {
        std::fprintf(stderr, "%s gave an error without a file: %s\n", parser, qPrintable(result.error().message));
        std::abort();
    }
}

} // namespace

bool parseEverything(const QByteArray &input)
{
    const QString path = QStringLiteral("fuzz/versions/a1_input");
    Result<QString> text = decodeUtf8(input, path);
    check(text, "decodeUtf8");
    if (!text)
        return false;
    check(NativeRevisionParser::parse(*text, path + QStringLiteral(".sql")), "NativeRevisionParser");
    QList<Error> warnings;
    const AlembicRevisionParser::Names names { { QStringLiteral("cli.expand"), QStringLiteral("expand") } };
    check(AlembicRevisionParser::parse(*text, path + QStringLiteral(".py"), names, &warnings), "AlembicRevisionParser");
    for (const Error &warning : std::as_const(warnings)) {
        if (warning.file.isEmpty() || warning.line <= 0) {
            std::fprintf(stderr, "a warning without its place: %s\n", qPrintable(warning.message));
            std::abort();
        }
    }
    check(IniFile::parse(*text, QStringLiteral("fuzz/alembic.ini")), "IniFile");
    // PostgreSQL SQL through libpg_query: the splitter, and every lint rule
    // on whatever parse tree comes back.
    check(StatementSplitter::split(*text, Dialect::PostgreSQL, 1, path + QStringLiteral(".sql")), "StatementSplitter");
    Linter linter(17);
    for (const LintFinding &finding : linter.lint({ *text, 1, path + QStringLiteral(".sql"), {}, true })) {
        if (finding.file.isEmpty() || finding.line <= 0) {
            std::fprintf(stderr, "a lint finding without its place: %s\n", qPrintable(finding.message));
            std::abort();
        }
    }
    return true;
}

bool splitEverything(const QByteArray &input)
{
    Result<QString> text = decodeUtf8(input, QStringLiteral("fuzz/input.sql"));
    if (!text)
        return false;
    const int lines = int(text->count(QLatin1Char('\n'))) + 10;
    for (Dialect dialect : { Dialect::PostgreSQL, Dialect::SQLite }) {
        const Result<QList<SqlStatement>> statements =
            StatementSplitter::split(*text, dialect, 10, QStringLiteral("fuzz/input.sql"));
        check(statements, "StatementSplitter");
        if (!statements)
            continue;
        int previousLine = 10;
        for (const SqlStatement &statement : *statements) {
            if (statement.line < previousLine || statement.endLine < statement.line || statement.endLine > lines ||
                statement.words.size() > SqlStatement::kMaxWords) {
                std::fprintf(stderr, "statement out of place: lines %d-%d after %d of %d\n", statement.line,
                    statement.endLine, previousLine, lines);
                std::abort();
            }
            previousLine = statement.line;
            transactionBlocker(statement, dialect);
        }
        analyzeSql(*statements, dialect);
    }
    return true;
}

} // namespace Retort::Fuzz

#ifdef RETORT_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
#ifdef RETORT_FUZZ_SQL
    Retort::Fuzz::splitEverything(input);
#else
    Retort::Fuzz::parseEverything(input);
#endif
    return 0;
}
#endif
