#include "clicommand.h"
#include "alembic/alembicprocess.h"
#include "exec/alembicrunner.h"
#include "graph/planner.h"
#include "review/reviewsteps.h"
#include "runsupport.h"

#include <QCoreApplication>

namespace Retort::Cli {

namespace {

// The plan, one revision a line, with what each reverted migration risks:
// the same steps and risks as the desktop's review shows (for an Alembic
// project, read from the SQL its Alembic writes offline, or from its Python).
void printPlan(QTextStream &out, const Project &project, const MigrationPlan &plan, const ConnectionSettings &settings)
{
    out << QCoreApplication::translate(
               "retort-cli", "Downgrading %1 from %2 to %3 reverts %n migration(s):", nullptr, int(plan.steps.size()))
               .arg(settings.displayName(), versionRowsText(plan.versionRowsBefore),
                   versionRowsText(plan.versionRowsAfter()))
        << '\n';
    Review review;
    review.plan = plan;
    std::optional<AlembicPython> python;
    if (project.kind == ProjectKind::Alembic) {
        python = AlembicPython();
        python->url = AlembicProcess::sqlalchemyUrl(settings, project);
        python->environment.insert(QStringLiteral("DATABASE_URL"), python->url);
    }
    reviewPlanSteps(project, settings.dialect, review, python);
    for (const ReviewStep &step : std::as_const(review.steps)) {
        const Revision &revision = project.graph.revision(step.step.revision);
        out << "  " << revision.id << "  " << revision.message;
        if (!step.transactional)
            out << "  " << tr("[not transactional]");
        out << '\n';
        for (const SqlRisk &risk : step.risks) {
            if (!risk.losesData())
                continue;
            // Lines of the Python file, or of the SQL shown by `downgrade --sql`.
            out << "      "
                << (step.scriptIsPython || revision.format == RevisionFormat::Native
                           ? tr("line %1: %2").arg(risk.line).arg(risk.description())
                           : risk.description())
                << '\n';
        }
    }
    out.flush();
}

} // namespace

CliCommand downgradeCommand()
{
    CliCommand command;
    command.name = QStringLiteral("downgrade");
    command.summary = tr("Revert migrations down to TARGET (default: -1); shows the plan, asks, and offers a backup.");
    command.positionalSyntax = tr("[TARGET]");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ QStringLiteral("sql"),
            tr("Print the SQL the downgrade would run without connecting; TARGET is FROM:TO (e.g. heads:-1).") });
        parser.addOption(
            { QStringLiteral("yes"), tr("Do not ask; for scripts (a backup is still made unless --no-backup).") });
        parser.addOption(
            { QStringLiteral("no-backup"), tr("Do not back up first (refused for production connections).") });
        parser.addOption({ QStringLiteral("retry-incomplete"),
            tr("Run again a non-transactional migration whose last run did not finish.") });
        addTimeoutOptions(parser);
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const QStringList arguments = parser.positionalArguments().mid(1);
        if (arguments.size() > 1)
            return context.fail(tr("downgrade takes at most one TARGET"), ExitBadInput);
        const QString target = arguments.value(0, QStringLiteral("-1"));
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        if (parser.isSet(QStringLiteral("sql")))
            return printOfflineScript(context, *project, Direction::Downgrade, target);

        int code = ExitOk;
        const std::optional<RunSetup> setup = prepareRun(context, parser, &code);
        if (!setup)
            return code;
        const ConnectionSettings *settings = &setup->settings;
        const bool production = context.isProductionConnection();
        const bool yes = parser.isSet(QStringLiteral("yes"));
        if (production && parser.isSet(QStringLiteral("no-backup"))) {
            return context.fail(tr("this connection is marked production, where Retort always backs up before a "
                                   "downgrade; --no-backup is not allowed"),
                ExitBadInput);
        }

        std::unique_ptr<Executor> executor = openExecutor(context, *project, *settings, setup->options, &code);
        if (!executor)
            return code;
        const std::optional<MigrationPlan> plan =
            planFromDatabase(context, *executor, *project, Direction::Downgrade, target, &code);
        if (!plan)
            return code;
        if (plan->isEmpty())
            return runPlan(context, *executor, *project, *plan, target);

        printPlan(context.out(), *project, *plan, *settings);
        if (const int answer = confirmDestructive(context, *settings,
                QCoreApplication::translate("retort-cli", "Revert %n migration(s)?", nullptr, int(plan->steps.size())),
                yes, production);
            answer != ExitOk)
            return answer;
        const std::optional<bool> backup = backupFirst(context, parser, production, yes);
        if (!backup)
            return int(ExitBadInput);
        if (*backup) {
            const std::optional<BackupInfo> made = runBackup(context, *executor, *project, false);
            if (!made) {
                context.err() << "retort-cli: " << tr("the downgrade did not start, since the backup before it failed")
                              << Qt::endl;
                return int(ExitFailed);
            }
            context.out() << tr("Backed up to %1 (verified).").arg(made->path) << Qt::endl;
        }
        return runPlan(context, *executor, *project, *plan, target);
    };
    return command;
}

} // namespace Retort::Cli
