#include "referencecomparison.h"

#include "graph/alembicorder.h"
#include "graph/planner.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace Retort::Test {

namespace {

QStringList strings(const QJsonValue &value)
{
    QStringList result;
    for (const QJsonValue &item : value.toArray())
        result.append(item.isNull() ? QStringLiteral("<none>") : item.toString());
    return result;
}

QString describe(const QJsonObject &query)
{
    return QString::fromUtf8(QJsonDocument(query).toJson(QJsonDocument::Compact));
}

QJsonArray planJson(const RevisionGraph &graph, const MigrationPlan &plan)
{
    QJsonArray steps;
    for (const PlanStep &step : plan.steps) {
        steps.append(QJsonObject {
            { QStringLiteral("revision"), graph.revision(step.revision).id },
            { QStringLiteral("direction"),
                step.direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade") },
            { QStringLiteral("rows"), QJsonArray::fromStringList(step.versionRowsAfter) },
        });
    }
    return steps;
}

// Retort's answer to one query, in the helper's shape.
QJsonObject answer(const Planner &planner, const QJsonObject &query)
{
    const RevisionGraph &graph = planner.graph();
    const QString kind = query.value(QStringLiteral("kind")).toString();
    const auto failed = [](const Error &error) {
        return QJsonObject { { QStringLiteral("ok"), false }, { QStringLiteral("error"), error.code },
            { QStringLiteral("message"), error.toString() } };
    };
    const auto revisions = [&](const QList<int> &indexes) {
        QJsonArray array;
        for (int index : indexes)
            array.append(
                index == TargetResolver::None ? QJsonValue() : QJsonValue(revisionIds(graph, { index }).first()));
        return QJsonObject { { QStringLiteral("ok"), true }, { QStringLiteral("revisions"), array } };
    };
    if (kind == QLatin1String("upgrade") || kind == QLatin1String("downgrade")) {
        const QStringList rows = strings(query.value(QStringLiteral("rows")));
        const QString target = query.value(QStringLiteral("target")).toString();
        Result<MigrationPlan> plan =
            kind == QLatin1String("upgrade") ? planner.upgrade(rows, target) : planner.downgrade(rows, target);
        if (!plan)
            return failed(plan.error());
        return QJsonObject { { QStringLiteral("ok"), true }, { QStringLiteral("steps"), planJson(graph, *plan) } };
    }
    if (kind == QLatin1String("history")) {
        const QString base = query.value(QStringLiteral("base")).toString();
        const QString head = query.value(QStringLiteral("head")).toString();
        Result<QList<int>> order = planner.history(Planner::Bound::text(base), Planner::Bound::text(head));
        if (!order)
            return failed(order.error());
        return revisions(*order);
    }
    if (kind == QLatin1String("revisions")) {
        Result<QList<int>> found = planner.resolver().revisions(query.value(QStringLiteral("target")).toString());
        if (!found)
            return failed(found.error());
        return revisions(*found);
    }
    if (kind == QLatin1String("current")) {
        Result<QList<int>> rows = planner.rowRevisions(strings(query.value(QStringLiteral("rows"))));
        if (!rows)
            return failed(rows.error());
        QStringList current = revisionIds(graph, planner.currentRevisions(*rows));
        current.sort();
        return QJsonObject { { QStringLiteral("ok"), true },
            { QStringLiteral("revisions"), QJsonArray::fromStringList(current) } };
    }
    return failed(Error::at({}, 0, QStringLiteral("unknown query kind %1").arg(kind)));
}

bool sameAnswer(const QJsonObject &expected, const QJsonObject &actual)
{
    const bool expectedOk = expected.value(QStringLiteral("ok")).toBool();
    if (expectedOk != actual.value(QStringLiteral("ok")).toBool())
        return false;
    if (!expectedOk) {
        // Where Alembic itself crashes (an assertion, a KeyError), any
        // refusal will do; otherwise the kind of refusal must match.
        const QString code = expected.value(QStringLiteral("error")).toString();
        return code == QLatin1String("crash") || code == actual.value(QStringLiteral("error")).toString();
    }
    QJsonObject left = expected;
    QJsonObject right = actual;
    left.remove(QStringLiteral("message"));
    right.remove(QStringLiteral("message"));
    return left == right;
}

} // namespace

QString pythonExecutable()
{
    const QString configured = qEnvironmentVariable("RETORT_TEST_PYTHON");
    return configured.isEmpty() ? QStringLiteral("python3") : configured;
}

QString referenceHelper()
{
    return Test::sourceDirectory() + QStringLiteral("/" RETORT_REFERENCE_HELPER);
}

QJsonObject runReference(const QJsonObject &spec, QString *error)
{
    const ProcessResult result = runProcess(pythonExecutable(), { referenceHelper(), QStringLiteral("run") }, {},
        { QStringLiteral("PYTHONHASHSEED=0") }, QJsonDocument(spec).toJson(QJsonDocument::Compact), 600000);
    if (result.exitCode != 0) {
        *error =
            QStringLiteral("the Alembic reference helper failed (exit %1): %2").arg(result.exitCode).arg(result.err);
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8(), &parseError);
    if (document.isNull()) {
        *error = QStringLiteral("the Alembic reference helper printed no JSON: %1").arg(parseError.errorString());
        return {};
    }
    return document.object();
}

QStringList compareWithReference(const Project &project, const QJsonObject &reference)
{
    QStringList mismatches;
    const RevisionGraph &graph = project.graph;
    const QJsonObject expectedGraph = reference.value(QStringLiteral("graph")).toObject();
    const auto compareList = [&](const QString &what, const QStringList &actual) {
        const QStringList expected = strings(expectedGraph.value(what));
        if (actual != expected) {
            mismatches.append(QStringLiteral("%1: Alembic %2, Retort %3")
                                  .arg(what, expected.join(QLatin1Char(' ')), actual.join(QLatin1Char(' '))));
        }
    };
    compareList(QStringLiteral("heads"), revisionIds(graph, graph.heads()));
    compareList(QStringLiteral("real_heads"), revisionIds(graph, graph.realHeads()));
    compareList(QStringLiteral("bases"), revisionIds(graph, graph.bases()));
    compareList(QStringLiteral("real_bases"), revisionIds(graph, graph.realBases()));
    compareList(QStringLiteral("history"), revisionIds(graph, alembicHistoryOrder(graph)));

    const QJsonArray expectedRevisions = expectedGraph.value(QStringLiteral("revisions")).toArray();
    if (expectedRevisions.size() != graph.size())
        mismatches.append(
            QStringLiteral("Alembic loads %1 revisions, Retort %2").arg(expectedRevisions.size()).arg(graph.size()));
    for (const QJsonValue &value : expectedRevisions) {
        const QJsonObject expected = value.toObject();
        const QString id = expected.value(QStringLiteral("revision")).toString();
        const int index = graph.indexOf(id);
        if (index < 0) {
            mismatches.append(QStringLiteral("revision %1 is missing").arg(id));
            continue;
        }
        const auto flag = [&](const QString &name, bool actual) {
            if (expected.value(name).toBool() != actual)
                mismatches.append(QStringLiteral("%1 %2: Alembic %3").arg(id, name).arg(expected.value(name).toBool()));
        };
        flag(QStringLiteral("is_head"), graph.isHead(index));
        flag(QStringLiteral("is_real_head"), graph.isRealHead(index));
        flag(QStringLiteral("is_base"), graph.isBase(index));
        flag(QStringLiteral("is_real_base"), graph.isRealBase(index));
        flag(QStringLiteral("is_branch_point"), graph.isBranchPoint(index));
        flag(QStringLiteral("is_real_branch_point"), graph.isRealBranchPoint(index));
        flag(QStringLiteral("is_merge_point"), graph.isMergePoint(index));
        const QStringList names = strings(expected.value(QStringLiteral("branch_names")));
        if (graph.branchNames(index) != names) {
            mismatches.append(
                QStringLiteral("%1 branch names: Alembic %2, Retort %3")
                    .arg(id, names.join(QLatin1Char(',')), graph.branchNames(index).join(QLatin1Char(','))));
        }
        if (project.kind == ProjectKind::Alembic) {
            const QString longdoc = expected.value(QStringLiteral("longdoc")).toString();
            if (graph.revision(index).longMessage() != longdoc) {
                mismatches.append(QStringLiteral("%1 docstring: Alembic \"%2\", Retort \"%3\"")
                                      .arg(id, longdoc, graph.revision(index).longMessage()));
            }
            const QString path = expected.value(QStringLiteral("path")).toString();
            if (QFileInfo(graph.revision(index).filePath()).canonicalFilePath() != QFileInfo(path).canonicalFilePath())
                mismatches.append(
                    QStringLiteral("%1 path: Alembic %2, Retort %3").arg(id, path, graph.revision(index).filePath()));
        }
        const QStringList down = strings(expected.value(QStringLiteral("normalized_down_revisions")));
        if (revisionIds(graph, graph.predecessors(index)) != down) {
            mismatches.append(QStringLiteral("%1 normalized down revisions: Alembic %2, Retort %3")
                                  .arg(id, down.join(QLatin1Char(',')),
                                      revisionIds(graph, graph.predecessors(index)).join(QLatin1Char(','))));
        }
    }

    const Planner planner(graph);
    const QJsonArray queries = reference.value(QStringLiteral("queries")).toArray();
    const QJsonArray answers = reference.value(QStringLiteral("answers")).toArray();
    for (qsizetype i = 0; i < queries.size(); ++i) {
        const QJsonObject query = queries.at(i).toObject();
        const QJsonObject expected = answers.at(i).toObject();
        const QJsonObject actual = answer(planner, query);
        if (!sameAnswer(expected, actual)) {
            mismatches.append(QStringLiteral("%1\n    Alembic: %2\n    Retort:  %3")
                                  .arg(describe(query), describe(expected), describe(actual)));
        }
    }
    return mismatches;
}

} // namespace Retort::Test
