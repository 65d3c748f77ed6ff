#pragma once

#include "pythonenvironment.h"

#include <QStringList>

#include <optional>

namespace Retort {

// What a project's Python said about itself (PythonEnvironment::inspect()),
// kept for this process while nothing the answer depends on has changed.
// Asking imports Alembic and SQLAlchemy, about 0.4 s of CPU, and Retort asks
// before every Alembic command. The answer depends on the interpreter, the
// environment Retort starts it in, and what is installed where it imports
// from: installing, upgrading or removing a package adds or removes entries
// of those folders, which changes their modification times.
class PythonProbeCache
{
public:
    // The answer for the interpreter locate() chose, if it still holds.
    static std::optional<PythonEnvironment> find(const PythonEnvironment &located);
    // `watched`: the folders (and zip files) Python imports from, and the
    // packages' own folders. Only answers that found Alembic are kept.
    static void remember(const PythonEnvironment &inspected, const QStringList &watched);
    // Forgets every answer (for tests).
    static void clear();
};

} // namespace Retort
