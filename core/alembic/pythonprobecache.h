#pragma once

#include "pythonenvironment.h"

#include <QStringList>

#include <optional>

namespace Retort {

// What a project's Python said about itself (PythonEnvironment::inspect()),
// kept while nothing the answer depends on has changed: in this process,
// and on disk for the next one (every retort-cli command is a process of its
// own). Asking imports Alembic and SQLAlchemy, about half a second of CPU,
// and Retort asks before every Alembic command. The answer depends on the
// interpreter, the variables that tell Python where to import from, and what
// is installed there: installing, upgrading or removing a package adds or
// removes entries of those folders, which changes their modification times.
class PythonProbeCache
{
public:
    // The answer for the interpreter locate() chose, if it still holds.
    static std::optional<PythonEnvironment> find(const PythonEnvironment &located);
    // `watched`: the folders (and zip files) Python imports from, and the
    // packages' own folders. Only answers that found Alembic are kept.
    static void remember(const PythonEnvironment &inspected, const QStringList &watched);
    // Forgets the answers kept in this process, as if it had just started
    // (for tests): those on disk stay.
    static void clearMemory();
    // Where the answers on disk are (~/.cache/retort/python-probe).
    static QString cacheDirectory();
};

} // namespace Retort
