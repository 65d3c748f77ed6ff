#include "lintsettings.h"

#include "lintrules.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::LintSettings", text);
}

QStringList splitList(const QString &value)
{
    QStringList result;
    for (const QString &part : value.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
        result.append(part.trimmed());
    return result;
}

} // namespace

Result<LintSettings> LintSettings::fromIni(const IniFile &ini)
{
    const QString section = QStringLiteral("retort.lint");
    LintSettings settings;
    if (!ini.hasSection(section))
        return settings;
    static const QStringList known = { QStringLiteral("disabled"), QStringLiteral("severity"),
        QStringLiteral("pg_version") };
    for (const QString &key : ini.keys(section)) {
        if (!known.contains(key)) {
            return Error::at(ini.path(), ini.line(section, key),
                tr("unknown key \"%1\" in [retort.lint] (known keys: %2)").arg(key, known.join(QLatin1String(", "))));
        }
    }
    const auto unknownRule = [&](const QString &key, const QString &id) {
        return Error::at(ini.path(), ini.line(section, key),
            tr("unknown lint rule \"%1\"; retort-cli lint --rules lists them").arg(id));
    };
    for (const QString &id : splitList(ini.value(section, QStringLiteral("disabled")))) {
        if (!findLintRule(id))
            return unknownRule(QStringLiteral("disabled"), id);
        settings.disabled.append(id);
    }
    for (const QString &entry : splitList(ini.value(section, QStringLiteral("severity")))) {
        const qsizetype colon = entry.indexOf(QLatin1Char(':'));
        const QString id = entry.left(colon);
        LintSeverity severity = LintSeverity::Warning;
        if (colon < 0 || !parseLintSeverity(entry.mid(colon + 1), severity)) {
            return Error::at(ini.path(), ini.line(section, QStringLiteral("severity")),
                tr("severity \"%1\" must be RULE:error, RULE:warning or RULE:info").arg(entry));
        }
        if (!findLintRule(id))
            return unknownRule(QStringLiteral("severity"), id);
        settings.severities.insert(id, severity);
    }
    if (ini.contains(section, QStringLiteral("pg_version"))) {
        bool ok = false;
        const QString value = ini.value(section, QStringLiteral("pg_version")).trimmed();
        settings.pgVersion = value.toInt(&ok);
        if (!ok || settings.pgVersion < 9 || settings.pgVersion > 99) {
            return Error::at(ini.path(), ini.line(section, QStringLiteral("pg_version")),
                tr("pg_version \"%1\" must be a PostgreSQL major version such as 16").arg(value));
        }
    }
    return settings;
}

} // namespace Retort
