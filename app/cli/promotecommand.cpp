#include "clicommand.h"
#include "fleet/promotion.h"
#include "profiles/profilestore.h"
#include "runsupport.h"

#include <QCoreApplication>

namespace Retort::Cli {

namespace {

// SOURCE as a URL, or the name of a saved profile whose password libpq finds.
Result<ConnectionSettings> sourceSettings(CliContext &context, const Project &project, const QString &source)
{
    if (source.contains(QLatin1String("://")))
        return ConnectionSettings::fromUrl(source, project.directory);
    const ProfileStore store(context.profileFile.isEmpty() ? ProfileStore::defaultSettingsFile() : context.profileFile);
    const std::optional<ConnectionProfile> profile = store.profile(source);
    if (!profile)
        return Error::at({}, 0, tr("\"%1\" is neither a database URL nor a saved connection profile").arg(source));
    return profile->connection;
}

} // namespace

CliCommand promoteCommand()
{
    CliCommand command;
    command.name = QStringLiteral("promote");
    command.summary = tr("Bring the database to where SOURCE is, refused if a file changed since it ran on SOURCE.");
    command.positionalSyntax = tr("SOURCE");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ QStringLiteral("yes"), tr("Do not ask, even for a production database; for scripts.") });
        addTimeoutOptions(parser);
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const QStringList arguments = parser.positionalArguments().mid(1);
        if (arguments.size() != 1)
            return context.fail(tr("promote takes one SOURCE: a database URL or a connection profile"), ExitBadInput);
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        int code = ExitOk;
        const std::optional<RunSetup> setup = prepareRun(context, parser, &code);
        if (!setup)
            return code;
        Result<ConnectionSettings> source = sourceSettings(context, *project, arguments.first());
        if (!source)
            return context.fail(source.error(), ExitBadInput);
        Result<PromotionCheck> check = checkPromotion(*project, *source, setup->settings);
        if (!check)
            return context.fail(check.error(), ExitFailed);
        if (!check->allowed())
            return context.fail(tr("promotion refused: %1").arg(check->refusal), ExitFailed);
        QStringList ids;
        for (const PlanStep &step : std::as_const(check->plan.steps))
            ids.append(project->graph.revision(step.revision).id);
        context.out() << QCoreApplication::translate("retort-cli",
                             "Promoting %1 from %2 to %3, where %4 is: %n migration(s), each as it ran there (%5).",
                             nullptr, int(ids.size()))
                             .arg(setup->settings.displayName(), versionRowsText(check->targetRows), check->target,
                                 source->displayName(), ids.join(QLatin1String(", ")))
                      << Qt::endl;
        const bool production = context.isProductionConnection();
        if (production) {
            if (const int answer = confirmDestructive(context, setup->settings,
                    tr("Promote %1 to %2?").arg(setup->settings.displayName(), check->target),
                    parser.isSet(QStringLiteral("yes")), true);
                answer != ExitOk)
                return answer;
        }
        std::unique_ptr<Executor> executor = openExecutor(context, *project, setup->settings, setup->options, &code);
        if (!executor)
            return code;
        // Planned again under the lock: the database may have moved since.
        const std::optional<MigrationPlan> plan =
            planFromDatabase(context, *executor, *project, Direction::Upgrade, check->target, &code);
        if (!plan)
            return code;
        return runPlan(context, *executor, *project, *plan, check->target);
    };
    return command;
}

} // namespace Retort::Cli
