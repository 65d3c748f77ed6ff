#include "lintformat.h"

#include "lintrules.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::LintFormat", text);
}

QString ruleText(const QString &id, const char *LintRule::*field)
{
    const LintRule *rule = findLintRule(id);
    return rule ? LintRule::text(rule->*field) : QString();
}

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// Findings as JSON are written out directly, not through QJsonObject:
// building one QJsonObject per finding (each insert keeps its keys sorted)
// cost more than linting the statement had, with 100,000 findings. The
// keys are written in QJsonObject's own (sorted) order all the same.
class JsonObjectWriter
{
public:
    JsonObjectWriter(QByteArray &out, int depth)
        : m_out(out)
        , m_indent(4 * depth, ' ')
    {
        m_out += '{';
    }
    void string(const char *key, const QString &value)
    {
        writeKey(key);
        appendString(value);
    }
    void number(const char *key, qint64 value)
    {
        writeKey(key);
        m_out += QByteArray::number(value);
    }
    void boolean(const char *key, bool value)
    {
        writeKey(key);
        m_out += value ? "true" : "false";
    }
    void strings(const char *key, const QStringList &values)
    {
        writeKey(key);
        m_out += '[';
        for (qsizetype i = 0; i < values.size(); ++i) {
            m_out += i == 0 ? "\n" : ",\n";
            m_out += m_indent + "        ";
            appendString(values.at(i));
        }
        m_out += '\n' + m_indent + "    ]";
    }
    // Starts a nested object under `key`; write into it, then finish() it.
    JsonObjectWriter object(const char *key)
    {
        writeKey(key);
        return JsonObjectWriter(m_out, int(m_indent.size() / 4) + 1);
    }
    void finish() { m_out += '\n' + m_indent + '}'; }

private:
    void writeKey(const char *key)
    {
        m_out += m_first ? "\n" : ",\n";
        m_first = false;
        m_out += m_indent;
        m_out += "    \"";
        m_out += key;
        m_out += "\": ";
    }
    void appendString(const QString &text)
    {
        m_out += '"';
        const QByteArray utf8 = text.toUtf8();
        const bool plain =
            std::none_of(utf8.cbegin(), utf8.cend(), [](char c) { return c == '"' || c == '\\' || uchar(c) < 0x20; });
        if (plain) {
            m_out += utf8;
            m_out += '"';
            return;
        }
        for (const char c : utf8) {
            switch (c) {
            case '"':
                m_out += "\\\"";
                break;
            case '\\':
                m_out += "\\\\";
                break;
            case '\n':
                m_out += "\\n";
                break;
            case '\r':
                m_out += "\\r";
                break;
            case '\t':
                m_out += "\\t";
                break;
            default:
                if (uchar(c) < 0x20)
                    m_out += "\\u00" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
                else
                    m_out += c;
            }
        }
        m_out += '"';
    }

    QByteArray &m_out;
    QByteArray m_indent;
    bool m_first = true;
};

// A rule's lock and what it blocks, translated once per rule.
struct RuleLockTexts {
    QString lock;
    QString blocks;
};

void writeFindingJson(QByteArray &out, const LintFinding &finding, QHash<QString, RuleLockTexts> &ruleTexts)
{
    auto texts = ruleTexts.constFind(finding.rule);
    if (texts == ruleTexts.constEnd()) {
        texts = ruleTexts.insert(
            finding.rule, { ruleText(finding.rule, &LintRule::lock), ruleText(finding.rule, &LintRule::blocks) });
    }
    JsonObjectWriter o(out, 2);
    o.string("blocks", texts->blocks);
    o.number("column", finding.column0 + 1);
    if (!finding.column.isEmpty())
        o.string("columnName", finding.column);
    o.number("endColumn", finding.endColumn0 + 1);
    o.number("endLine", finding.endLine);
    o.string("file", finding.file);
    o.number("line", finding.line);
    if (finding.live.checked) {
        JsonObjectWriter live = o.object("live");
        if (!finding.live.blockers.isEmpty())
            live.strings("blockers", finding.live.blockers);
        if (!finding.live.dataCheck.isEmpty()) {
            live.string("dataCheck", finding.live.dataCheck);
            live.boolean("dataCheckFails", finding.live.dataCheckFails);
        }
        if (!finding.live.note.isEmpty())
            live.string("note", finding.live.note);
        if (finding.live.rowEstimate >= 0)
            live.number("rowEstimate", finding.live.rowEstimate);
        if (finding.live.totalBytes >= 0)
            live.number("totalBytes", finding.live.totalBytes);
        live.finish();
    }
    o.string("lock", texts->lock);
    o.string("message", finding.message);
    o.string("revision", finding.revision);
    o.string("rule", finding.rule);
    o.string("severity", lintSeverityName(finding.severity));
    if (!finding.table.isEmpty())
        o.string("table", finding.table);
    o.finish();
}

