// Retort's graph, targets and plans against Alembic's, on projects made by
// Alembic itself: hand-built hard cases (made with the `alembic` command) and
// a seeded property test over many random revision DAGs. Every project is
// checked as Alembic left it and as a native-format copy with the same
// revisions, so both loaders feed the same engine the same graph.
//
// RETORT_REFERENCE_SEED and RETORT_REFERENCE_PROJECTS choose the random
// projects (default: seed 1, 24 projects); CI runs the default, a longer run
// is e.g. RETORT_REFERENCE_PROJECTS=500 ./dev test -R alembicreference.
#include "project/projectloader.h"
#include "referencecomparison.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Retort;

namespace {

// One `alembic` command line, without the -c option.
using AlembicCommand = QStringList;

QStringList revisionCommand(const QString &id, const QString &head, const QStringList &extra = {})
{
    return QStringList { QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("revision ") + id,
        QStringLiteral("--rev-id"), id, QStringLiteral("--head"), head } +
        extra;
}

QStringList mergeCommand(const QString &id, const QStringList &revisions)
{
    return QStringList {
        QStringLiteral("merge"), QStringLiteral("-m"), QStringLiteral("merge ") + id, QStringLiteral("--rev-id"), id
    } + revisions;
}

const QString kSplice = QStringLiteral("--splice");

QStringList label(const QString &name)
{
    return { QStringLiteral("--branch-label"), name };
}

QStringList dependsOn(const QString &target)
{
    return { QStringLiteral("--depends-on"), target };
}

QString loadError(const Result<Project> &project)
{
    return project ? QString() : project.error().toString();
}

QString firstMismatches(const QStringList &mismatches, const QString &what)
{
    return QStringLiteral("%1: %2 disagreement(s) with Alembic; the first:\n%3")
        .arg(what)
        .arg(mismatches.size())
        .arg(mismatches.mid(0, 8).join(QLatin1Char('\n')));
}

} // namespace

class AlembicReferenceTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void handBuiltProjectsAgree_data();
    void handBuiltProjectsAgree();
    void randomProjectsAgree();

private:
    void checkProjects(const QJsonObject &answers, const QStringList &nativeCopies);
};

void AlembicReferenceTest::initTestCase()
{
    const Test::ProcessResult probe =
        Test::runProcess(Test::pythonExecutable(), { QStringLiteral("-c"), QStringLiteral("import alembic") });
    QVERIFY2(probe.exitCode == 0,
        qPrintable(
            QStringLiteral("%1 cannot import alembic (python3-alembic): %2").arg(Test::pythonExecutable(), probe.err)));
}

