#pragma once

#include "db/connectionsettings.h"
#include "util/result.h"

namespace Retort {

// Where a profile's password comes from. It is never stored with the
// profile itself.
enum class PasswordSource {
    Libpq, // libpq finds it: ~/.pgpass, PGPASSFILE, PGSERVICE, or no password (peer, certificates)
    Keychain, // the system keychain (GUI; the CLI asks on the terminal instead)
    Ask, // asked each time, kept in memory for the session only
};

QString passwordSourceName(PasswordSource source); // "libpq", "keychain", "ask"
std::optional<PasswordSource> passwordSourceFromName(const QString &name);

// A named, saved connection: a PostgreSQL server and database, or a SQLite
// file, and whether it is production (risky operations then ask for the
// database name to be typed and always back up first).
struct ConnectionProfile {
    QString name;
    ConnectionSettings connection; // connection.password is always empty in a stored profile
    bool production = false;
    PasswordSource passwordSource = PasswordSource::Libpq;
    // Where to replay migrations for this database (see ShadowOptions);
    // wins over the project's shadow_url. Empty: the project's, or a
    // private server.
    QString shadowUrl;

    // A complete profile: a name, and a database (PostgreSQL) or a file (SQLite).
    Result<void> validate() const;
    // The key of this profile's password in the system keychain.
    QString keychainKey() const;

    bool operator==(const ConnectionProfile &other) const;
};

} // namespace Retort
