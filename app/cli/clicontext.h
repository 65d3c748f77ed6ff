#pragma once

#include "db/connectionsettings.h"
#include "db/versiontable.h"
#include "profiles/connectionprofile.h"
#include "project/project.h"
#include "util/result.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

namespace Retort::Cli {

// Exit codes of retort-cli (DESIGN.md): 0 ok, 1 the operation failed, 2 bad
// usage or bad input (a malformed revision file, an unknown revision...).
enum ExitCode { ExitOk = 0, ExitFailed = 1, ExitBadInput = 2 };

// What every command gets: the streams to write to and the global options.
class CliContext
{
public:
    CliContext(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    { }

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    QString projectDirectory;
    QString databaseUrl; // from --db or DATABASE_URL; empty: libpq's own defaults
    QString profileName; // --profile: a saved connection profile
    QString profileFile; // where profiles are read (ProfileStore's default unless tests say otherwise)
    bool json = false;

    // The database to work on: --db, or --profile, or DATABASE_URL, or
    // libpq's own defaults (PGHOST, PGSERVICE, ~/.pgpass...). A profile
    // whose password is kept in the keychain or asked each time gets it
    // asked on the terminal (retort-cli cannot read the keychain; scripts
    // use ~/.pgpass or PGPASSFILE). SQLite paths are relative to the
    // project folder.
    Result<ConnectionSettings> connectionSettings();
    // Whether the project or the profile marks this connection production
    // (risky operations then ask for the database name to be typed).
    bool isProductionConnection();
    // The shadow_url of the --profile in use, if it has one (after
    // connectionSettings()).
    QString profileShadowUrl() const { return m_profile ? m_profile->shadowUrl : QString(); }

    // The rows of the project's version table in that database (no rows
    // when it was never migrated). Needs project() to have succeeded.
    Result<VersionRows> versionRows();
    // The database's redacted URL, for messages and --json.
    QString databaseName();

    // Loads the project, printing the error (file:line: message) and its
    // warnings to stderr. Returns nullptr when it could not be loaded.
    const Project *project();
    // The exit code to return after project() returned nullptr.
    int projectExitCode() const { return ExitBadInput; }

    // Prints "retort-cli: error: ..." and returns `code`.
    int fail(const Error &error, int code);
    int fail(const QString &message, int code);
    void warn(const Error &error);
    void printJson(const QJsonDocument &document);

private:
    QTextStream &m_out;
    QTextStream &m_err;
    std::optional<Project> m_project;
    std::optional<ConnectionProfile> m_profile;
};

} // namespace Retort::Cli
