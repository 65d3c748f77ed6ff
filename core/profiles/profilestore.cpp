#include "profilestore.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ProfileStore", text);
}

const QString kArray = QStringLiteral("profiles");

} // namespace

ProfileStore::ProfileStore(const QString &settingsFile)
    : m_file(settingsFile)
{ }

QString ProfileStore::defaultSettingsFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
        QStringLiteral("/Retort/profiles.conf");
}

QList<ConnectionProfile> ProfileStore::profiles() const
{
    QSettings settings(m_file, QSettings::IniFormat);
    QList<ConnectionProfile> result;
    const int count = settings.beginReadArray(kArray);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile profile;
        profile.name = settings.value(QStringLiteral("name")).toString();
        ConnectionSettings &c = profile.connection;
        c.dialect = settings.value(QStringLiteral("dialect")).toString() == QLatin1String("sqlite")
            ? Dialect::SQLite
            : Dialect::PostgreSQL;
        c.host = settings.value(QStringLiteral("host")).toString();
        c.port = settings.value(QStringLiteral("port"), -1).toInt();
        c.database = settings.value(QStringLiteral("database")).toString();
        c.user = settings.value(QStringLiteral("user")).toString();
        c.sqlitePath = settings.value(QStringLiteral("sqlite_path")).toString();
        const QVariantMap options = settings.value(QStringLiteral("options")).toMap();
        for (auto it = options.cbegin(); it != options.cend(); ++it)
            c.options.insert(it.key(), it.value().toString());
        profile.production = settings.value(QStringLiteral("production"), false).toBool();
        profile.shadowUrl = settings.value(QStringLiteral("shadow_url")).toString();
        profile.passwordSource = passwordSourceFromName(settings.value(QStringLiteral("password_source")).toString())
                                     .value_or(PasswordSource::Libpq);
        if (!profile.name.isEmpty())
            result.append(profile);
    }
    settings.endArray();
    return result;
}

std::optional<ConnectionProfile> ProfileStore::profile(const QString &name) const
{
    for (const ConnectionProfile &profile : profiles()) {
        if (profile.name == name)
            return profile;
    }
    return std::nullopt;
}

Result<void> ProfileStore::save(const ConnectionProfile &profile, const QString &previousName)
{
    if (auto valid = profile.validate(); !valid)
        return valid;
    const QString replaced = previousName.isEmpty() ? profile.name : previousName;
    QList<ConnectionProfile> all = profiles();
    qsizetype position = -1;
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all.at(i).name == replaced)
            position = i;
        else if (all.at(i).name == profile.name)
            return Error::at({}, 0, tr("there is already a profile called \"%1\"").arg(profile.name));
    }
    ConnectionProfile stored = profile;
    stored.connection.password.clear();
    stored.connection.options.remove(QStringLiteral("sslpassword"));
    if (position >= 0)
        all[position] = stored;
    else
        all.append(stored);
    writeAll(all);
    return {};
}

void ProfileStore::remove(const QString &name)
{
    QList<ConnectionProfile> all = profiles();
    all.removeIf([&](const ConnectionProfile &profile) { return profile.name == name; });
    writeAll(all);
}

void ProfileStore::writeAll(const QList<ConnectionProfile> &profiles)
{
    QSettings settings(m_file, QSettings::IniFormat);
    settings.remove(kArray);
    settings.beginWriteArray(kArray, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile &profile = profiles.at(i);
        const ConnectionSettings &c = profile.connection;
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), profile.name);
        settings.setValue(QStringLiteral("dialect"), dialectName(c.dialect));
        settings.setValue(QStringLiteral("host"), c.host);
        settings.setValue(QStringLiteral("port"), c.port);
        settings.setValue(QStringLiteral("database"), c.database);
        settings.setValue(QStringLiteral("user"), c.user);
        settings.setValue(QStringLiteral("sqlite_path"), c.sqlitePath);
        QVariantMap options;
        for (auto it = c.options.cbegin(); it != c.options.cend(); ++it)
            options.insert(it.key(), it.value());
        settings.setValue(QStringLiteral("options"), options);
        settings.setValue(QStringLiteral("production"), profile.production);
        if (profile.shadowUrl.isEmpty())
            settings.remove(QStringLiteral("shadow_url"));
        else
            settings.setValue(QStringLiteral("shadow_url"), profile.shadowUrl);
        settings.setValue(QStringLiteral("password_source"), passwordSourceName(profile.passwordSource));
    }
    settings.endArray();
    settings.sync();
}

} // namespace Retort
