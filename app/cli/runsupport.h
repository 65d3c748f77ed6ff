#pragma once

#include "backup/backuprunner.h"
#include "clicontext.h"
#include "db/databaseconnection.h"
#include "exec/executor.h"
#include "exec/runoutcome.h"
#include "project/revisionwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <memory>
#include <optional>

namespace Retort::Cli {

// What the commands that change a database share: their options, opening
// the connection under the runner lock, running a plan with progress and
// Ctrl-C, backups, and how outcomes are printed.

// The translation context of every retort-cli message.
inline QString tr(const char *text)
{
    return QCoreApplication::translate("retort-cli", text);
}

// What a command that works on a database starts from: the project, the
// connection and the run's options (--lock-timeout, --statement-timeout,
// --retry-incomplete when the command has it). Empty after printing why;
// *code is then the exit code.
struct RunSetup {
    const Project *project = nullptr;
    ConnectionSettings settings;
    ExecutionOptions options;
    std::unique_ptr<Executor> executor; // set by openRun
};
std::optional<RunSetup> prepareRun(CliContext &context, const QCommandLineParser &parser, int *code);
// prepareRun, then connected under the runner lock (see openExecutor).
std::optional<RunSetup> openRun(CliContext &context, const QCommandLineParser &parser, int *code);

// --lock-timeout and --statement-timeout.
void addTimeoutOptions(QCommandLineParser &parser);
// "30s", "500ms", "2min", "1h", or plain seconds ("5", "2.5"); "0" turns a
// limit off. Empty when the text is none of these.
std::optional<int> parseDurationMs(const QString &text);
Result<ExecutionOptions> executionOptions(const QCommandLineParser &parser);
// "retort-cli 0.1.0", as recorded in the history table.
QString toolVersion();

// An Executor connected to `settings` and holding the runner lock; lock
// waits and server notices are reported on stderr. Null after printing
// the error; *code is then the exit code.
std::unique_ptr<Executor> openExecutor(CliContext &context, const Project &project, const ConnectionSettings &settings,
    const ExecutionOptions &options, int *code);

// Runs `plan`, one line per step on stdout; Ctrl-C cancels. Returns the
// exit code, having printed any failure.
// An Alembic project's plan runs through Alembic (see AlembicRunner), for
// `target` as the user gave it.
int runPlan(
    CliContext &context, Executor &executor, const Project &project, const MigrationPlan &plan, const QString &target);

// A verified backup into the project's backup folder (pg_dump's progress
// shown with `verbose`); Ctrl-C cancels. Null after printing the error.
std::optional<BackupInfo> runBackup(CliContext &context, Executor &executor, const Project &project, bool verbose);

// Asks before something destructive. A production connection asks for the
// database's name to be typed; others ask y/N. --yes (`yes`) answers for
// scripts; without a terminal and without it, the answer is no. Returns
// ExitOk to go on, or the exit code after printing why not.
int confirmDestructive(
    CliContext &context, const ConnectionSettings &settings, const QString &question, bool yes, bool production);
// Whether to back up first (--no-backup; production always does): asks
// [Y/n] on a terminal, yes otherwise. Empty after printing an error.
std::optional<bool> backupFirst(CliContext &context, const QCommandLineParser &parser, bool production, bool yes);

// The plan from where the database is (its version rows, read under the
// lock and each known to the project) to TARGET. Empty after printing why.
std::optional<MigrationPlan> planFromDatabase(CliContext &context, Executor &executor, const Project &project,
    Direction direction, const QString &target, int *code);

// `upgrade --sql` / `downgrade --sql`: the script for TARGET, which may be
// FROM:TO (FROM: base by default for an upgrade; required for a downgrade,
// since nothing is connected to tell where the database is).
int printOfflineScript(CliContext &context, const Project &project, Direction direction, const QString &target);

// create and merge: --branch-label and --rev-id, read into a NewRevision,
// and the file written with the outcome printed (text or --json).
void addRevisionOptions(QCommandLineParser &parser);
NewRevision revisionSpec(const QCommandLineParser &parser);
// Alembic projects get theirs from `alembic revision` / `alembic merge`.
int writeRevision(CliContext &context, const Project &project, const NewRevision &spec, bool merge);

// A connection for reading (no lock): null, without an error, when the
// database is a SQLite file that does not exist yet.
Result<std::unique_ptr<DatabaseConnection>> openForReading(CliContext &context);

// Values of an option given once or more, each possibly comma-separated.
QStringList listOption(const QCommandLineParser &parser, const QString &name);

} // namespace Retort::Cli
