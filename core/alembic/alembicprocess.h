#pragma once

#include "alembic/pythonenvironment.h"
#include "db/connectionsettings.h"
#include "process/processrunner.h"
#include "project/project.h"

#include <QJsonObject>
#include <QObject>

#include <optional>

namespace Retort {

// The one way Retort runs a project's Alembic: `alembic -c alembic.ini
// ARGUMENTS…` inside Retort's bridge (AlembicShim), with the project's
// Python (PythonEnvironment), in the folder of alembic.ini.
//
// Given a database, Alembic gets it in every way env.py files commonly read
// it — the Config's sqlalchemy.url, DATABASE_URL, `-x url=` (also db_url
// and sqlalchemy.url) and the variables of the project's [retort.env] —
// with the driver kept (postgresql+asyncpg://) and the password only in a
// 0600 PGPASSFILE. Given what to expect (see ConnectionProof), the bridge
// compares the connection env.py opened with it before Alembic's first
// statement, and stops Alembic when it differs.
//
// What Alembic prints comes out line by line (output); what the bridge
// sees inside Alembic — the connection, each step started and applied, a
// failure with its revision, file, line and SQLSTATE — comes as events,
// one JSON object each (see retort_alembic.py for their fields).
class AlembicProcess : public QObject
{
    Q_OBJECT
public:
    AlembicProcess(const Project &project, PythonEnvironment python, QObject *parent = nullptr);

    void setPython(PythonEnvironment python) { m_python = std::move(python); }

    struct Database {
        ConnectionSettings settings;
        QJsonObject expect; // ConnectionProof::expected(); empty: no check (offline --sql)
    };

    // Runs Alembic to its end. The exit code tells how it ended (see
    // AlembicShim's kExit…); an Error only when the bridge could not be
    // started or was cancelled, or it exited otherwise.
    struct Outcome {
        int exitCode = 0;
        bool cancelled = false;
        QByteArray standardOutput; // what Alembic printed on stdout (offline SQL)
        QString standardError; // Alembic's log, without the bridge's events
        QList<QJsonObject> events;
    };
    Outcome run(const QStringList &arguments, const std::optional<Database> &database = {});

    void cancel() { m_processes.cancel(); }
    bool isCancelled() const { return m_processes.isCancelled(); }

    const PythonEnvironment &python() const { return m_python; }

    // The SQLAlchemy URL Alembic gets, without the password: the driver of
    // `settings`, else the one of alembic.ini's sqlalchemy.url when it names
    // the same database kind (a project on asyncpg says so there).
    static QString sqlalchemyUrl(const ConnectionSettings &settings, const Project &project);
    // The variables given to the project's own settings: DATABASE_URL and
    // those of [retort.env]. Never the password.
    static QMap<QString, QString> environment(const ConnectionSettings &settings, const Project &project);

signals:
    void output(const QString &line); // what Alembic prints on stderr, line by line
    void reported(const QJsonObject &event); // one of the bridge's events, as it comes

private:
    const Project &m_project;
    PythonEnvironment m_python;
    ProcessRunner m_processes;
};

} // namespace Retort