// GitHub workflow commands: data escapes %, CR and LF; properties also ':' and ','.
QString githubEscape(QString text, bool property)
{
    text.replace(QLatin1Char('%'), QLatin1String("%25"))
        .replace(QLatin1Char('\r'), QLatin1String("%0D"))
        .replace(QLatin1Char('\n'), QLatin1String("%0A"));
    if (property)
        text.replace(QLatin1Char(':'), QLatin1String("%3A")).replace(QLatin1Char(','), QLatin1String("%2C"));
    return text;
}

QString sarifLevel(LintSeverity severity)
{
    switch (severity) {
    case LintSeverity::Info:
        return QStringLiteral("note");
    case LintSeverity::Warning:
        return QStringLiteral("warning");
    case LintSeverity::Error:
        break;
    }
    return QStringLiteral("error");
}

} // namespace

bool parseLintFormat(const QString &name, LintFormat &format)
{
    static const QList<std::pair<QString, LintFormat>> formats = { { QStringLiteral("text"), LintFormat::Text },
        { QStringLiteral("json"), LintFormat::Json }, { QStringLiteral("github"), LintFormat::GitHub },
        { QStringLiteral("sarif"), LintFormat::Sarif } };
    for (const auto &[candidate, value] : formats) {
        if (name == candidate) {
            format = value;
            return true;
        }
    }
    return false;
}

QString lintLiveSummary(const LintFinding &finding)
{
    const LintLiveFacts &live = finding.live;
    if (!live.checked)
        return {};
    QStringList parts;
    if (live.totalBytes >= 0 || live.rowEstimate >= 0) {
        QStringList size;
        if (live.totalBytes >= 0)
            size.append(sizeText(live.totalBytes));
        if (live.rowEstimate >= 0)
            size.append(QCoreApplication::translate(
                "Retort::LintFormat", "~%Ln row(s)", nullptr, int(std::min<qint64>(live.rowEstimate, INT_MAX))));
        parts.append(finding.table + QLatin1String(": ") + size.join(QLatin1String(", ")));
    }
    if (!live.dataCheck.isEmpty())
        parts.append(live.dataCheck);
    for (const QString &blocker : live.blockers)
        parts.append(blocker);
    if (!live.note.isEmpty())
        parts.append(live.note);
    return parts.join(QLatin1String("; "));
}

QString lintFindingsText(const QList<LintFinding> &findings)
{
    QString text;
    int errors = 0;
    int warnings = 0;
    for (const LintFinding &finding : findings) {
        errors += finding.severity == LintSeverity::Error;
        warnings += finding.severity == LintSeverity::Warning;
        text += QStringLiteral("%1:%2:%3: %4 [%5] %6\n")
                    .arg(finding.file)
                    .arg(finding.line)
                    .arg(finding.column0 + 1)
                    .arg(lintSeverityName(finding.severity), finding.rule, finding.message);
        const QString lock = ruleText(finding.rule, &LintRule::lock);
        if (!lock.isEmpty())
            text += QLatin1String("    ") +
                tr("lock: %1, blocks %2").arg(lock, ruleText(finding.rule, &LintRule::blocks)) + QLatin1Char('\n');
        const QString live = lintLiveSummary(finding);
        if (!live.isEmpty())
            text += QLatin1String("    ") + tr("database: %1").arg(live) + QLatin1Char('\n');
    }
    text += QCoreApplication::translate("Retort::LintFormat", "%n finding(s)", nullptr, int(findings.size())) +
        QLatin1String(": ") + QCoreApplication::translate("Retort::LintFormat", "%n error(s)", nullptr, errors) +
        QLatin1String(", ") + QCoreApplication::translate("Retort::LintFormat", "%n warning(s)", nullptr, warnings) +
        QLatin1Char('\n');
    return text;
}

