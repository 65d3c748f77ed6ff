#include "fuzzparsers.h"

#include "lint/linter.h"
#include "project/alembicrevisionparser.h"
#include "project/nativerevisionparser.h"
#include "sql/statementsplitter.h"
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

} // namespace Retort::Fuzz

#ifdef RETORT_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Retort::Fuzz::parseEverything(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
#endif
