#include "projectsettings.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ProjectSettings", text);
}

const QString kSection = QStringLiteral("retort");

bool isPlainIdentifier(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    return pattern.match(name).hasMatch();
}

} // namespace

Result<ProjectSettings> ProjectSettings::fromIni(const IniFile &ini)
{
    ProjectSettings settings;
    const QString namesSection = QStringLiteral("retort.names");
    for (const QString &key : ini.keys(namesSection))
        settings.pythonNames.insert(key, ini.value(namesSection, key).trimmed());
    Result<LintSettings> lint = LintSettings::fromIni(ini);
    if (!lint)
        return lint.error();
    settings.lint = *lint;
    const QString environmentSection = QStringLiteral("retort.env");
    for (const QString &key : ini.keys(environmentSection)) {
        const QString part = ini.value(environmentSection, key).trimmed().toLower();
        if (!environmentParts().contains(part)) {
            return Error::at(ini.path(), ini.line(environmentSection, key),
                tr("[retort.env] %1 = %2: the value names a part of the connection, one of %3 (the password goes "
                   "through PGPASSFILE, never the environment)")
                    .arg(key.toUpper(), part, environmentParts().join(QLatin1String(", "))));
        }
        // Environment variables are case-sensitive and INI keys are not: the
        // variables apps read are upper case by convention.
        settings.environment.append({ key.toUpper(), part });
    }
    if (!ini.hasSection(kSection))
        return settings;
    static const QStringList known = {
        QStringLiteral("version_table"),
        QStringLiteral("version_table_schema"),
        QStringLiteral("history_table"),
        QStringLiteral("backup_folder"),
        QStringLiteral("schema_file"),
        QStringLiteral("production"),
        QStringLiteral("shadow_url"),
        QStringLiteral("python"),
    };
    for (const QString &key : ini.keys(kSection)) {
        if (!known.contains(key)) {
            return Error::at(ini.path(), ini.line(kSection, key),
                tr("unknown key \"%1\" in [retort] (known keys: %2)").arg(key, known.join(QLatin1String(", "))));
        }
    }
    const auto identifier = [&](const QString &key, QString &target) -> Result<void> {
        if (!ini.contains(kSection, key))
            return {};
        const QString value = ini.value(kSection, key);
        if (!isPlainIdentifier(value)) {
            return Error::at(ini.path(), ini.line(kSection, key),
                tr("%1 \"%2\" must be a plain SQL name (letters, digits, underscore)").arg(key, value));
        }
        target = value;
        return {};
    };
    if (auto r = identifier(QStringLiteral("version_table"), settings.versionTable); !r)
        return r.error();
    if (auto r = identifier(QStringLiteral("version_table_schema"), settings.versionTableSchema); !r)
        return r.error();
    if (auto r = identifier(QStringLiteral("history_table"), settings.historyTable); !r)
        return r.error();
    settings.backupFolder = ini.value(kSection, QStringLiteral("backup_folder"), settings.backupFolder);
    settings.schemaFile = ini.value(kSection, QStringLiteral("schema_file"));
    settings.shadowUrl = ini.value(kSection, QStringLiteral("shadow_url"));
    if (ini.contains(kSection, QStringLiteral("python"))) {
        settings.python = ini.value(kSection, QStringLiteral("python")).trimmed();
        settings.pythonDefinedAt =
            QStringLiteral("%1:%2").arg(ini.path()).arg(ini.line(kSection, QStringLiteral("python")));
    }
    if (ini.contains(kSection, QStringLiteral("production"))) {
        const QString value = ini.value(kSection, QStringLiteral("production")).toLower();
        if (value == QLatin1String("true") || value == QLatin1String("yes") || value == QLatin1String("1")) {
            settings.production = true;
        } else if (value == QLatin1String("false") || value == QLatin1String("no") || value == QLatin1String("0")) {
            settings.production = false;
        } else {
            return Error::at(ini.path(), ini.line(kSection, QStringLiteral("production")),
                tr("production must be true or false, not \"%1\"").arg(value));
        }
    }
    return settings;
}

const QStringList &ProjectSettings::environmentParts()
{
    static const QStringList parts = {
        QStringLiteral("url"), // the SQLAlchemy URL, driver kept, without the password
        QStringLiteral("host"), QStringLiteral("port"), QStringLiteral("database"), QStringLiteral("user"),
        QStringLiteral("driver"), // "postgresql+asyncpg", "sqlite"
        QStringLiteral("path"), // SQLite: the database file
    };
    return parts;
}

} // namespace Retort
