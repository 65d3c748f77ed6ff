#pragma once

#include "db/connectionsettings.h"
#include "shadow/postgresbinaries.h"
#include "util/result.h"

#include <QTemporaryDir>

#include <memory>

namespace Retort {

// A private, throwaway PostgreSQL server for the shadow databases: initdb
// (or a copy of what it made before, see ShadowTemplate) into a temporary
// folder, reachable only through a Unix socket in that folder
// (listen_addresses is empty: no TCP port at all), fsync off since nothing
// in it needs to survive. One per major version is started the first time a
// process needs it and reused until the process ends (shared()); the last
// reference stops it and removes its folder.
//
// PostgreSQL refuses to run as root. Run as root, Retort runs the server as
// the "postgres" user the server package creates (as ./dev does); without
// that user, shared() says so.
class ShadowServer
{
public:
    ~ShadowServer();
    ShadowServer(const ShadowServer &) = delete;
    ShadowServer &operator=(const ShadowServer &) = delete;

    // The process's server of `wantedMajor` (0: any), started on first use
    // and started again when it was stopped from outside. `warning` is set
    // when no server programs of that version exist and another is used.
    static Result<std::shared_ptr<ShadowServer>> shared(int wantedMajor, QString *warning);
    // Stops every server shared() started (also done when the application
    // object goes away).
    static void stopAll();
    // Whether a server shared() started is running now: then more shadow
    // work costs no new server.
    static bool isAnyRunning();

    // Starts a server of its own (most callers want shared()). Its data
    // folder is copied from the ShadowTemplate in `templateFolder` (empty:
    // the cache folder's) when there is one, made by initdb otherwise.
    static Result<std::unique_ptr<ShadowServer>> start(
        const PostgresBinaries &binaries, const QString &templateFolder = {});

    // A connection to its "postgres" database, as the superuser.
    ConnectionSettings maintenanceSettings() const;
    int major() const { return m_binaries.major; }
    QString directory() const { return m_dir.path(); }
    // Whether the data folder was copied from a template, not made by initdb.
    bool startedFromTemplate() const { return m_fromTemplate; }
    // Whether the postmaster still runs (something may have killed it).
    bool isRunning() const;
    // The end of the server's log, for messages about a server that stopped.
    QString logTail(int lines = 8) const;
    // "a private PostgreSQL 17 server (/tmp/retort-shadow-Ab12Cd)"
    QString description() const;

private:
    explicit ShadowServer(PostgresBinaries binaries);
    Result<void> run(const QString &program, const QStringList &arguments) const;

    PostgresBinaries m_binaries;
    QTemporaryDir m_dir;
    bool m_started = false;
    bool m_fromTemplate = false;
};

} // namespace Retort
