#pragma once

#include "clicontext.h"
#include "shadow/driftcheck.h"
#include "shadow/shadowdatabase.h"

#include <QCommandLineParser>

namespace Retort::Cli {

// What the commands that replay into a shadow database share.

// The shadow for `target`: the profile's shadow_url, else the project's,
// else a private server of the target's major version (`targetMajor`, 0
// when unknown); SQLite: a temporary file.
ShadowOptions shadowOptions(CliContext &context, const Project &project, Dialect dialect, int targetMajor);

// The major version of the PostgreSQL server behind `db` (0 for SQLite or
// when it cannot be told).
int serverMajorOf(const QSqlDatabase &db, Dialect dialect);

// "retort-cli: warning: ..." for each warning.
void printWarnings(CliContext &context, const QStringList &warnings);

// The version rows a FROM or TO of `diff` stands for: "base", a revision,
// a label, "heads"...: the rows a database upgraded from base to it holds.
Result<QStringList> rowsOfTarget(const Project &project, const QString &target);

// Drift of the database behind `target` (read only), warnings printed.
// Empty after printing the error; *code is then the exit code. With a null
// `code`, the error is printed as a warning.
std::optional<DriftReport> checkDrift(CliContext &context, const Project &project, const ConnectionSettings &settings,
    const QSqlDatabase &target, const QStringList &rows, int *code);
// What to do about drift: stamp the revision the database looks like.
QString lookAlikeAdvice(const DriftReport &report);

} // namespace Retort::Cli
