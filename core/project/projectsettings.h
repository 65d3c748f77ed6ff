#pragma once

#include "lint/lintsettings.h"
#include "util/inifile.h"
#include "util/result.h"

#include <QHash>
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
    // [retort.names]: values of Python expressions in Alembic revision files
    // that only running Python could tell, keyed by the expression as
    // written, in lower case (e.g. "cli.expand" -> "expand").
    QHash<QString, QString> pythonNames;
    LintSettings lint; // [retort.lint]

    // Reads [retort] and [retort.names] from `ini`. Unknown keys in
    // [retort] are errors, as in revision files, so a typo does not silently
    // fall back to a default.
    static Result<ProjectSettings> fromIni(const IniFile &ini);
};

} // namespace Retort
