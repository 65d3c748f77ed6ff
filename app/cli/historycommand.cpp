#include "clicommand.h"
#include "databasestate.h"
#include "graph/planner.h"
#include "report/alembictext.h"
#include "report/revisionjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

namespace Retort::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("retort-cli", text);
}

} // namespace

CliCommand historyCommand()
{
    CliCommand command;
    command.name = QStringLiteral("history");
    command.summary = tr("List revisions, newest first, in Alembic's order.");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ { QStringLiteral("r"), QStringLiteral("rev-range") },
            tr("Only this range: BASE:HEAD, BASE: or :HEAD (revisions, labels, LABEL@head, relative steps, "
               "\"current\")."),
            tr("RANGE") });
        parser.addOption(
            { { QStringLiteral("v"), QStringLiteral("verbose") }, tr("Show every detail of each revision.") });
        parser.addOption({ { QStringLiteral("i"), QStringLiteral("indicate-current") },
            tr("Mark the revisions the database is at (reads its version table).") });
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        const RevisionGraph &graph = project->graph;

        QString base;
        QString head;
        if (parser.isSet(QStringLiteral("rev-range"))) {
            const QStringList parts = parser.value(QStringLiteral("rev-range")).trimmed().split(QLatin1Char(':'));
            if (parts.size() != 2)
                return context.fail(tr("history range requires [start]:[end], [start]:, or :[end]"), ExitBadInput);
            base = parts.at(0);
            head = parts.at(1);
        }
        const bool indicateCurrent = parser.isSet(QStringLiteral("indicate-current"));
        const bool needsDatabase =
            indicateCurrent || base == QLatin1String("current") || head == QLatin1String("current");
        std::optional<DatabaseState> state;
        if (needsDatabase) {
            int exitCode = ExitOk;
            state = readDatabaseState(context, *project, &exitCode);
            if (!state)
                return exitCode;
        }
        const auto bound = [&](const QString &end) {
            if (end == QLatin1String("current"))
                return Planner::Bound::rows(state->versionRows.rows);
            return Planner::Bound::text(end);
        };
        Result<QList<int>> order = Planner(graph).history(bound(base), bound(head));
        if (!order)
            return context.fail(order.error(), ExitBadInput);

        QSet<int> current;
        if (indicateCurrent)
            current = QSet<int>(state->rows.cbegin(), state->rows.cend());
        if (context.json) {
            QJsonArray array;
            for (int index : std::as_const(*order)) {
                QJsonObject object = revisionToJson(graph, index);
                if (indicateCurrent)
                    object.insert(QStringLiteral("is_current"), current.contains(index));
                array.append(object);
            }
            context.printJson(QJsonDocument(QJsonObject { { QStringLiteral("revisions"), array } }));
            return int(ExitOk);
        }
        // As `alembic history`: parents, labels, markers and the message.
        const AlembicText text(graph);
        AlembicTextOptions options;
        options.includeBranches = true;
        options.includeDoc = true;
        options.includeParents = true;
        const bool verbose = parser.isSet(QStringLiteral("verbose"));
        for (int index : std::as_const(*order)) {
            options.current = current.contains(index);
            if (verbose)
                context.out() << text.logEntry(index, options.current) << '\n';
            else
                context.out() << text.headOnly(index, options) << '\n';
        }
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