void AlembicReferenceTest::handBuiltProjectsAgree_data()
{
    QTest::addColumn<QList<AlembicCommand>>("commands");
    QTest::newRow("linear") << QList<AlembicCommand> {
        revisionCommand(QStringLiteral("1a0000000001"), QStringLiteral("base")),
        revisionCommand(QStringLiteral("1a0000000002"), QStringLiteral("head")),
        revisionCommand(QStringLiteral("1a0000000003"), QStringLiteral("head")),
    };
    QTest::newRow("merge-of-two-branches") << QList<AlembicCommand> {
        revisionCommand(QStringLiteral("2b0000000001"), QStringLiteral("base")),
        revisionCommand(QStringLiteral("2b0000000002"), QStringLiteral("2b0000000001")),
        revisionCommand(QStringLiteral("2b0000000003"), QStringLiteral("2b0000000001"), { kSplice }),
        revisionCommand(QStringLiteral("2b0000000004"), QStringLiteral("2b0000000003")),
        mergeCommand(
            QStringLiteral("2b0000000005"), { QStringLiteral("2b0000000002"), QStringLiteral("2b0000000004") }),
        revisionCommand(QStringLiteral("2b0000000006"), QStringLiteral("head")),
    };
    QTest::newRow("several-heads-and-bases") << QList<AlembicCommand> {
        revisionCommand(QStringLiteral("3c0000000001"), QStringLiteral("base")),
        revisionCommand(QStringLiteral("3c0000000002"), QStringLiteral("3c0000000001")),
        revisionCommand(QStringLiteral("3c0000000003"), QStringLiteral("3c0000000001"), { kSplice }),
        revisionCommand(QStringLiteral("3c0000000004"), QStringLiteral("base")),
        revisionCommand(QStringLiteral("3c0000000005"), QStringLiteral("3c0000000004")),
    };
    QTest::newRow("labelled-branch-from-a-second-base") << QList<AlembicCommand> {
        revisionCommand(QStringLiteral("4d0000000001"), QStringLiteral("base")),
        revisionCommand(QStringLiteral("4d0000000002"), QStringLiteral("head")),
        revisionCommand(QStringLiteral("4d0000000003"), QStringLiteral("base"), label(QStringLiteral("billing"))),
        revisionCommand(QStringLiteral("4d0000000004"), QStringLiteral("billing@head")),
        revisionCommand(
            QStringLiteral("4d0000000005"), QStringLiteral("4d0000000002"), dependsOn(QStringLiteral("billing"))),
        revisionCommand(QStringLiteral("4d0000000006"), QStringLiteral("billing@head")),
    };
    QTest::newRow("label-in-the-middle-of-a-line") << QList<AlembicCommand> {
        revisionCommand(QStringLiteral("5e0000000001"), QStringLiteral("base")),
        revisionCommand(QStringLiteral("5e0000000002"), QStringLiteral("head")),
        revisionCommand(QStringLiteral("5e0000000003"), QStringLiteral("head"), label(QStringLiteral("audit"))),
        revisionCommand(QStringLiteral("5e0000000004"), QStringLiteral("head")),
    };
    QTest::newRow("depends-on-across-branches-and-merges") << QList<AlembicCommand> {
        revisionCommand(QStringLiteral("6f0000000001"), QStringLiteral("base")),
        revisionCommand(QStringLiteral("6f0000000002"), QStringLiteral("6f0000000001")),
        revisionCommand(QStringLiteral("6f0000000003"), QStringLiteral("6f0000000001"), { kSplice }),
        revisionCommand(
            QStringLiteral("6f0000000004"), QStringLiteral("6f0000000003"), dependsOn(QStringLiteral("6f0000000002"))),
        revisionCommand(QStringLiteral("6f0000000005"), QStringLiteral("6f0000000002")),
        mergeCommand(
            QStringLiteral("6f0000000006"), { QStringLiteral("6f0000000004"), QStringLiteral("6f0000000005") }),
        revisionCommand(
            QStringLiteral("6f0000000007"), QStringLiteral("head"), dependsOn(QStringLiteral("6f0000000003"))),
    };
    QTest::newRow("ambiguous-prefixes") << QList<AlembicCommand> {
        revisionCommand(QStringLiteral("ae1027a6acf2"), QStringLiteral("base")),
        revisionCommand(QStringLiteral("ae1028b00001"), QStringLiteral("head")),
        revisionCommand(QStringLiteral("ae10ffee0002"), QStringLiteral("head"), label(QStringLiteral("ae10tail"))),
        revisionCommand(QStringLiteral("bd7700000003"), QStringLiteral("ae1028b00001"), { kSplice }),
    };
    QTest::newRow("relative-steps-across-merges") << QList<AlembicCommand> {
        revisionCommand(QStringLiteral("7a0000000001"), QStringLiteral("base")),
        revisionCommand(QStringLiteral("7a0000000002"), QStringLiteral("head"), label(QStringLiteral("main"))),
        revisionCommand(QStringLiteral("7a0000000003"), QStringLiteral("7a0000000002")),
        revisionCommand(QStringLiteral("7a0000000004"), QStringLiteral("7a0000000002"), { kSplice }),
        revisionCommand(QStringLiteral("7a0000000005"), QStringLiteral("7a0000000004"), label(QStringLiteral("side"))),
        mergeCommand(
            QStringLiteral("7a0000000006"), { QStringLiteral("7a0000000003"), QStringLiteral("7a0000000005") }),
        revisionCommand(QStringLiteral("7a0000000007"), QStringLiteral("head")),
        revisionCommand(QStringLiteral("7a0000000008"), QStringLiteral("7a0000000006"), { kSplice }),
    };
}

