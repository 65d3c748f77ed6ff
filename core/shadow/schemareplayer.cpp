#include "schemareplayer.h"

#include "db/historytable.h"
#include "exec/preparedstep.h"
#include "graph/planner.h"
#include "shadow/schemasnapshot.h"
#include "shadow/shadowsession.h"

#include <QCoreApplication>
#include <QHash>
#include <QScopeGuard>

#include <set>

namespace Retort {

namespace {

QString directionName(Direction direction)
{
    return direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade");
}

} // namespace

SchemaReplayer::SchemaReplayer(const Project &project, ShadowOptions options, SnapshotCache cache, QObject *parent)
    : QObject(parent)
    , m_project(project)
    , m_options(std::move(options))
    , m_cache(std::move(cache))
{ }

SchemaReplayer::~SchemaReplayer() = default;

void SchemaReplayer::cancel()
{
    m_cancelled.store(true);
    if (ShadowSession *session = m_session.load())
        session->cancel();
}

Result<MigrationPlan> SchemaReplayer::pathTo(const QStringList &rows) const
{
    const Planner planner(m_project.graph);
    MigrationPlan path;
    QStringList sorted = rows;
    sorted.sort();
    QStringList current;
    for (const QString &row : std::as_const(sorted)) {
        Result<MigrationPlan> plan = planner.upgrade(current, row);
        if (!plan)
            return plan.error();
        path.steps += plan->steps;
        current = plan->versionRowsAfter();
    }
    return path;
}

Result<QString> SchemaReplayer::schemaAt(const QStringList &rows)
{
    MigrationPlan nothing;
    nothing.versionRowsBefore = rows;
    nothing.versionRowsBefore.sort();
    SchemaReplay replayed = replay(nothing);
    if (replayed.failure)
        return replayed.failure->error;
    return *replayed.schemaBefore;
}

SchemaReplay SchemaReplayer::replay(const MigrationPlan &plan)
{
    m_cancelled.store(false);
    SchemaReplay result;
    const auto fail = [&](Error error, int step) {
        StepFailure failure(std::move(error));
        failure.step = step;
        result.failure = failure;
        return result;
    };
    Result<MigrationPlan> path = pathTo(plan.versionRowsBefore);
    if (!path)
        return fail(path.error(), -1);
    // State s is the database after the first s steps of `all`; the plan
    // starts at state `start`.
    const QList<PlanStep> all = path->steps + plan.steps;
    const int start = int(path->steps.size());
    const int last = int(all.size());
    // A failure on the way to the plan's start is "before its first step".
    const auto planIndex = [&](int globalStep) { return qMax(-1, globalStep - start); };
    const auto rowsAt = [&](int state) { return state == 0 ? QStringList() : all.at(state - 1).versionRowsAfter; };

    Result<int> major = ShadowDatabase::expectedMajor(m_options);
    if (!major)
        return fail(major.error(), -1);
    QList<QByteArray> keys = { ReplayKey::start(
        dialectName(m_options.dialect), *major, schemaSnapshotFormat(m_options.dialect)) };
    for (const PlanStep &step : all) {
        const Revision &revision = m_project.graph.revision(step.revision);
        Result<QString> script = migrationScript(revision, step.direction, m_options.dialect);
        if (!script)
            break; // the replay stops at this step; no key beyond it
        keys.append(ReplayKey::next(keys.last(), directionName(step.direction), revision.id, scriptChecksum(*script)));
    }

    QHash<int, QString> known; // state -> schema
    std::set<int> missing; // wanted states not in the cache
    for (int state = start; state <= last; ++state) {
        std::optional<QString> cached = state < keys.size() ? m_cache.find(keys.at(state)) : std::nullopt;
        if (cached) {
            known.insert(state, *cached);
            ++result.statesFromCache;
        } else {
            missing.insert(state);
        }
    }
    const auto collect = [&]() {
        if (known.contains(start))
            result.schemaBefore = known.value(start);
        for (int state = start + 1; state <= last && known.contains(state); ++state)
            result.schemaAfter.append(known.value(state));
    };
    if (missing.empty()) {
        collect();
        return result;
    }

    // Replay from the latest cached state before the first missing one.
    const int firstMissing = *missing.begin();
    int from = 0;
    std::optional<QString> fromSchema;
    for (int state = firstMissing - 1; state > 0; --state) {
        fromSchema = known.contains(state) ? std::optional<QString>(known.value(state)) : m_cache.find(keys.at(state));
        if (fromSchema) {
            from = state;
            break;
        }
    }

    Result<std::unique_ptr<ShadowDatabase>> shadow = ShadowDatabase::create(m_options);
    if (!shadow)
        return fail(shadow.error(), planIndex(from));
    result.warnings = (*shadow)->warnings();
    result.shadowDescription = (*shadow)->description();
    ShadowSession session(m_project, std::move(*shadow));
    connect(&session, &ShadowSession::output, this, &SchemaReplayer::output);
    m_session.store(&session);
    const auto done = qScopeGuard([&] { m_session.store(nullptr); });
    if (auto r = session.open(); !r)
        return fail(r.error(), planIndex(from));
    if (from > 0) {
        // A snapshot cached from another server of the same version may
        // grant to a role this one lacks. Its load is one transaction, so
        // the shadow is still empty: replay from the start instead.
        if (auto r = session.restore(*fromSchema, rowsAt(from)); !r) {
            result.warnings.append(
                tr("a cached schema snapshot did not load (%1); replaying from the start").arg(r.error().message));
            from = 0;
        }
    }

    const auto takeSnapshot = [&](int state) -> Result<void> {
        if (state < start || known.contains(state))
            return {};
        Result<QString> schema = session.snapshot();
        if (!schema)
            return schema.error();
        known.insert(state, *schema);
        if (auto r = m_cache.store(keys.at(state), *schema); !r)
            result.warnings.append(r.error().toString());
        return {};
    };
    if (auto r = takeSnapshot(from); !r) {
        collect();
        return fail(r.error(), planIndex(from));
    }
    const int lastMissing = *missing.rbegin();
    int state = from;
    while (state < lastMissing) {
        if (m_cancelled.load()) {
            collect();
            return fail(Error::at({}, 0, tr("the replay was cancelled")), planIndex(state));
        }
        // On the way to the plan's start, everything in one run; then step
        // by step, a snapshot after each. A run goes one way, so a path
        // that turns (up to the start, then down) is run in two.
        // A step whose script cannot be read has no key: it runs alone,
        // and fails with the file's error.
        const int withKey = int(keys.size()) - 1;
        int target = state < start ? start : state + 1;
        if (state < withKey)
            target = qMin(target, withKey);
        MigrationPlan segment;
        segment.direction = all.at(state).direction;
        segment.versionRowsBefore = rowsAt(state);
        int end = state;
        while (end < target && all.at(end).direction == segment.direction)
            ++end;
        segment.steps = all.mid(state, end - state);
        const Revision &revision = m_project.graph.revision(segment.steps.last().revision);
        emit progress(state, last, stepLog(revision, segment.direction));
        const ExecutionReport report = session.run(segment);
        result.stepsReplayed += report.stepsCompleted;
        if (!report.ok()) {
            StepFailure failure = report.failure.value_or(StepFailure(Error::at({}, 0, tr("the replay stopped"))));
            int failedAt = state + qMax(0, failure.step);
            for (int i = state; failure.step < 0 && i < end; ++i) {
                if (m_project.graph.revision(all.at(i).revision).id == failure.error.revision)
                    failedAt = i;
            }
            failure.step = planIndex(failedAt);
            if (failure.error.revision.isEmpty())
                failure.error.revision = m_project.graph.revision(all.at(failedAt).revision).id;
            collect();
            result.failure = failure;
            return result;
        }
        state = end;
        if (auto r = takeSnapshot(state); !r) {
            collect();
            return fail(r.error(), planIndex(state));
        }
    }
    emit progress(last, last, QString());
    collect();
    return result;
}

} // namespace Retort
