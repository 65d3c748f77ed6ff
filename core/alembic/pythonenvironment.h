#pragma once

#include "process/processrunner.h"
#include "project/project.h"
#include "util/result.h"

#include <QProcessEnvironment>
#include <QString>

namespace Retort {

// The Python that runs an Alembic project's migrations: its own, with the
// packages its env.py imports (the app's settings and models, the database
// driver). Chosen in this order, the first that applies:
//   1. `python` in the project's [retort] settings: an interpreter, or a
//      virtualenv folder (relative paths from the project folder);
//   2. VIRTUAL_ENV, the virtualenv activated in the shell Retort runs in;
//   3. a virtualenv named .venv, venv, env or myenv in the folder of
//      alembic.ini or the one above it (where a repository's root keeps it);
//   4. python3 on PATH.
// A window started from a desktop menu has no VIRTUAL_ENV, which is why the
// folder and the setting come before PATH.
struct PythonEnvironment {
    QString interpreter; // absolute path of the python executable
    QString virtualEnv; // the virtualenv's folder; empty for an interpreter given or found on PATH
    QString origin; // why this one, for messages: "python in /p/retort.ini:4", ".venv next to alembic.ini"
    // Filled by inspect():
    QString pythonVersion; // "3.13.5"
    QString alembicVersion; // "1.13.2"
    QString sqlalchemyVersion; // "2.0.40"

    // Chooses the interpreter (without running it). An error when the
    // setting names something that is not there or not a Python.
    static Result<PythonEnvironment> locate(
        const Project &project, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    // locate(), then runs the interpreter to ask its versions: an error
    // naming the interpreter and where it came from when it does not run or
    // cannot import Alembic, before anything else runs. An answer that found
    // Alembic is kept for the process while the interpreter, the environment
    // and the folders it imports from stay as they were (PythonProbeCache).
    static Result<PythonEnvironment> inspect(
        const Project &project, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    // "Python 3.13.5, Alembic 1.13.2 (/p/.venv/bin/python, .venv next to alembic.ini)"
    QString summary() const;

    // How Retort starts every Python of a project, Alembic through its
    // bridge or its own helper: this interpreter with `arguments`, in
    // `workingDirectory`, as from the activated virtualenv (VIRTUAL_ENV, its
    // bin first on PATH: env.py may run its tools), without a PYTHONHOME
    // meant for another Python, and writing no __pycache__ next to Retort's
    // temporary scripts.
    ProcessRequest request(const QStringList &arguments, const QString &workingDirectory = {}) const;
};

} // namespace Retort
