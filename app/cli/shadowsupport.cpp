#include "shadowsupport.h"

#include "graph/planner.h"
#include "interrupt.h"
#include "runsupport.h"
#include "sql/sqlresource.h"

#include <QSqlQuery>
#include <QVariant>

namespace Retort::Cli {

ShadowOptions shadowOptions(CliContext &context, const Project &project, Dialect dialect, int targetMajor)
{
    ShadowOptions options;
    options.dialect = dialect;
    options.targetMajor = targetMajor;
    if (!context.profileShadowUrl().isEmpty()) {
        options.configuredUrl = context.profileShadowUrl();
        options.configuredFrom = tr("profile \"%1\"").arg(context.profileName);
    } else if (!project.settings.shadowUrl.isEmpty()) {
        options.configuredUrl = project.settings.shadowUrl;
        options.configuredFrom = QStringLiteral("retort.ini");
    }
    return options;
}

int serverMajorOf(const QSqlDatabase &db, Dialect dialect)
{
    if (dialect != Dialect::PostgreSQL)
        return 0;
    QSqlQuery query(db);
    if (!query.exec(sqlResource(QStringLiteral("server_version_num"), Dialect::PostgreSQL)) || !query.next())
        return 0;
    return query.value(0).toInt() / 10000;
}

void printWarnings(CliContext &context, const QStringList &warnings)
{
    for (const QString &warning : warnings)
        context.err() << "retort-cli: warning: " << warning << Qt::endl;
}

Result<QStringList> rowsOfTarget(const Project &project, const QString &target)
{
    if (target.isEmpty() || target == QLatin1String("base"))
        return QStringList();
    Result<MigrationPlan> plan = Planner(project.graph).upgrade({}, target);
    if (!plan)
        return plan.error();
    return plan->versionRowsAfter();
}

std::optional<DriftReport> checkDrift(CliContext &context, const Project &project, const ConnectionSettings &settings,
    const QSqlDatabase &target, const QStringList &rows, int *code)
{
    // Without a code to return, a drift that cannot be checked is a
    // warning (check must not fail where no shadow can be had).
    DriftCheck drift(
        project, shadowOptions(context, project, settings.dialect, serverMajorOf(target, settings.dialect)));
    const InterruptHandler interrupt([&drift] { drift.replayer().cancel(); });
    Result<DriftReport> report = drift.check(settings, rows);
    if (!report) {
        if (code) {
            *code = context.fail(report.error(), ExitFailed);
        } else {
            context.err() << "retort-cli: warning: "
                          << tr("drift not checked: %1").arg(report.error().toString()) << Qt::endl;
        }
        return std::nullopt;
    }
    printWarnings(context, report->warnings);
    return *report;
}

QString lookAlikeAdvice(const DriftReport &report)
{
    if (!report.lookAlike)
        return {};
    const LookAlike &look = *report.lookAlike;
    if (look.versionRows == report.versionRows)
        return tr("no other revision is nearer; capture the difference in a new revision, or undo it by hand");
    if (look.exact())
        return tr("the database's schema is exactly that of %1; if it really is there, record it with: "
                  "retort-cli stamp %2")
            .arg(versionRowsText(look.versionRows),
                look.versionRows.isEmpty() ? QStringLiteral("base --purge") : look.versionRows.join(QLatin1Char(' ')));
    return QCoreApplication::translate("retort-cli",
        "the nearest revision is %1, %n schema line(s) away; retort-cli stamp %2 would record it", nullptr,
        look.differingLines)
        .arg(versionRowsText(look.versionRows),
            look.versionRows.isEmpty() ? QStringLiteral("base --purge") : look.versionRows.join(QLatin1Char(' ')));
}

} // namespace Retort::Cli
