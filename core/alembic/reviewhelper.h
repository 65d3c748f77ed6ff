#pragma once

#include "project/project.h"
#include "util/result.h"

#include <QJsonObject>
#include <QMap>

namespace Retort {

// Which Python runs the project's Alembic for Retort's read-only questions
// (offline SQL, the new-revision template), and what it gets in its
// environment. The python is an interpreter's name on PATH or a path.
struct AlembicPython {
    // The interpreter; empty: the project's own (see PythonEnvironment).
    QString python;
    // The database as a SQLAlchemy URL without the password (offline SQL
    // needs only its dialect); empty: the project's own configuration.
    QString url;
    QMap<QString, QString> environment;
    // The password, for a helper that connects (alembic check): it goes
    // through a 0600 PGPASSFILE, never the URL or the environment.
    QString password;
};

// Runs Retort's helper (resources/python/alembic_review.py) with the
// project's Python, in the folder of alembic.ini, on one JSON request; its
// JSON answer. An error when Python or the helper could not run at all
// (no Python, no Alembic, a broken alembic.ini); what the project's own code
// raised comes back inside the answer. Blocks: call it off the GUI thread.
Result<QJsonObject> runReviewHelper(const Project &project, const AlembicPython &python, QJsonObject request);

// alembic.ini, absolute.
QString alembicConfigFile(const Project &project);

} // namespace Retort
