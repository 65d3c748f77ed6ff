#pragma once

#include "db/connectionsettings.h"
#include "db/databaseconnection.h"
#include "project/revision.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Retort {
class IndexSpan;
class RevisionGraph;
} // namespace Retort

namespace Retort::Test {

// The repository's root, its demo project, and tests/data.
QString sourceDirectory();
QString demoProjectDirectory();
QString testDataDirectory();
// The built retort-cli and retort executables.
QString cliExecutable();
QString guiExecutable();

// Revisions from a compact description, one per entry:
// "id<-parent,parent" with optional "|dep,dep" for depends_on and
// "#label,label" for branch labels, e.g. "c<-a,b|x#billing". Each gets the
// file versions/<id>.sql and the message "revision <id>".
QList<Revision> revisionsFromSpecs(const QStringList &specs);

// A project folder in a temporary directory, written file by file.
class TemporaryProject
{
public:
    TemporaryProject();
    QString path() const { return m_dir.path(); }
    QString versionsPath() const;
    // Writes versions/<name>; returns its absolute path.
    QString writeRevision(const QString &name, const QByteArray &content) const;
    QString writeFile(const QString &relativePath, const QByteArray &content) const;
    // Copies a project's top-level files (retort.ini...) and its versions/
    // folder here, for a test that changes them.
    void copyFrom(const QString &projectDirectory) const;
    // A minimal valid native revision file.
    static QByteArray nativeRevision(const QString &id, const QString &downRevisions, const QString &message,
        const QString &extraHeader = {}, const QString &upgradeSql = QStringLiteral("SELECT 1;"));

private:
    QTemporaryDir m_dir;
};

// The PostgreSQL server that ./dev test starts (RETORT_TEST_PG_URL).
// Returns false, with the reason, when the variable is not set.
bool postgresAvailable(QString *why = nullptr);

// A database of its own on that server for one test, dropped afterwards.
class ScratchPostgresDatabase
{
public:
    ScratchPostgresDatabase();
    ~ScratchPostgresDatabase();
    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }
    ConnectionSettings settings() const { return m_settings; }
    QString url() const { return m_settings.url(); }
    std::unique_ptr<DatabaseConnection> connect() const;

private:
    ConnectionSettings m_admin;
    ConnectionSettings m_settings;
    bool m_valid = false;
    QString m_error;
};

// A login role that may only read: the predefined pg_read_all_data (so no
// grant on any object, which would itself be schema), every transaction
// read-only by default, plus `extraRoles` (pg_read_all_stats to see other
// sessions, as a monitoring role does). Dropped afterwards. A command run
// as this role that wrote anything would fail: the proof that it only
// reads.
class ReadOnlyRole
{
public:
    ReadOnlyRole(const ConnectionSettings &admin, const QString &name, const QStringList &extraRoles = {});
    ~ReadOnlyRole();
    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }
    QString password() const { return m_settings.password; }
    // The admin's connection with this role's user and password.
    ConnectionSettings settings() const { return m_settings; }

private:
    bool execute(const QString &sql);

    ConnectionSettings m_admin;
    ConnectionSettings m_settings;
    bool m_valid = false;
    QString m_error;
};

// Runs a program to completion with the given arguments, stdin text and
// extra environment; returns its exit code (-1 if it crashed or timed out).
struct ProcessResult {
    int exitCode = -1;
    QString out;
    QString err;
};
ProcessResult runProcess(const QString &program, const QStringList &arguments, const QString &workingDirectory = {},
    const QStringList &environment = {}, const QByteArray &input = {}, int timeoutMs = 120000);

// Compares `actual` with the golden file `path`. With RETORT_REGENERATE=1
// set, writes `actual` to the file instead (review the diff before commit).
bool matchesGoldenFile(const QString &actual, const QString &path, QString *difference);

// The ids of the revisions at `indexes` of `graph`, for comparing lists of
// revisions; a planner's markers read "<none>" and "base".
QStringList revisionIds(const RevisionGraph &graph, const QList<int> &indexes);
QStringList revisionIds(const RevisionGraph &graph, IndexSpan indexes);

} // namespace Retort::Test
