#include "clicontext.h"

#include "profiles/profilestore.h"
#include "project/projectloader.h"
#include "terminal.h"

#include <QCoreApplication>
#include <QDir>

namespace Retort::Cli {

const Project *CliContext::project()
{
    if (m_project)
        return &*m_project;
    Result<Project> loaded = ProjectLoader::load(projectDirectory);
    if (!loaded) {
        fail(loaded.error(), ExitBadInput);
        return nullptr;
    }
    m_project = std::move(*loaded);
    for (const Error &warning : std::as_const(m_project->warnings))
        warn(warning);
    return &*m_project;
}

Result<ConnectionSettings> CliContext::connectionSettings()
{
    const QString base = projectDirectory;
    if (!profileName.isEmpty()) {
        if (!m_profile) {
            ProfileStore store(profileFile.isEmpty() ? ProfileStore::defaultSettingsFile() : profileFile);
            m_profile = store.profile(profileName);
            if (!m_profile) {
                return Error::at(store.fileName(), 0,
                    QCoreApplication::translate("retort-cli", "there is no connection profile called \"%1\"")
                        .arg(profileName));
            }
        }
        ConnectionSettings settings = m_profile->connection;
        if (settings.dialect == Dialect::SQLite && !settings.sqlitePath.isEmpty())
            settings.sqlitePath = QDir(base).absoluteFilePath(settings.sqlitePath);
        if (settings.dialect == Dialect::PostgreSQL && m_profile->passwordSource != PasswordSource::Libpq &&
            Terminal::isInteractive()) {
            settings.password =
                Terminal::askHidden(QCoreApplication::translate("retort-cli", "Password for %1 (profile \"%2\"): ")
                                        .arg(settings.displayName(), m_profile->name));
        }
        return settings;
    }
    if (databaseUrl.isEmpty()) {
        // libpq's own defaults: PGHOST, PGPORT, PGDATABASE, PGSERVICE...
        return ConnectionSettings();
    }
    return ConnectionSettings::fromUrl(databaseUrl, base);
}

Result<VersionRows> CliContext::versionRows()
{
    Result<ConnectionSettings> settings = connectionSettings();
    if (!settings)
        return settings.error();
    return VersionTable::read(*settings, m_project ? m_project->settings : ProjectSettings());
}

QString CliContext::databaseName()
{
    Result<ConnectionSettings> settings = connectionSettings();
    return settings ? settings->redactedUrl() : QString();
}

bool CliContext::isProductionConnection()
{
    if (m_profile && m_profile->production)
        return true;
    const Project *loaded = m_project ? &*m_project : nullptr;
    return loaded && loaded->settings.production;
}

int CliContext::fail(const Error &error, int code)
{
    m_err << "retort-cli: error: " << error.toString() << Qt::endl;
    return code;
}

int CliContext::fail(const QString &message, int code)
{
    m_err << "retort-cli: error: " << message << Qt::endl;
    return code;
}

void CliContext::warn(const Error &error)
{
    m_err << "retort-cli: warning: " << error.toString() << Qt::endl;
}

void CliContext::printJson(const QJsonDocument &document)
{
    m_out << document.toJson(QJsonDocument::Indented);
    m_out.flush();
}

} // namespace Retort::Cli
