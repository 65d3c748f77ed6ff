#pragma once

#include <QStringList>
#include <QTextStream>

namespace Retort::Cli {

// Parses retort-cli's command line (global options, then a command and its
// own options) and runs the command. Returns the process exit code.
int runCli(const QStringList &arguments, QTextStream &out, QTextStream &err);

// What `retort-cli COMMAND --help` prints, or `retort-cli --help` when
// `commandName` is empty or not a command.
QString helpText(const QString &commandName);

} // namespace Retort::Cli
