#include "nativerevisionparser.h"

#include "util/datetime.h"
#include "util/textfile.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::NativeRevisionParser", text);
}

// "-- key: value" in the header. Keys are lower-case words, so free comments
// such as "-- Adds the users table." or "-- TODO: ..." are not taken for keys.
const QRegularExpression &headerLinePattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(^--\s*([a-z][a-z_]*)\s*:\s?(.*)$)"));
    return pattern;
}

const QRegularExpression &markerPattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(^--\s*migrate:(\S*)(.*)$)"));
    return pattern;
}

// QString::toUtf8 reserves room for the worst case; a project keeps every
// section's SQL, so it is stored without that slack.
QByteArray compactUtf8(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    utf8.squeeze();
    return utf8;
}

QStringList splitList(const QString &value)
{
    QStringList items;
    for (const QString &part : value.split(QLatin1Char(','))) {
        const QString item = part.trimmed();
        if (!item.isEmpty())
            items.append(item);
    }
    items.squeeze(); // kept for the project's lifetime
    return items;
}

class Parser
{
public:
    Parser(const QString &text, const QString &path)
        : m_text(text)
        , m_path(path)
    { }

    Result<Revision> run();

private:
    Result<void> headerLine(const QString &line, int lineNumber);
    Result<void> marker(const QRegularExpressionMatch &match, int lineNumber);
    Result<void> finish();
    Error error(int line, const QString &message) const { return Error::at(m_path, line, message); }

    const QString &m_text;
    QString m_path;
    Revision m_revision;
    QSet<QString> m_seenKeys;
    QHash<QString, int> m_keyLines;
    QList<SqlSection> m_sections; // packed into the revision at the end
    SqlSection *m_current = nullptr;
    QStringList m_currentLines;
};

Result<Revision> Parser::run()
{
    m_revision.setFilePath(m_path);
    m_sections.reserve(2); // an upgrade and a downgrade, most often
    m_revision.format = RevisionFormat::Native;

    int lineNumber = 0;
    qsizetype start = 0;
    const qsizetype length = m_text.size();
    while (start < length || (start == length && lineNumber == 0)) {
        qsizetype end = m_text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = length;
        QStringView raw = QStringView(m_text).sliced(start, end - start);
        if (raw.endsWith(QLatin1Char('\r')))
            raw.chop(1);
        ++lineNumber;
        start = end + 1;

        const QString line = raw.toString();
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("--"))) {
            const QRegularExpressionMatch match = markerPattern().match(trimmed);
            if (match.hasMatch()) {
                if (m_current)
                    m_current->setUtf8(compactUtf8(m_currentLines.join(QLatin1Char('\n'))));
                m_currentLines.clear();
                if (auto result = marker(match, lineNumber); !result)
                    return result.error();
                continue;
            }
        }
        if (m_current) {
            m_currentLines.append(line);
            continue;
        }
        if (trimmed.isEmpty())
            continue;
        if (!trimmed.startsWith(QLatin1String("--"))) {
            return error(lineNumber,
                tr("SQL before the first \"-- migrate:upgrade\" line; "
                   "statements belong in an upgrade or downgrade section"));
        }
        if (auto result = headerLine(trimmed, lineNumber); !result)
            return result.error();
    }
    if (m_current)
        m_current->setUtf8(compactUtf8(m_currentLines.join(QLatin1Char('\n'))));
    if (auto result = finish(); !result)
        return result.error();
    m_revision.setSections(m_sections);
    return m_revision;
}

Result<void> Parser::headerLine(const QString &line, int lineNumber)
{
    const QRegularExpressionMatch match = headerLinePattern().match(line);
    if (!match.hasMatch())
        return {}; // a free comment
    const QString key = match.captured(1);
    const QString value = match.captured(2).trimmed();
    if (!NativeRevisionParser::knownKeys().contains(key)) {
        return error(lineNumber,
            tr("unknown header key \"%1\" (known keys: %2)")
                .arg(key, NativeRevisionParser::knownKeys().join(QLatin1String(", "))));
    }
    if (m_seenKeys.contains(key)) {
        return error(lineNumber, tr("\"%1\" is given twice (first on line %2)").arg(key).arg(m_keyLines.value(key)));
    }
    m_seenKeys.insert(key);
    m_keyLines.insert(key, lineNumber);

    if (key == QLatin1String("revision")) {
        if (!isValidRevisionId(value))
            return error(lineNumber, tr("\"%1\" is not a valid revision id").arg(value));
        m_revision.id = value;
        m_revision.line = lineNumber;
    } else if (key == QLatin1String("down_revision")) {
        m_revision.downRevisions = splitList(value);
        for (const QString &id : std::as_const(m_revision.downRevisions)) {
            if (!isValidRevisionId(id))
                return error(lineNumber, tr("\"%1\" is not a valid revision id").arg(id));
        }
    } else if (key == QLatin1String("branch_labels")) {
        m_revision.branchLabels = splitList(value);
    } else if (key == QLatin1String("depends_on")) {
        m_revision.dependsOn = splitList(value);
    } else if (key == QLatin1String("message")) {
        m_revision.message = value;
    } else if (key == QLatin1String("create_date")) {
        const QDateTime date = parseRevisionDate(value);
        if (!date.isValid()) {
            return error(
                lineNumber, tr("create_date \"%1\" is not an ISO 8601 date such as 2026-11-24T10:15:00Z").arg(value));
        }
        m_revision.createDate = date;
    } else if (key == QLatin1String("transactional")) {
        if (value == QLatin1String("true")) {
            m_revision.transactional = true;
        } else if (value == QLatin1String("false")) {
            m_revision.transactional = false;
        } else {
            return error(lineNumber, tr("transactional must be true or false, not \"%1\"").arg(value));
        }
    }
    return {};
}