void AlembicReferenceTest::handBuiltProjectsAgree()
{
    QFETCH(QList<AlembicCommand>, commands);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString project = directory.filePath(QStringLiteral("project"));
    QVERIFY(QDir().mkpath(project));
    const QString ini = project + QStringLiteral("/alembic.ini");
    // Every command through alembic's own command line (alembic.config.main,
    // what the `alembic` program runs), in one Python process: a process
    // per command would spend most of this test importing SQLAlchemy.
    QJsonArray commandLines { QJsonArray { QStringLiteral("init"), QStringLiteral("migrations") } };
    for (const AlembicCommand &command : std::as_const(commands))
        commandLines.append(QJsonArray::fromStringList(QStringList { QStringLiteral("-c"), ini } + command));
    static const QString driver = QStringLiteral("import json, sys\n"
                                                 "from alembic.config import main\n"
                                                 "for argv in json.load(sys.stdin):\n"
                                                 "    print('alembic ' + ' '.join(argv), file=sys.stderr, flush=True)\n"
                                                 "    main(argv=argv, prog='alembic')\n");
    const Test::ProcessResult made = Test::runProcess(Test::pythonExecutable(), { QStringLiteral("-c"), driver },
        project, {}, QJsonDocument(commandLines).toJson(QJsonDocument::Compact));
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));

    const QString nativeCopy = directory.filePath(QStringLiteral("native"));
    const QJsonObject spec { { QStringLiteral("projects"),
        QJsonArray { QJsonObject { { QStringLiteral("config"), ini },
            { QStringLiteral("random_queries"), QJsonObject { { QStringLiteral("seed"), 7 } } },
            { QStringLiteral("native_copy"), nativeCopy } } } } };
    QString error;
    const QJsonObject answers = Test::runReference(spec, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    checkProjects(answers, { nativeCopy });
}

void AlembicReferenceTest::randomProjectsAgree()
{
    const int seed =
        qEnvironmentVariableIsSet("RETORT_REFERENCE_SEED") ? qEnvironmentVariableIntValue("RETORT_REFERENCE_SEED") : 1;
    const int count = qEnvironmentVariableIsSet("RETORT_REFERENCE_PROJECTS")
        ? qEnvironmentVariableIntValue("RETORT_REFERENCE_PROJECTS")
        : 24;
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QJsonArray projects;
    QStringList nativeCopies;
    for (int i = 0; i < count; ++i) {
        const QString folder = directory.filePath(QStringLiteral("p%1").arg(i));
        QVERIFY(QDir().mkpath(folder));
        const int projectSeed = seed * 100003 + i;
        // Sizes from a handful of revisions to a few dozen.
        const int revisions = 4 + int((qint64(projectSeed) * 7919) % 40);
        nativeCopies.append(directory.filePath(QStringLiteral("native%1").arg(i)));
        projects.append(QJsonObject {
            { QStringLiteral("config"), QString(folder + QStringLiteral("/alembic.ini")) },
            { QStringLiteral("generate"),
                QJsonObject { { QStringLiteral("seed"), projectSeed }, { QStringLiteral("revisions"), revisions } } },
            { QStringLiteral("random_queries"), QJsonObject { { QStringLiteral("seed"), projectSeed } } },
            { QStringLiteral("native_copy"), nativeCopies.last() },
        });
    }
    QString error;
    const QJsonObject answers = Test::runReference(QJsonObject { { QStringLiteral("projects"), projects } }, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    checkProjects(answers, nativeCopies);
}

void AlembicReferenceTest::checkProjects(const QJsonObject &answers, const QStringList &nativeCopies)
{
    const QJsonArray projects = answers.value(QStringLiteral("projects")).toArray();
    QCOMPARE(projects.size(), nativeCopies.size());
    int queries = 0;
    for (qsizetype i = 0; i < projects.size(); ++i) {
        const QJsonObject reference = projects.at(i).toObject();
        queries += int(reference.value(QStringLiteral("queries")).toArray().size());
        const QString config = reference.value(QStringLiteral("config")).toString();
        Result<Project> alembic = ProjectLoader::load(config);
        QVERIFY2(alembic.ok(), qPrintable(loadError(alembic)));
        QCOMPARE(alembic->kind, ProjectKind::Alembic);
        QVERIFY2(alembic->warnings.isEmpty(),
            qPrintable(alembic->warnings.isEmpty() ? QString() : alembic->warnings.first().toString()));
        QStringList mismatches = Test::compareWithReference(*alembic, reference);
        QVERIFY2(mismatches.isEmpty(), qPrintable(firstMismatches(mismatches, config)));

        Result<Project> native = ProjectLoader::load(nativeCopies.at(i));
        QVERIFY2(native.ok(), qPrintable(loadError(native)));
        QCOMPARE(native->kind, ProjectKind::Native);
        mismatches = Test::compareWithReference(*native, reference);
        QVERIFY2(
            mismatches.isEmpty(), qPrintable(firstMismatches(mismatches, config + QStringLiteral(" (native copy)"))));
    }
    qInfo("%d projects, %d queries each side agree with Alembic", int(projects.size()), queries);
}

QTEST_GUILESS_MAIN(AlembicReferenceTest)
#include "tst_alembicreference.moc"
