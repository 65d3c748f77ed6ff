#include "pgquery.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <pg_query.h>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::PgQuery", text);
}

// libpg_query reads C strings: a NUL byte would silently end the script.
Result<void> checkNoNul(const PgSource &source)
{
    const qsizetype nul = source.utf8().indexOf('\0');
    if (nul < 0)
        return {};
    return Error::at(source.file(), source.lineAtByte(nul), tr("the SQL holds a NUL character"));
}

PgStatementRange rangeOf(const PgSource &source, qsizetype location, qsizetype length)
{
    const qsizetype size = source.utf8().size();
    location = std::clamp<qsizetype>(location, 0, size);
    const qsizetype end = length > 0 ? std::min(location + length, size) : size;
    return { source.skipSpaceAndComments(location, end), end };
}

} // namespace

PgSource::PgSource(const QString &sql, int firstLine, const QString &file)
    : m_utf8(sql.toUtf8())
    , m_firstLine(firstLine)
    , m_file(file)
{
    m_lineStarts.append(0);
    for (qsizetype i = 0; i < m_utf8.size(); ++i) {
        if (m_utf8.at(i) == '\n')
            m_lineStarts.append(i + 1);
    }
}

int PgSource::lineAtByte(qsizetype offset) const
{
    const auto after = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset);
    return m_firstLine + int(after - m_lineStarts.cbegin()) - 1;
}

int PgSource::columnAtByte(qsizetype offset) const
{
    const auto after = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset);
    int column = 0;
    for (qsizetype i = *(after - 1); i < offset && i < m_utf8.size(); ++i) {
        if ((uchar(m_utf8.at(i)) & 0xC0) != 0x80)
            ++column;
    }
    return column;
}

QString PgSource::text(qsizetype begin, qsizetype end) const
{
    return QString::fromUtf8(m_utf8.constData() + begin, end - begin);
}

qsizetype PgSource::skipSpaceAndComments(qsizetype offset, qsizetype end) const
{
    const auto at = [&](qsizetype i) { return i < end ? m_utf8.at(i) : '\0'; };
    while (offset < end) {
        const char c = m_utf8.at(offset);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++offset;
        } else if (c == '-' && at(offset + 1) == '-') {
            while (offset < end && m_utf8.at(offset) != '\n')
                ++offset;
        } else if (c == '/' && at(offset + 1) == '*') {
            int depth = 0; // PostgreSQL block comments nest
            do {
                if (at(offset) == '/' && at(offset + 1) == '*') {
                    ++depth;
                    offset += 2;
                } else if (at(offset) == '*' && at(offset + 1) == '/') {
                    --depth;
                    offset += 2;
                } else {
                    ++offset;
                }
            } while (depth > 0 && offset < end);
        } else {
            break;
        }
    }
    return std::min(offset, end);
}

Error PgSource::errorAt(const QString &message, int cursor) const
{
    // The cursor counts characters from 1; find its byte by counting the
    // bytes that start a UTF-8 sequence.
    qsizetype byte = 0;
    for (int characters = 0; byte < m_utf8.size(); ++byte) {
        if ((uchar(m_utf8.at(byte)) & 0xC0) != 0x80 && ++characters == cursor)
            break;
    }
    return Error::at(m_file, cursor > 0 ? lineAtByte(byte) : m_firstLine, message);
}

namespace PgQuery {

Result<QList<PgStatementRange>> split(const PgSource &source)
{
    if (auto checked = checkNoNul(source); !checked)
        return checked.error();
    PgQuerySplitResult result = pg_query_split_with_parser(source.utf8().constData());
    if (result.error) {
        Error error = source.errorAt(QString::fromUtf8(result.error->message), result.error->cursorpos);
        pg_query_free_split_result(result);
        return error;
    }
    QList<PgStatementRange> ranges;
    ranges.reserve(result.n_stmts);
    for (int i = 0; i < result.n_stmts; ++i) {
        const PgStatementRange range = rangeOf(source, result.stmts[i]->stmt_location, result.stmts[i]->stmt_len);
        if (range.begin < range.end)
            ranges.append(range);
    }
    pg_query_free_split_result(result);
    return ranges;
}

Result<QList<PgParsedStatement>> parse(const PgSource &source)
{
    if (auto checked = checkNoNul(source); !checked)
        return checked.error();
    PgQueryParseResult result = pg_query_parse(source.utf8().constData());
    if (result.error) {
        Error error = source.errorAt(QString::fromUtf8(result.error->message), result.error->cursorpos);
        pg_query_free_parse_result(result);
        return error;
    }
    const QJsonObject document = QJsonDocument::fromJson(QByteArray(result.parse_tree)).object();
    pg_query_free_parse_result(result);
    QList<PgParsedStatement> statements;
    for (const QJsonValue &value : document.value(QLatin1String("stmts")).toArray()) {
        const QJsonObject raw = value.toObject();
        // Protobuf's JSON leaves out zero values: no stmt_location for the
        // first statement, no stmt_len for one that runs to the end.
        PgParsedStatement statement;
        statement.range = rangeOf(source, raw.value(QLatin1String("stmt_location")).toInteger(),
            raw.value(QLatin1String("stmt_len")).toInteger());
        statement.tree = raw.value(QLatin1String("stmt")).toObject();
        if (statement.range.begin < statement.range.end)
            statements.append(statement);
    }
    return statements;
}

} // namespace PgQuery

} // namespace Retort
