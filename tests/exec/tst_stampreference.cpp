// Stamping as Alembic does it: random projects made with Alembic's own
// commands, stamp targets drawn at random from many starting states, and
// the version rows Retort computes compared with what Alembic's
// _stamp_revs and HeadMaintainer leave in a real version table.
#include "../reference/referencecomparison.h"
#include "graph/stampplanner.h"
#include "project/projectloader.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Retort;
using namespace Qt::StringLiterals;

class StampReferenceTest : public QObject
{
    Q_OBJECT
private slots:
    void agreesWithAlembic_data();
    void agreesWithAlembic();
};

namespace {

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

} // namespace

void StampReferenceTest::agreesWithAlembic_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("revisions");
    for (int seed : { 3, 17, 29, 41 })
        QTest::newRow(qPrintable(u"random-%1"_s.arg(seed))) << seed << 24;
}

void StampReferenceTest::agreesWithAlembic()
{
    QFETCH(int, seed);
    QFETCH(int, revisions);
    QTemporaryDir dir;
    const QString config = dir.filePath(u"alembic/alembic.ini"_s);
    QDir().mkpath(dir.filePath(u"alembic"_s));
    const QString native = dir.filePath(u"native"_s);
    const QJsonObject spec {
        { u"config"_s, config },
        { u"generate"_s, QJsonObject { { u"seed"_s, seed }, { u"revisions"_s, revisions } } },
        { u"native_copy"_s, native },
        { u"seed"_s, seed },
    };
    const Test::ProcessResult result = Test::runProcess(Test::pythonExecutable(),
        { Test::sourceDirectory() + QStringLiteral("/" RETORT_STAMP_HELPER) }, {}, { u"PYTHONHASHSEED=0"_s },
        QJsonDocument(spec).toJson(QJsonDocument::Compact), 300000);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonObject answers = QJsonDocument::fromJson(result.out.toUtf8()).object();
    Result<Project> project = ProjectLoader::load(native);
    QVERIFY2(project.ok(), qPrintable(project ? QString() : project.error().toString()));
    const StampPlanner planner(project->graph);

    const QJsonArray queries = answers.value(u"queries"_s).toArray();
    const QJsonArray expected = answers.value(u"answers"_s).toArray();
    QVERIFY(queries.size() > 20);
    QStringList disagreements;
    int succeeded = 0;
    for (qsizetype i = 0; i < queries.size(); ++i) {
        const QJsonObject query = queries.at(i).toObject();
        const QJsonObject answer = expected.at(i).toObject();
        const QStringList rows = strings(query.value(u"rows"_s));
        const QStringList targets = strings(query.value(u"targets"_s));
        const bool purge = query.value(u"purge"_s).toBool();
        Result<QStringList> ours = planner.stamp(rows, targets, purge);
        const QString what =
            u"stamp %1 from [%2]%3"_s.arg(targets.join(u' '), rows.join(u' '), purge ? u" --purge"_s : QString());
        if (answer.value(u"ok"_s).toBool()) {
            ++succeeded;
            const QStringList theirs = strings(answer.value(u"rows"_s));
            if (!ours.ok())
                disagreements.append(
                    what + u": Alembic gives [%1], Retort refuses: %2"_s.arg(theirs.join(u' '), ours.error().message));
            else if (*ours != theirs)
                disagreements.append(
                    what + u": Alembic gives [%1], Retort [%2]"_s.arg(theirs.join(u' '), ours->join(u' ')));
        } else if (ours.ok()) {
            disagreements.append(what +
                u": Alembic refuses (%1), Retort gives [%2]"_s.arg(
                    answer.value(u"message"_s).toString(), ours->join(u' ')));
        }
    }
    QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.mid(0, 10).join(u'\n')));
    QVERIFY(succeeded > 10);
}

QTEST_GUILESS_MAIN(StampReferenceTest)
#include "tst_stampreference.moc"
