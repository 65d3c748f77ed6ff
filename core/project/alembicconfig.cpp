#include "alembicconfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::AlembicConfig", text);
}

const QString kSection = QStringLiteral("alembic");

} // namespace

Result<AlembicConfig> AlembicConfig::read(const IniFile &ini)
{
    AlembicConfig config;
    const QDir base = QFileInfo(ini.path()).absoluteDir();
    if (!ini.hasSection(kSection))
        return Error::at(ini.path(), 0, tr("there is no [alembic] section; is this an Alembic configuration file?"));
    const QString location = ini.value(kSection, QStringLiteral("script_location")).trimmed();
    if (location.isEmpty())
        return Error::at(ini.path(), 0, tr("no 'script_location' key found in [alembic]"));
    const int locationLine = ini.line(kSection, QStringLiteral("script_location"));
    if (!QDir::isAbsolutePath(location) && location.contains(QLatin1Char(':'))) {
        return Error::at(ini.path(), locationLine,
            tr("script_location %1 names a Python package resource, which only Python can find; give a folder path "
               "instead")
                .arg(location));
    }
    config.scriptLocation = QDir::cleanPath(base.absoluteFilePath(location));
    if (!QFileInfo(config.scriptLocation).isDir()) {
        return Error::at(ini.path(), locationLine,
            tr("script_location %1 is not a folder (Alembic: \"Path doesn't exist\")").arg(config.scriptLocation));
    }

    const QString versions = ini.value(kSection, QStringLiteral("version_locations")).trimmed();
    if (versions.isEmpty()) {
        config.versionLocations = { QDir(config.scriptLocation).absoluteFilePath(QStringLiteral("versions")) };
    } else {
        const int line = ini.line(kSection, QStringLiteral("version_locations"));
        QStringList locations;
        if (!ini.contains(kSection, QStringLiteral("version_path_separator"))) {
            // Alembic's legacy rule: commas and spaces.
            static const QRegularExpression legacy(QStringLiteral(", *|(?: +)"));
            locations = versions.split(legacy);
        } else {
            const QString separator = ini.value(kSection, QStringLiteral("version_path_separator")).trimmed();
            QString by;
            if (separator == QLatin1String("space"))
                by = QStringLiteral(" ");
            else if (separator == QLatin1String("os"))
                by = QDir::listSeparator();
            else if (separator == QLatin1String(":") || separator == QLatin1String(";"))
                by = separator;
            else
                return Error::at(ini.path(), ini.line(kSection, QStringLiteral("version_path_separator")),
                    tr("'%1' is not a valid value for version_path_separator; expected 'space', 'os', ':', ';'")
                        .arg(separator));
            locations = versions.split(by, Qt::SkipEmptyParts);
        }
        for (const QString &item : std::as_const(locations)) {
            if (item.isEmpty())
                continue;
            if (!QDir::isAbsolutePath(item) && item.contains(QLatin1Char(':'))) {
                return Error::at(ini.path(), line,
                    tr("version location %1 names a Python package resource, which only Python can find; give a "
                       "folder path instead")
                        .arg(item));
            }
            const QString path = QDir::cleanPath(base.absoluteFilePath(item));
            if (QFileInfo(path).isDir())
                config.versionLocations.append(path);
            else
                config.warnings.append(Error::at(ini.path(), line,
                    tr("version location %1 does not exist; skipped, as Alembic skips it").arg(path)));
        }
    }
    config.recursive = ini.value(kSection, QStringLiteral("recursive_version_locations")) == QLatin1String("true");
    if (ini.value(kSection, QStringLiteral("sourceless")) == QLatin1String("true")) {
        config.warnings.append(Error::at(ini.path(), ini.line(kSection, QStringLiteral("sourceless")),
            tr("sourceless = true: Retort reads .py files only, not compiled .pyc files")));
    }
    return config;
}

} // namespace Retort
