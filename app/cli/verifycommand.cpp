#include "clicommand.h"
#include "interrupt.h"
#include "runsupport.h"
#include "shadow/migrationverifier.h"
#include "shadowsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

namespace Retort::Cli {

namespace {

QString outcomeText(const RevisionCheck &check)
{
    switch (check.outcome) {
    case RevisionCheck::Outcome::Ok:
        return tr("ok");
    case RevisionCheck::Outcome::NotRestored:
        return tr("downgrade does not restore the schema");
    case RevisionCheck::Outcome::UpgradeFails:
        return tr("upgrade fails on a fresh database");
    case RevisionCheck::Outcome::DowngradeFails:
        return tr("downgrade fails");
    case RevisionCheck::Outcome::UpgradeAgainDiffers:
        return tr("upgrade after downgrade fails or differs");
    case RevisionCheck::Outcome::NoDowngrade:
        return tr("no downgrade");
    case RevisionCheck::Outcome::NotRun:
        break;
    }
    return tr("not run (an earlier revision failed)");
}

} // namespace

CliCommand verifyCommand()
{
    CliCommand command;
    command.name = QStringLiteral("verify");
    command.summary = tr("For CI: in a shadow database, upgrade each revision, downgrade it, check the schema is "
                         "as before, upgrade again; exit 1 when one fails.");
    command.positionalSyntax = QStringLiteral("[RANGE]");
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        const QStringList positional = parser.positionalArguments().mid(1);
        if (positional.size() > 1)
            return context.fail(tr("verify takes one RANGE (A:B, :B or B)"), ExitBadInput);
        Result<ConnectionSettings> settings = context.connectionSettings();
        if (!settings)
            return context.fail(settings.error(), ExitBadInput);
        // The target is only asked its version, when one is named.
        int targetMajor = 0;
        if (!context.databaseUrl.isEmpty() || !context.profileName.isEmpty()) {
            Result<std::unique_ptr<DatabaseConnection>> connection = openForReading(context);
            if (connection && *connection)
                targetMajor = serverMajorOf((*connection)->database(), settings->dialect);
        }
        MigrationVerifier verifier(*project, shadowOptions(context, *project, settings->dialect, targetMajor));
        const InterruptHandler interrupt([&verifier] { verifier.cancel(); });
        Result<VerifyReport> report = verifier.verify(positional.value(0));
        if (!report)
            return context.fail(
                report.error(), report.error().code == QLatin1String("resolution") ? ExitBadInput : ExitFailed);
        printWarnings(context, report->warnings);
        const QDir root(project->directory);
        if (context.json) {
            QJsonArray checks;
            for (const RevisionCheck &check : std::as_const(report->checks)) {
                const Revision &revision = project->graph.revision(check.revision);
                QJsonObject object { { QStringLiteral("revision"), revision.id },
                    { QStringLiteral("file"), root.relativeFilePath(revision.filePath()) },
                    { QStringLiteral("outcome"), revisionCheckName(check.outcome) } };
                if (!check.diff.isEmpty())
                    object.insert(QStringLiteral("diff"), check.diff);
                if (!check.error.message.isEmpty()) {
                    object.insert(QStringLiteral("error"), check.error.message);
                    object.insert(QStringLiteral("line"), check.error.line);
                }
                checks.append(object);
            }
            context.printJson(QJsonDocument(QJsonObject { { QStringLiteral("ok"), report->ok() },
                { QStringLiteral("shadow"), report->shadowDescription }, { QStringLiteral("revisions"), checks } }));
        } else {
            for (const RevisionCheck &check : std::as_const(report->checks)) {
                const Revision &revision = project->graph.revision(check.revision);
                context.out() << (check.ok() ? "ok    " : "FAIL  ") << revision.id << "  " << outcomeText(check)
                              << "  (" << root.relativeFilePath(revision.filePath()) << ")\n";
                if (!check.error.message.isEmpty() && !check.ok()) {
                    Error shown = check.error;
                    shown.file = root.relativeFilePath(shown.file);
                    context.out() << "      " << shown.toString() << '\n';
                }
                if (!check.diff.isEmpty())
                    context.out() << check.diff;
            }
            const auto failed = std::count_if(
                report->checks.cbegin(), report->checks.cend(), [](const RevisionCheck &c) { return !c.ok(); });
            context.out() << (failed == 0
                                     ? QCoreApplication::translate("retort-cli",
                                           "verify: %n revision(s) verified in %1", nullptr, int(report->checks.size()))
                                           .arg(report->shadowDescription)
                                     : QCoreApplication::translate(
                                           "retort-cli", "verify: %n revision(s) failed", nullptr, int(failed)))
                          << Qt::endl;
        }
        return report->ok() ? int(ExitOk) : int(ExitFailed);
    };
    return command;
}

} // namespace Retort::Cli
