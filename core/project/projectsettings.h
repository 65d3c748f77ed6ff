#pragma once

#include "lint/lintsettings.h"
#include "util/inifile.h"
#include "util/result.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Retort {

// Settings a project carries in retort.ini, section [retort]. Every key is
// optional; the defaults keep a project interchangeable with Alembic.
struct ProjectSettings {
    QString versionTable = QStringLiteral("alembic_version");
    QString versionTableSchema; // PostgreSQL schema of the version table; empty: the search_path's
    QString historyTable = QStringLiteral("retort_history");
    QString backupFolder; // relative to the project folder; empty: the user's data folder (Project::backupFolder)
    QString schemaFile; // for autogenerate; relative to the project folder
    // A PostgreSQL server Retort may create scratch databases on, to replay
    // migrations into (the shadow); empty: a private server of its own.
    QString shadowUrl;
    bool production = false; // databases of this project need typed confirmation for risky operations
    // Alembic projects: the Python that runs Alembic, as written (an
    // interpreter or a virtualenv folder, relative to the project folder);
    // empty: found by PythonEnvironment. `pythonDefinedAt` is "file:line".
    QString python;
    QString pythonDefinedAt;
    // [retort.env]: environment variables the project's own settings read,
    // each given a part of the connection ("DB_HOST" -> "host"); see
    // environmentParts(). In file order.
    QList<std::pair<QString, QString>> environment;
    // [retort.names]: values of Python expressions in Alembic revision files
    // that only running Python could tell, keyed by the expression as
    // written, in lower case (e.g. "cli.expand" -> "expand").
    QHash<QString, QString> pythonNames;
    LintSettings lint; // [retort.lint]

    // Reads [retort] and [retort.names] from `ini`. Unknown keys in
    // [retort] are errors, as in revision files, so a typo does not silently
    // fall back to a default.
    static Result<ProjectSettings> fromIni(const IniFile &ini);

    // The connection parts [retort.env] may name. Never the password: it
    // reaches the project's Python through PGPASSFILE, which libpq (so
    // psycopg2) and asyncpg read.
    static const QStringList &environmentParts();
};

} // namespace Retort
