#pragma once

#include <QString>

namespace Retort::Cli {

// Questions on the controlling terminal (/dev/tty), not on stdin, so that
// piped input and redirected output do not answer or swallow them.
class Terminal
{
public:
    // Whether there is a terminal to ask on.
    static bool isInteractive();
    // Prints `question` and reads a line; a null string when there is no
    // terminal or input ended.
    static QString ask(const QString &question);
    // Like ask(), without echoing what is typed (passwords). Echo comes back
    // however the prompt ends, Ctrl-C included.
    static QString askHidden(const QString &question);
    // "question [Y/n] " or "[y/N] "; an empty answer takes the default, no
    // terminal answers false.
    static bool confirm(const QString &question, bool defaultYes);
};

} // namespace Retort::Cli
