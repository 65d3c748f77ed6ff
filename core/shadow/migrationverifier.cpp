#include "migrationverifier.h"

#include "diff/unifieddiff.h"
#include "graph/planner.h"
#include "shadow/shadowsession.h"

#include <QCoreApplication>
#include <QScopeGuard>

namespace Retort {

namespace {

MigrationPlan singleStep(const PlanStep &step, const QStringList &rowsBefore)
{
    MigrationPlan plan;
    plan.direction = step.direction;
    plan.versionRowsBefore = rowsBefore;
    plan.steps = { step };
    return plan;
}

} // namespace

QString revisionCheckName(RevisionCheck::Outcome outcome)
{
    switch (outcome) {
    case RevisionCheck::Outcome::Ok:
        return QStringLiteral("ok");
    case RevisionCheck::Outcome::NotRestored:
        return QStringLiteral("not-restored");
    case RevisionCheck::Outcome::UpgradeFails:
        return QStringLiteral("upgrade-fails");
    case RevisionCheck::Outcome::DowngradeFails:
        return QStringLiteral("downgrade-fails");
    case RevisionCheck::Outcome::UpgradeAgainDiffers:
        return QStringLiteral("upgrade-again-differs");
    case RevisionCheck::Outcome::NoDowngrade:
        return QStringLiteral("no-downgrade");
    case RevisionCheck::Outcome::NotRun:
        break;
    }
    return QStringLiteral("not-run");
}

MigrationVerifier::MigrationVerifier(const Project &project, ShadowOptions options, QObject *parent)
    : QObject(parent)
    , m_project(project)
    , m_options(std::move(options))
{ }

MigrationVerifier::~MigrationVerifier() = default;

void MigrationVerifier::cancel()
{
    m_cancelled.store(true);
    if (ShadowSession *session = m_session.load())
        session->cancel();
}

Result<QList<PlanStep>> MigrationVerifier::stepsOf(const QString &range, int *firstChecked) const
{
    const Planner planner(m_project.graph);
    const qsizetype colon = range.indexOf(QLatin1Char(':'));
    const QString lower = colon < 0 ? QString() : range.left(colon);
    QString upper = colon < 0 ? range : range.mid(colon + 1);
    if (upper.isEmpty())
        upper = QStringLiteral("heads");
    Result<MigrationPlan> all = planner.upgrade({}, upper);
    if (!all)
        return all.error();
    *firstChecked = 0;
    if (lower.isEmpty() || lower == QLatin1String("base"))
        return all->steps;
    // The revisions up to the lower bound only set the stage.
    Result<MigrationPlan> stage = planner.upgrade({}, lower);
    if (!stage)
        return stage.error();
    Result<MigrationPlan> rest = planner.upgrade(stage->versionRowsAfter(), upper);
    if (!rest)
        return rest.error();
    *firstChecked = int(stage->steps.size());
    return stage->steps + rest->steps;
}

Result<VerifyReport> MigrationVerifier::verify(const QString &range)
{
    m_cancelled.store(false);
    int first = 0;
    Result<QList<PlanStep>> steps = stepsOf(range, &first);
    if (!steps)
        return steps.error();

    VerifyReport report;
    for (int i = first; i < steps->size(); ++i)
        report.checks.append(RevisionCheck { steps->at(i).revision, RevisionCheck::Outcome::NotRun, {}, {} });
    if (report.checks.isEmpty())
        return report;

    Result<std::unique_ptr<ShadowDatabase>> shadow = ShadowDatabase::create(m_options);
    if (!shadow)
        return shadow.error();
    report.warnings = (*shadow)->warnings();
    report.shadowDescription = (*shadow)->description();
    ShadowSession session(m_project, std::move(*shadow));
    m_session.store(&session);
    const auto done = qScopeGuard([&] { m_session.store(nullptr); });
    if (auto r = session.open(); !r)
        return r.error();

    // The stage: every revision before the first one checked.
    if (first > 0) {
        MigrationPlan stage;
        stage.steps = steps->mid(0, first);
        const ExecutionReport ran = session.run(stage);
        if (!ran.ok()) {
            RevisionCheck &check = report.checks.first();
            check.outcome = RevisionCheck::Outcome::NotRun;
            check.error = ran.failure ? ran.failure->error : Error::at({}, 0, tr("the replay stopped"));
            return report;
        }
    }
    Result<QString> before = session.snapshot();
    if (!before)
        return before.error();

    const Dialect dialect = m_options.dialect;
    for (int k = 0; k < report.checks.size(); ++k) {
        if (m_cancelled.load())
            return Error::at({}, 0, tr("verification was cancelled"));
        RevisionCheck &check = report.checks[k];
        const PlanStep &up = steps->at(first + k);
        const QStringList rowsBefore = first + k == 0 ? QStringList() : steps->at(first + k - 1).versionRowsAfter;
        const Revision &revision = m_project.graph.revision(up.revision);
        emit progress(k, int(report.checks.size()), revision.id);

        ExecutionReport ran = session.run(singleStep(up, rowsBefore));
        if (!ran.ok()) {
            check.outcome = RevisionCheck::Outcome::UpgradeFails;
            check.error = ran.failure ? ran.failure->error : Error();
            return report; // what follows needs this revision
        }
        Result<QString> after = session.snapshot();
        if (!after)
            return after.error();
        if (!revision.section(Direction::Downgrade, dialect) && revision.format == RevisionFormat::Native) {
            check.outcome = RevisionCheck::Outcome::NoDowngrade;
            before = after;
            continue;
        }
        PlanStep down = up;
        down.direction = Direction::Downgrade;
        down.versionRowsAfter = rowsBefore;
        ran = session.run(singleStep(down, up.versionRowsAfter));
        if (!ran.ok()) {
            check.outcome = RevisionCheck::Outcome::DowngradeFails;
            check.error = ran.failure ? ran.failure->error : Error();
            before = after; // a failed downgrade rolled back: still upgraded
            continue;
        }
        Result<QString> reverted = session.snapshot();
        if (!reverted)
            return reverted.error();
        check.outcome = RevisionCheck::Outcome::Ok;
        if (*reverted != *before) {
            check.outcome = RevisionCheck::Outcome::NotRestored;
            check.diff = unifiedDiff(*before, *reverted, tr("before upgrade %1").arg(revision.id),
                tr("after downgrade %1").arg(revision.id));
            const std::optional<SqlSection> downgrade = revision.section(Direction::Downgrade, dialect);
            check.error = Error::at(revision.filePath(), downgrade ? downgrade->markerLine : revision.line,
                tr("the downgrade of %1 does not restore the schema it started from").arg(revision.id));
            check.error.revision = revision.id;
        }
        ran = session.run(singleStep(up, rowsBefore));
        if (!ran.ok()) {
            // After a downgrade that left things behind, the upgrade often
            // fails on them: the downgrade is the finding.
            if (check.outcome != RevisionCheck::Outcome::NotRestored) {
                check.outcome = RevisionCheck::Outcome::UpgradeAgainDiffers;
                check.error = ran.failure ? ran.failure->error : Error();
            }
            return report; // the shadow is not where the next revision starts
        }
        Result<QString> again = session.snapshot();
        if (!again)
            return again.error();
        if (check.outcome == RevisionCheck::Outcome::Ok && *again != *after) {
            check.outcome = RevisionCheck::Outcome::UpgradeAgainDiffers;
            check.diff = unifiedDiff(*after, *again, tr("after upgrade %1").arg(revision.id),
                tr("after upgrade, downgrade, upgrade %1").arg(revision.id));
            check.error = Error::at(revision.filePath(), revision.line,
                tr("upgrading %1 again after its downgrade gives another schema").arg(revision.id));
            check.error.revision = revision.id;
        }
        before = again;
    }
    emit progress(int(report.checks.size()), int(report.checks.size()), QString());
    return report;
}

} // namespace Retort
