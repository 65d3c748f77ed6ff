#pragma once

#include "process/processrunner.h"
#include "util/result.h"

#include <QTemporaryFile>

#include <memory>

namespace Retort {

struct PythonEnvironment;

// Retort's Python bridge into a project's Alembic
// (core/resources/python/retort_alembic.py), written out for one use to a
// temporary file that only the user can read (mode 0600) and removed when
// this object goes. See that file for what it does and the events it
// reports.
class AlembicShim
{
public:
    static Result<std::unique_ptr<AlembicShim>> create();

    QString path() const { return m_file->fileName(); }

    // `python shim probe`: which Python and which Alembic and SQLAlchemy.
    ProcessRequest probeRequest(const PythonEnvironment &python) const;
    // `python shim alembic -c CONFIG ARGUMENTS…` in the folder of CONFIG.
    ProcessRequest alembicRequest(
        const PythonEnvironment &python, const QString &configFile, const QStringList &arguments) const;

    // Lines on stderr that start with this are the shim's events (one JSON
    // object each), not Alembic's output.
    static QByteArray eventMark();

    // The shim's exit codes.
    static constexpr int kExitRefused = 3;
    static constexpr int kExitNotStarted = 4;
    static constexpr int kExitFailed = 5;

private:
    std::unique_ptr<QTemporaryFile> m_file;
};

} // namespace Retort
