#pragma once

#include <QString>

namespace Retort {

// What went wrong, and where: enough for a message that names the file, the
// line, the revision or the server's SQLSTATE. Errors travel as values
// (see Result) rather than exceptions, so every caller decides what to show.
struct Error {
    QString message;
    QString file; // absolute or project-relative path; empty when not about a file
    int line = 0; // 1-based; 0 when unknown
    QString revision; // revision id when the error is about one
    QString sqlState; // five-character SQLSTATE from the server, when there is one
    // A stable, machine-readable kind for --json output and tests, when the
    // caller may act on it (e.g. "multiple-heads", "resolution"); empty
    // otherwise.
    QString code;

    // "file:line: message" (or as much of it as is known), the form compilers
    // use, so editors and terminals can jump to the place.
    QString toString() const;

    static Error at(const QString &file, int line, const QString &message);
};

} // namespace Retort