QByteArray lintFindingsJson(const QList<LintFinding> &findings)
{
    QByteArray out = "{\n    \"findings\": [";
    out.reserve(600 * findings.size());
    QHash<QString, RuleLockTexts> ruleTexts;
    for (qsizetype i = 0; i < findings.size(); ++i) {
        out += i == 0 ? "\n        " : ",\n        ";
        writeFindingJson(out, findings.at(i), ruleTexts);
    }
    out += "\n    ]\n}\n";
    return out;
}

QString lintFindingsGitHub(const QList<LintFinding> &findings)
{
    QString text;
    for (const LintFinding &finding : findings) {
        const QString command = finding.severity == LintSeverity::Error ? QStringLiteral("error")
            : finding.severity == LintSeverity::Warning                 ? QStringLiteral("warning")
                                                                        : QStringLiteral("notice");
        QString message = finding.message;
        const QString live = lintLiveSummary(finding);
        if (!live.isEmpty())
            message += QLatin1Char('\n') + live;
        text += QStringLiteral("::%1 file=%2,line=%3,endLine=%4,title=%5::%6\n")
                    .arg(command, githubEscape(finding.file, true))
                    .arg(finding.line)
                    .arg(finding.endLine)
                    .arg(githubEscape(finding.rule, true), githubEscape(message, false));
    }
    return text;
}