Result<void> Parser::marker(const QRegularExpressionMatch &match, int lineNumber)
{
    const QString kind = match.captured(1);
    const QString dialect = match.captured(2).trimmed();
    Direction direction;
    if (kind == QLatin1String("upgrade")) {
        direction = Direction::Upgrade;
    } else if (kind == QLatin1String("downgrade")) {
        direction = Direction::Downgrade;
    } else {
        return error(lineNumber,
            tr("unknown section \"migrate:%1\"; sections are migrate:upgrade and migrate:downgrade").arg(kind));
    }
    const std::optional<Dialect> sectionDialect = dialectNamed(dialect); // none: every dialect
    if (!dialect.isEmpty() && !sectionDialect) {
        return error(lineNumber,
            tr("unknown dialect \"%1\" (known dialects: %2)")
                .arg(dialect, NativeRevisionParser::knownDialects().join(QLatin1String(", "))));
    }
    for (const SqlSection &existing : std::as_const(m_sections)) {
        if (existing.direction == direction && existing.dialect == sectionDialect) {
            return error(lineNumber,
                tr("a second \"-- migrate:%1%2\" section (the first is on line %3)")
                    .arg(kind, dialect.isEmpty() ? QString() : QLatin1Char(' ') + dialect)
                    .arg(existing.markerLine));
        }
    }
    SqlSection section;
    section.direction = direction;
    section.dialect = sectionDialect;
    section.markerLine = lineNumber;
    m_sections.append(section);
    m_current = &m_sections.last();
    return {};
}

Result<void> Parser::finish()
{
    if (!m_seenKeys.contains(QStringLiteral("revision")))
        return error(1, tr("no \"-- revision:\" header line; every revision file needs its id"));
    if (!m_seenKeys.contains(QStringLiteral("down_revision"))) {
        return error(
            m_revision.line, tr("no \"-- down_revision:\" header line (leave its value empty for a base revision)"));
    }
    if (!m_seenKeys.contains(QStringLiteral("message")))
        return error(m_revision.line, tr("no \"-- message:\" header line"));
    if (m_revision.downRevisions.contains(m_revision.id))
        return error(
            m_keyLines.value(QStringLiteral("down_revision")), tr("the revision lists itself as its own parent"));
    if (m_revision.dependsOn.contains(m_revision.id))
        return error(m_keyLines.value(QStringLiteral("depends_on")), tr("the revision depends on itself"));
    const bool hasUpgrade = std::any_of(
        m_sections.cbegin(), m_sections.cend(), [](const SqlSection &s) { return s.direction == Direction::Upgrade; });
    if (!hasUpgrade) {
        int lastLine = int(m_text.count(QLatin1Char('\n'))) + 1;
        return error(lastLine, tr("no \"-- migrate:upgrade\" section; a revision must say what it does"));
    }
    return {};
}

} // namespace

const QStringList &NativeRevisionParser::knownKeys()
{
    static const QStringList keys = {
        QStringLiteral("revision"),
        QStringLiteral("down_revision"),
        QStringLiteral("branch_labels"),
        QStringLiteral("depends_on"),
        QStringLiteral("message"),
        QStringLiteral("create_date"),
        QStringLiteral("transactional"),
    };
    return keys;
}

const QStringList &NativeRevisionParser::knownDialects()
{
    static const QStringList dialects = { dialectName(Dialect::PostgreSQL), dialectName(Dialect::SQLite) };
    return dialects;
}

Result<Revision> NativeRevisionParser::parse(const QString &text, const QString &filePath)
{
    return Parser(text, filePath).run();
}

Result<Revision> NativeRevisionParser::parseFile(const QString &filePath)
{
    Result<QString> text = readUtf8File(filePath);
    if (!text)
        return text.error();
    return parse(*text, filePath);
}

bool isValidRevisionId(const QString &id)
{
    if (id.isEmpty())
        return false;
    for (const QChar c : id) {
        if (c.isSpace() || c == QLatin1Char(',') || c == QLatin1Char('@') || c == QLatin1Char('-') ||
            c == QLatin1Char('+') || c == QLatin1Char(':'))
            return false;
    }
    return true;
}

} // namespace Retort
