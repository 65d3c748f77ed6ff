#include "connectionprofile.h"

#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ConnectionProfile", text);
}

} // namespace

QString passwordSourceName(PasswordSource source)
{
    switch (source) {
    case PasswordSource::Libpq:
        return QStringLiteral("libpq");
    case PasswordSource::Keychain:
        return QStringLiteral("keychain");
    case PasswordSource::Ask:
        return QStringLiteral("ask");
    }
    return {};
}

std::optional<PasswordSource> passwordSourceFromName(const QString &name)
{
    for (PasswordSource source : { PasswordSource::Libpq, PasswordSource::Keychain, PasswordSource::Ask }) {
        if (passwordSourceName(source) == name)
            return source;
    }
    return std::nullopt;
}

Result<void> ConnectionProfile::validate() const
{
    if (name.trimmed().isEmpty())
        return Error::at({}, 0, tr("a profile needs a name"));
    if (connection.dialect == Dialect::SQLite) {
        if (connection.sqlitePath.isEmpty())
            return Error::at({}, 0, tr("profile \"%1\": choose the SQLite database file").arg(name));
        return {};
    }
    if (connection.database.isEmpty() && !connection.options.contains(QStringLiteral("service")))
        return Error::at({}, 0, tr("profile \"%1\": give the database name (or a PGSERVICE service)").arg(name));
    if (connection.port == 0 || connection.port > 65535)
        return Error::at({}, 0, tr("profile \"%1\": port %2 is not a valid port").arg(name).arg(connection.port));
    return {};
}

QString ConnectionProfile::keychainKey() const
{
    return QStringLiteral("profile/") + name;
}

bool ConnectionProfile::operator==(const ConnectionProfile &other) const
{
    const ConnectionSettings &a = connection;
    const ConnectionSettings &b = other.connection;
    return name == other.name && production == other.production && passwordSource == other.passwordSource &&
        shadowUrl == other.shadowUrl && a.dialect == b.dialect && a.host == b.host && a.port == b.port &&
        a.database == b.database && a.user == b.user && a.password == b.password && a.options == b.options &&
        a.sqlitePath == b.sqlitePath;
}

} // namespace Retort