QByteArray lintFindingsSarif(const QList<LintFinding> &findings, const QString &toolVersion)
{
    QJsonArray rules;
    QHash<QString, int> ruleIndex;
    for (const LintRule &rule : lintRules()) {
        ruleIndex.insert(QLatin1String(rule.id), int(rules.size()));
        rules.append(QJsonObject { { QStringLiteral("id"), QLatin1String(rule.id) },
            { QStringLiteral("shortDescription"),
                QJsonObject { { QStringLiteral("text"), LintRule::text(rule.title) } } },
            { QStringLiteral("fullDescription"), QJsonObject { { QStringLiteral("text"), LintRule::text(rule.why) } } },
            { QStringLiteral("help"), QJsonObject { { QStringLiteral("text"), LintRule::text(rule.safe) } } },
            { QStringLiteral("defaultConfiguration"),
                QJsonObject { { QStringLiteral("level"), sarifLevel(rule.severity) } } },
            { QStringLiteral("properties"),
                QJsonObject { { QStringLiteral("lock"), LintRule::text(rule.lock) },
                    { QStringLiteral("blocks"), LintRule::text(rule.blocks) },
                    { QStringLiteral("anchors"), QLatin1String(rule.anchors) } } } });
    }
    QJsonArray results;
    for (const LintFinding &finding : findings) {
        QJsonObject region { { QStringLiteral("startLine"), std::max(1, finding.line) },
            { QStringLiteral("startColumn"), finding.column0 + 1 },
            { QStringLiteral("endLine"), std::max(1, std::max(finding.line, finding.endLine)) } };
        if (finding.endLine > finding.line || finding.endColumn0 > finding.column0)
            region.insert(QStringLiteral("endColumn"), finding.endColumn0 + 1);
        QString message = finding.message;
        const QString live = lintLiveSummary(finding);
        if (!live.isEmpty())
            message += QLatin1String(" (") + live + QLatin1Char(')');
        QJsonObject result { { QStringLiteral("ruleId"), finding.rule },
            { QStringLiteral("ruleIndex"), ruleIndex.value(finding.rule) },
            { QStringLiteral("level"), sarifLevel(finding.severity) },
            { QStringLiteral("message"), QJsonObject { { QStringLiteral("text"), message } } },
            { QStringLiteral("locations"),
                QJsonArray { QJsonObject { { QStringLiteral("physicalLocation"),
                    QJsonObject {
                        { QStringLiteral("artifactLocation"), QJsonObject { { QStringLiteral("uri"), finding.file } } },
                        { QStringLiteral("region"), region } } } } } } };
        results.append(result);
    }
    const QJsonObject driver { { QStringLiteral("name"), QStringLiteral("retort") },
        { QStringLiteral("version"), toolVersion },
        { QStringLiteral("informationUri"), QStringLiteral("https://github.com/retort/retort") },
        { QStringLiteral("rules"), rules } };
    const QJsonObject run { { QStringLiteral("tool"), QJsonObject { { QStringLiteral("driver"), driver } } },
        { QStringLiteral("results"), results } };
    return QJsonDocument(
        QJsonObject { { QStringLiteral("$schema"), QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json") },
            { QStringLiteral("version"), QStringLiteral("2.1.0") }, { QStringLiteral("runs"), QJsonArray { run } } })
        .toJson(QJsonDocument::Indented);
}

QString lintRulesText()
{
    QString text;
    QString topic;
    for (const LintRule &rule : lintRules()) {
        if (topic != QLatin1String(rule.topic)) {
            topic = QLatin1String(rule.topic);
            text += QLatin1Char('\n') + LintRule::text(rule.topic) + QLatin1Char('\n');
        }
        text += QStringLiteral("  %1 (%2): %3\n")
                    .arg(QLatin1String(rule.id), lintSeverityName(rule.severity), LintRule::text(rule.title));
        if (*rule.lock)
            text += QLatin1String("    ") +
                tr("lock: %1, blocks %2").arg(LintRule::text(rule.lock), LintRule::text(rule.blocks)) +
                QLatin1Char('\n');
        text += QLatin1String("    ") + tr("why: %1").arg(LintRule::text(rule.why)) + QLatin1Char('\n');
        text += QLatin1String("    ") + tr("instead:") + QLatin1Char('\n');
        for (const QString &line : LintRule::text(rule.safe).split(QLatin1Char('\n')))
            text += QLatin1String("      ") + line + QLatin1Char('\n');
        if (*rule.anchors)
            text += QLatin1String("    ") + tr("also in: %1").arg(QLatin1String(rule.anchors)) + QLatin1Char('\n');
    }
    return text.mid(1);
}

QString lintRulesHtml()
{
    QString html = QStringLiteral("<h2>%1</h2>").arg(tr("Lint rules").toHtmlEscaped());
    QString topic;
    for (const LintRule &rule : lintRules()) {
        if (topic != QLatin1String(rule.topic)) {
            topic = QLatin1String(rule.topic);
            html += QStringLiteral("<h3>%1</h3>").arg(LintRule::text(rule.topic).toHtmlEscaped());
        }
        html += QStringLiteral("<p><b><a name=\"%1\">%1</a></b> (%2) — %3<br>")
                    .arg(QLatin1String(rule.id), lintSeverityName(rule.severity),
                        LintRule::text(rule.title).toHtmlEscaped());
        if (*rule.lock)
            html +=
                tr("Lock: %1, blocks %2").arg(LintRule::text(rule.lock), LintRule::text(rule.blocks)).toHtmlEscaped() +
                QLatin1String("<br>");
        html += LintRule::text(rule.why).toHtmlEscaped() + QLatin1String("</p>");
        html += QStringLiteral("<pre>%1</pre>").arg(LintRule::text(rule.safe).toHtmlEscaped());
        if (*rule.anchors)
            html += QStringLiteral("<p><i>%1</i></p>")
                        .arg(tr("Also in: %1").arg(QLatin1String(rule.anchors)).toHtmlEscaped());
    }
    return html;
}

} // namespace Retort
