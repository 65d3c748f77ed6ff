#include "completion.h"

#include "cliapplication.h"
#include "clicommand.h"
#include "project/projectloader.h"

#include <QDir>
#include <QRegularExpression>

namespace Retort::Cli {

namespace {

// The options in a --help text: the first column of the lines under
// "Options:" ("  -p, --project <DIR>  The migration..." gives -p and
// --project). Taken from the help text so that completion offers exactly
// what --help documents.
QStringList optionsInHelp(const QString &help)
{
    static const QRegularExpression option(QStringLiteral("(?:^|[\\s,])(--?[A-Za-z0-9][A-Za-z0-9-]*)"));
    QStringList options;
    bool inOptions = false;
    for (const QString &line : help.split(QLatin1Char('\n'))) {
        if (line == QLatin1String("Options:")) {
            inOptions = true;
            continue;
        }
        if (!inOptions)
            continue;
        if (line.trimmed().isEmpty() || !line.startsWith(QLatin1Char(' ')))
            break; // the end of the options
        if (!line.startsWith(QLatin1String("  -")))
            continue; // a description wrapped onto the next line
        const QString names = line.trimmed().section(QStringLiteral("  "), 0, 0);
        for (auto it = option.globalMatch(names); it.hasNext();)
            options.append(it.next().captured(1));
    }
    return options;
}

QString projectDirectory(const QStringList &arguments)
{
    for (qsizetype i = 0; i + 1 < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("-p") || arguments.at(i) == QLatin1String("--project"))
            return arguments.at(i + 1);
        if (arguments.at(i).startsWith(QLatin1String("--project=")))
            return arguments.at(i).section(QLatin1Char('='), 1);
    }
    return QDir::currentPath();
}

QStringList revisionWords(const QString &directory)
{
    // Alembic's symbolic targets first, then what this project names.
    QStringList words = { QStringLiteral("head"), QStringLiteral("heads"), QStringLiteral("base") };
    Result<Project> project = ProjectLoader::load(directory);
    if (!project)
        return words;
    const RevisionGraph &graph = project->graph;
    for (const Revision &revision : graph.revisions())
        words.append(revision.id);
    QStringList labels = graph.labelOwners().keys();
    labels.sort();
    return words + labels;
}

} // namespace

int runCompletion(const QStringList &arguments, QTextStream &out)
{
    const QString what = arguments.value(0);
    QStringList words;
    if (what == QLatin1String("commands")) {
        for (const CliCommand &command : allCommands())
            words.append(command.name);
    } else if (what == QLatin1String("options")) {
        words = optionsInHelp(helpText(arguments.value(1)));
    } else if (what == QLatin1String("revisions")) {
        words = revisionWords(projectDirectory(arguments.mid(1)));
    }
    for (const QString &word : std::as_const(words))
        out << word << '\n';
    return ExitOk;
}

} // namespace Retort::Cli
