#pragma once

#include "project/project.h"
#include "util/result.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

namespace Retort::Cli {

// Exit codes of retort-cli (DESIGN.md): 0 ok, 1 the operation failed, 2 bad
// usage or bad input (a malformed revision file, an unknown revision...).
enum ExitCode { ExitOk = 0, ExitFailed = 1, ExitBadInput = 2 };

// What every command gets: the streams to write to and the global options.
class CliContext
{
public:
    CliContext(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    { }

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    QString projectDirectory;
    QString databaseUrl; // from --db or DATABASE_URL; empty: libpq's own defaults
    bool json = false;

    // Loads the project, printing the error (file:line: message) and its
    // warnings to stderr. Returns nullptr when it could not be loaded.
    const Project *project();
    // The exit code to return after project() returned nullptr.
    int projectExitCode() const { return ExitBadInput; }

    // Prints "retort-cli: error: ..." and returns `code`.
    int fail(const Error &error, int code);
    int fail(const QString &message, int code);
    void warn(const Error &error);
    void printJson(const QJsonDocument &document);

private:
    QTextStream &m_out;
    QTextStream &m_err;
    std::optional<Project> m_project;
};

} // namespace Retort::Cli
