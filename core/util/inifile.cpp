#include "inifile.h"

#include "textfile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::IniFile", text);
}

} // namespace

Result<IniFile> IniFile::read(const QString &path)
{
    Result<QString> text = readUtf8File(path, 1024 * 1024);
    if (!text)
        return text.error();
    return parse(*text, path);
}

Result<IniFile> IniFile::parse(const QString &text, const QString &path)
{
    IniFile ini;
    ini.m_path = path;
    QString section;
    QString lastKey;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty()) {
            lastKey.clear();
            continue;
        }
        if (trimmed.startsWith(QLatin1Char('#')) || trimmed.startsWith(QLatin1Char(';')))
            continue;
        if (line.at(0).isSpace() && !lastKey.isEmpty()) {
            Entry &entry = ini.m_sections[section][lastKey];
            entry.value += QLatin1Char('\n') + trimmed;
            continue;
        }
        if (trimmed.startsWith(QLatin1Char('['))) {
            if (!trimmed.endsWith(QLatin1Char(']')))
                return Error::at(path, i + 1, tr("a section header must end with ']'"));
            section = trimmed.mid(1, trimmed.size() - 2).trimmed();
            if (!ini.m_sections.contains(section)) {
                ini.m_sectionOrder.append(section);
                ini.m_sections.insert(section, {});
            }
            lastKey.clear();
            continue;
        }
        const qsizetype equals = trimmed.indexOf(QLatin1Char('='));
        const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
        qsizetype split = equals;
        if (split < 0 || (colon >= 0 && colon < split))
            split = colon;
        if (split <= 0)
            return Error::at(path, i + 1, tr("expected \"key = value\", a [section] or a comment"));
        if (section.isEmpty())
            return Error::at(path, i + 1, tr("\"%1\" comes before any [section]").arg(trimmed.left(split).trimmed()));
        const QString key = trimmed.left(split).trimmed().toLower();
        if (!ini.m_sections[section].contains(key))
            ini.m_keyOrder[section].append(key);
        ini.m_sections[section].insert(key, Entry { trimmed.mid(split + 1).trimmed(), i + 1 });
        lastKey = key;
    }
    return ini;
}

bool IniFile::contains(const QString &section, const QString &key) const
{
    return m_sections.value(section).contains(key.toLower()) ||
        m_sections.value(QStringLiteral("DEFAULT")).contains(key.toLower());
}

QStringList IniFile::keys(const QString &section) const
{
    return m_keyOrder.value(section);
}

int IniFile::line(const QString &section, const QString &key) const
{
    return m_sections.value(section).value(key.toLower()).line;
}

QString IniFile::value(const QString &section, const QString &key, const QString &fallback) const
{
    const QString lower = key.toLower();
    auto found = m_sections.value(section).constFind(lower);
    if (found == m_sections.value(section).constEnd()) {
        const auto defaults = m_sections.value(QStringLiteral("DEFAULT"));
        found = defaults.constFind(lower);
        if (found == defaults.constEnd())
            return fallback;
        return interpolate(section, found->value, 0);
    }
    return interpolate(section, found->value, 0);
}

QString IniFile::interpolate(const QString &section, const QString &raw, int depth) const
{
    if (depth > 10 || !raw.contains(QLatin1Char('%')))
        return raw;
    static const QRegularExpression reference(QStringLiteral(R"(%\(([^)]+)\)s|%%)"));
    QString result;
    qsizetype last = 0;
    auto it = reference.globalMatch(raw);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result += QStringView(raw).sliced(last, match.capturedStart() - last);
        if (match.captured(0) == QLatin1String("%%")) {
            result += QLatin1Char('%');
        } else {
            const QString name = match.captured(1).toLower();
            if (name == QLatin1String("here")) {
                result += QFileInfo(m_path).absolutePath();
            } else {
                const Entry entry =
                    m_sections.value(section).value(name, m_sections.value(QStringLiteral("DEFAULT")).value(name));
                result += interpolate(section, entry.value, depth + 1);
            }
        }
        last = match.capturedEnd();
    }
    result += QStringView(raw).sliced(last);
    return result;
}

} // namespace Retort
