#pragma once

#include "db/connectionsettings.h"
#include "util/result.h"

#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Retort {

class ShadowServer;

// Where the shadow comes from, in the order Retort tries: a configured
// server (shadow_url in retort.ini or the connection profile), else a
// private server Retort starts itself (ShadowServer); for SQLite, a
// temporary file.
struct ShadowOptions {
    Dialect dialect = Dialect::PostgreSQL;
    QString configuredUrl; // shadow_url; empty: a private server
    QString configuredFrom; // where shadow_url was set, for messages: "retort.ini", "profile \"prod\""
    int targetMajor = 0; // the target server's major version, for a private server of the same version; 0: any
};

// A fresh, empty database to replay migrations into, never the target:
// created from template0 on the shadow server (or a new SQLite file), and
// dropped when this object goes.
class ShadowDatabase
{
public:
    ~ShadowDatabase();
    ShadowDatabase(const ShadowDatabase &) = delete;
    ShadowDatabase &operator=(const ShadowDatabase &) = delete;

    static Result<std::unique_ptr<ShadowDatabase>> create(const ShadowOptions &options);
    // The major version the shadow create() would make runs (0 for
    // SQLite), known without starting a server: part of snapshot keys, so
    // that a warm cache answers without any shadow at all.
    static Result<int> expectedMajor(const ShadowOptions &options);

    const ConnectionSettings &settings() const { return m_settings; }
    Dialect dialect() const { return m_settings.dialect; }
    int serverMajor() const { return m_serverMajor; } // 0 for SQLite
    // "a private PostgreSQL 17 server (/tmp/...)", "the shadow_url of retort.ini (user@host/postgres)"
    QString description() const { return m_description; }
    // E.g. the target's PostgreSQL version differs from the shadow's.
    QStringList warnings() const { return m_warnings; }
    // An error from the shadow (a lost connection) explained: whether the
    // shadow server stopped, with the end of its log.
    Error explain(Error error) const;

private:
    ShadowDatabase() = default;

    ConnectionSettings m_settings;
    ConnectionSettings m_maintenance; // where it was created, to drop it from
    std::shared_ptr<ShadowServer> m_server; // keeps a private server running while in use
    std::unique_ptr<QTemporaryDir> m_sqliteFolder;
    QString m_description;
    QStringList m_warnings;
    int m_serverMajor = 0;
};

} // namespace Retort
