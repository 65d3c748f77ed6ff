#pragma once

#include "project/project.h"
#include "util/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Retort {

// One file of a native project's desired schema (schema_file in
// retort.ini): the schema the project wants, written as the SQL that
// creates it.
struct SchemaSource {
    QString path; // absolute
    QString text;
};

// The files schema_file names: one .sql file, or every .sql file of a
// folder in name order (01_types.sql before 02_tables.sql). An error that
// says how to start one when the project has no schema_file.
Result<QList<SchemaSource>> readDesiredSchema(const Project &project);

// Runs the files on `db` (an empty shadow database) statement by statement,
// each in its own transaction as psql would. A failure names the file and
// the line the server pointed at, with the server's message.
Result<void> loadDesiredSchema(const QSqlDatabase &db, Dialect dialect, const QList<SchemaSource> &sources);

} // namespace Retort
