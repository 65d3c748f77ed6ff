#pragma once

#include "project/project.h"

#include <QJsonObject>
#include <QStringList>

namespace Retort::Test {

// The Python that has python3-alembic ($RETORT_TEST_PYTHON, else python3).
QString pythonExecutable();
// tests/reference/alembic_reference.py.
QString referenceHelper();

// Runs `alembic_reference.py run` on `spec` (see the helper's docstring) and
// returns its answers; on failure, returns an empty object and sets `error`.
QJsonObject runReference(const QJsonObject &spec, QString *error);

// Every way `project` disagrees with one project's answers from the
// reference: its graph (heads, bases, history order, branch labels, flags)
// and each query (plans with their version rows, history ranges, targets,
// current revisions). Empty when Retort agrees with Alembic throughout.
QStringList compareWithReference(const Project &project, const QJsonObject &reference);

} // namespace Retort::Test
