#pragma once

#include "util/result.h"

#include <QMap>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <optional>

namespace Retort {

// One external program to run (pg_dump, pg_restore, psql, alembic).
struct ProcessRequest {
    ProcessRequest() = default;
    ProcessRequest(QString program_, QStringList arguments_)
        : program(std::move(program_))
        , arguments(std::move(arguments_))
    { }

    QString program; // a name looked up on PATH, or a path
    QStringList arguments;
    QMap<QString, QString> environment; // set for the child on top of ours
    QStringList removeFromEnvironment; // e.g. PGPASSWORD, when a passfile takes its place
    QString workingDirectory;
    QString
        missingHint; // said when the program is not found: "install the PostgreSQL client tools (postgresql-client)"
    bool privateFiles = true; // the child's umask is 077: what it creates is readable by the user only
    // Lines on stderr that start with this are the program's messages to
    // Retort (see AlembicShim): passed on by ProcessRunner::markedLine without
    // the mark, and kept out of the error text. Empty: none.
    QByteArray eventMark;
    // A non-zero exit code is not an error: the caller reads it from
    // ProcessOutput::exitCode (a program whose exit codes mean outcomes).
    bool anyExitCode = false;
};

struct ProcessOutput {
    QByteArray standardOutput;
    QString standardError;
    qint64 durationMs = 0;
    int exitCode = 0;
};

// Runs external programs the one way Retort runs them: a missing program,
// a crash (with the signal's name), a non-zero exit code and an error on
// stderr each become an Error quoting what the program said; stderr is
// passed on line by line as it arrives (pg_dump --verbose is the progress
// of a backup); cancel() stops the child from any thread. Blocks the
// calling thread — run it in a worker thread from the GUI.
class ProcessRunner : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Runs `request` to its end. With `then`, the first program's stdout is
    // piped into the second (pg_restore -f - | psql), and both must succeed.
    Result<ProcessOutput> run(const ProcessRequest &request, const std::optional<ProcessRequest> &then = {});

    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load(); }

    // The absolute path of `program` on PATH (or `program` itself when it is
    // a path), or an error naming it with `missingHint`.
    static Result<QString> locate(const QString &program, const QString &missingHint);

signals:
    // One line of a program's stderr, as it arrives.
    void errorLine(const QString &program, const QString &line);
    // One line that started with the request's eventMark, without it.
    void markedLine(const QByteArray &line);

private:
    std::atomic<bool> m_cancelled { false };
};

} // namespace Retort
