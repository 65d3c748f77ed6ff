#pragma once

#include <QStringList>
#include <QTextStream>

namespace Retort::Cli {

// `retort-cli __complete WHAT [ARGS...]`: the words a shell may complete,
// one per line, for the bash and zsh scripts in packaging/completion/. The
// scripts ask the program instead of keeping their own lists, so they never
// fall behind a new command or option.
//   commands                  every command name
//   options [COMMAND]         the options --help shows (global, or COMMAND's)
//   revisions [-p DIR]        head, heads, base, revision ids, branch labels
// Prints nothing and exits 0 when there is nothing to offer (no project
// here, a broken revision file): completion never prints errors.
int runCompletion(const QStringList &arguments, QTextStream &out);

} // namespace Retort::Cli
