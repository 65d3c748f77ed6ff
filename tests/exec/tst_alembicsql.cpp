// An Alembic project reviewed as its own Alembic will run it, on a realistic
// project made with the real alembic (make_review_project.py: app settings and
// models, an env.py that reads its own settings, a data migration reading
// rows through op.get_bind(), CREATE INDEX CONCURRENTLY in an
// autocommit_block(), a branch and a merge):
// - each step's SQL is byte for byte what `alembic upgrade A:B --sql` prints,
//   and `retort-cli upgrade/downgrade --sql` prints what Alembic prints for
//   the range; the data migration says why it has no SQL and shows Python;
// - the cache is used, and dropped when a file it depends on changes;
// - transactions as env.py sets them up, and CONCURRENTLY outside
//   autocommit_block() refused before anything runs;
// - the downgrade plan's data-loss lines, create -m, the revision preview
//   from script.py.mako, and `alembic check` within retort-cli check.
#include "alembic/envpyanalysis.h"
#include "alembic/offlinesql.h"
#include "alembic/revisionpreview.h"
#include "appprojecttestutil.h"
#include "executortestutil.h"
#include "graph/planner.h"
#include "project/projectloader.h"
#include "review/databasereview.h"
#include "review/reviewsteps.h"

#include <QDir>
#include <QDirIterator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryFile>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Retort::NewRevision)

namespace {

const QString kUsers = u"1a0c0ffee001"_s;
const QString kOrders = u"2a0c0ffee002"_s;
const QString kBackfill = u"3a0c0ffee003"_s;
const QString kIndex = u"4a0c0ffee004"_s;
const QString kAudit = u"5b0c0ffee005"_s;
const QString kMerge = u"6c0c0ffee006"_s;
const QString kDropLegacy = u"7a0c0ffee007"_s;

QString fileOf(const QString &project, const QString &id)
{
    QDirIterator files(project + u"/migrations/versions"_s, { id + u"_*.py"_s });
    return files.hasNext() ? files.next() : QString();
}

// The 1-based line of `path` that contains `text`.
int lineOf(const QString &path, const QString &text)
{
    const QStringList lines = readText(path).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).contains(text))
            return int(i) + 1;
    }
    return 0;
}

ProcessResult alembic(const QString &project, const QStringList &arguments, const QStringList &environment = {})
{
    return runProcess(
        u"alembic"_s, QStringList { u"-c"_s, project + u"/alembic.ini"_s } + arguments, project, environment);
}

ProcessResult retort(const QString &project, const QStringList &arguments, const QByteArray &input = {})
{
    return runProcess(
        cliExecutable(), QStringList { u"-p"_s, project } + arguments, project, { u"DATABASE_URL"_s }, input);
}

} // namespace

class AlembicSqlTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void eachStepIsAlembicsOfflineSql_data();
    void eachStepIsAlembicsOfflineSql();
    void cliSqlIsAlembicsForTheRange_data();
    void cliSqlIsAlembicsForTheRange();
    void dataMigrationSaysWhyAndShowsPython();
    void cacheIsUsedAndDroppedOnChange();
    void reviewShowsSqlAndTransactions();
    void transactionPerMigrationIsRead();
    void concurrentlyOutsideAutocommitIsRefused();
    void downgradePlanShowsDataLoss();
    void createTakesDashM();
    void previewIsWhatAlembicWrites_data();
    void previewIsWhatAlembicWrites();
    void checkRunsAlembicCheck();

private:
    // A fresh copy of the project, for a test that changes it.
    QString copyOfProject(const QString &name, const QStringList &makerOptions = {});

    QTemporaryDir m_dir;
    QString m_project;
};

QString AlembicSqlTest::copyOfProject(const QString &name, const QStringList &makerOptions)
{
    const QString path = m_dir.filePath(name);
    const ProcessResult made = runProcess(u"python3"_s,
        QStringList { Test::sourceDirectory() + QStringLiteral("/" RETORT_APP_PROJECT_MAKER), path } + makerOptions);
    return made.exitCode == 0 ? path : QString();
}

void AlembicSqlTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QDir(AlembicOfflineSql::cacheDirectory()).removeRecursively());
    QVERIFY(m_dir.isValid());
    m_project = copyOfProject(u"app"_s);
    QVERIFY(!m_project.isEmpty());
}

void AlembicSqlTest::eachStepIsAlembicsOfflineSql_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("upgrade");
    QTest::newRow("first-step-creates-the-version-table") << QString() << kUsers << true;
    QTest::newRow("create-table-with-foreign-key") << kUsers << kOrders << true;
    QTest::newRow("autocommit-block") << kBackfill << kIndex << true;
    QTest::newRow("branch-from-a-revision-with-children") << kOrders << kAudit << true;
    QTest::newRow("drop-column") << kMerge << kDropLegacy << true;
    QTest::newRow("downgrade-drop-table") << kOrders << kUsers << false;
    QTest::newRow("downgrade-to-base-drops-the-version-table") << kUsers << u"base"_s << false;
}

void AlembicSqlTest::eachStepIsAlembicsOfflineSql()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, upgrade);
    Result<Project> project = ProjectLoader::load(m_project);
    QVERIFY2(project, qPrintable(project ? QString() : project.error().toString()));
    const Planner planner(project->graph);
    Result<MigrationPlan> plan = upgrade ? planner.upgrade(from.isEmpty() ? QStringList() : QStringList { from }, to)
                                         : planner.downgrade({ from }, to);
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
    QCOMPARE(plan->steps.size(), 1);

    Result<QList<AlembicStepSql>> sql = AlembicOfflineSql(*project, AlembicPython()).render(*plan);
    QVERIFY2(sql, qPrintable(sql ? QString() : sql.error().toString()));
    QCOMPARE(sql->at(0).error, QString());

    const QString range = (from.isEmpty() ? u"base"_s : from) + u':' + to;
    const ProcessResult expected = alembic(m_project, { upgrade ? u"upgrade"_s : u"downgrade"_s, range, u"--sql"_s });
    QVERIFY2(expected.exitCode == 0, qPrintable(expected.err));
    QCOMPARE(sql->at(0).sql, expected.out);
}

void AlembicSqlTest::cliSqlIsAlembicsForTheRange_data()
{
    QTest::addColumn<QStringList>("makerOptions");
    QTest::addColumn<QStringList>("command");
    QTest::newRow("one-transaction-with-branch-and-merge")
        << QStringList() << QStringList { u"upgrade"_s, kBackfill + u':' + kDropLegacy };
    QTest::newRow("transaction-per-migration") << QStringList { u"--transaction-per-migration"_s }
                                               << QStringList { u"upgrade"_s, kBackfill + u':' + kDropLegacy };
    QTest::newRow("first-two-from-base") << QStringList() << QStringList { u"upgrade"_s, u"base:"_s + kOrders };
    QTest::newRow("downgrade-two-steps-to-base")
        << QStringList() << QStringList { u"downgrade"_s, kOrders + u":base"_s };
}

void AlembicSqlTest::cliSqlIsAlembicsForTheRange()
{
    QFETCH(QStringList, makerOptions);
    QFETCH(QStringList, command);
    const QString project =
        makerOptions.isEmpty() ? m_project : copyOfProject(QString::fromLatin1(QTest::currentDataTag()), makerOptions);
    QVERIFY(!project.isEmpty());
    const ProcessResult expected = alembic(project, command + QStringList { u"--sql"_s });
    QVERIFY2(expected.exitCode == 0, qPrintable(expected.err));
    const ProcessResult actual = retort(project, command + QStringList { u"--sql"_s });
    QVERIFY2(actual.exitCode == 0, qPrintable(actual.err));
    QCOMPARE(actual.out, expected.out);
}

void AlembicSqlTest::dataMigrationSaysWhyAndShowsPython()
{
    // Alembic itself cannot: the migration reads rows, and offline there are none.
    QVERIFY(alembic(m_project, { u"upgrade"_s, kOrders + u':' + kBackfill, u"--sql"_s }).exitCode != 0);
    const QString file = fileOf(m_project, kBackfill);
    const ProcessResult cli = retort(m_project, { u"upgrade"_s, kUsers + u':' + kIndex, u"--sql"_s });
    QCOMPARE(cli.exitCode, 1);
    QCOMPARE(cli.out, QString());
    QVERIFY2(cli.err.contains(u"%1:%2:"_s.arg(file).arg(lineOf(file, u".fetchall()"_s))), qPrintable(cli.err));
    QVERIFY2(cli.err.contains(kBackfill), qPrintable(cli.err));

    Result<Project> project = ProjectLoader::load(m_project);
    QVERIFY(project);
    Review review;
    review.plan = *Planner(project->graph).upgrade({ kOrders }, kIndex);
    reviewPlanSteps(*project, Dialect::PostgreSQL, review, AlembicPython());
    QCOMPARE(review.steps.size(), 2);
    const ReviewStep &backfill = review.steps.at(0);
    QVERIFY(backfill.scriptIsPython);
    QCOMPARE(backfill.script, readText(file).trimmed());
    QVERIFY2(backfill.sqlUnavailable.contains(u"op.get_bind()"_s), qPrintable(backfill.sqlUnavailable));
    QVERIFY2(backfill.sqlUnavailable.contains(u"line %1"_s.arg(lineOf(file, u".fetchall()"_s))),
        qPrintable(backfill.sqlUnavailable));
    // The step after it still has its own SQL.
    QVERIFY(!review.steps.at(1).scriptIsPython);
    QVERIFY(review.steps.at(1).script.contains(u"CREATE INDEX CONCURRENTLY ix_orders_user_id ON orders (user_id);"_s));
}

void AlembicSqlTest::cacheIsUsedAndDroppedOnChange()
{
    const QString path = copyOfProject(u"cached"_s);
    QVERIFY(!path.isEmpty());
    Result<Project> loaded = ProjectLoader::load(path);
    QVERIFY(loaded);
    const MigrationPlan plan = *Planner(loaded->graph).upgrade({ kOrders }, kDropLegacy);
    QCOMPARE(plan.steps.size(), 5);
    const auto render = [&path, &plan]() {
        QList<bool> cached;
        Result<Project> project = ProjectLoader::load(path);
        if (!project)
            return cached;
        Result<QList<AlembicStepSql>> steps = AlembicOfflineSql(*project, AlembicPython()).render(plan);
        for (const AlembicStepSql &step : steps ? *steps : QList<AlembicStepSql>())
            cached.append(step.fromCache);
        return cached;
    };
    QCOMPARE(render(), QList<bool>(5, false));
    QCOMPARE(render(), QList<bool>(5, true));
    QList<bool> allButIndex(5, true);
    for (qsizetype i = 0; i < plan.steps.size(); ++i) {
        if (loaded->graph.revision(plan.steps.at(i).revision).id == kIndex)
            allButIndex[i] = false;
    }
    const QString index = fileOf(path, kIndex);
    QVERIFY(writeText(index, readText(index) + u"\n# reviewed\n"_s));
    QCOMPARE(render(), allButIndex);
    const QString envPy = path + u"/migrations/env.py"_s;
    QVERIFY(writeText(envPy, readText(envPy) + u"\n# reviewed\n"_s));
    QCOMPARE(render(), QList<bool>(5, false));
}

void AlembicSqlTest::reviewShowsSqlAndTransactions()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    if (!database.isValid())
        QSKIP("needs PostgreSQL (./dev test)");
    Result<Project> project = ProjectLoader::load(m_project);
    QVERIFY(project);
    auto connection = database.connect();
    QVERIFY(connection);
    Result<Review> review =
        DatabaseReview(*project, connection->database(), Dialect::PostgreSQL).review(ReviewMode::Upgrade, u"heads"_s);
    QVERIFY2(review, qPrintable(review ? QString() : review.error().toString()));
    QCOMPARE(review->problem, QString());
    QVERIFY(review->oneTransaction);
    QStringList shown;
    for (const ReviewStep &step : std::as_const(review->steps)) {
        const Revision &revision = project->graph.revision(step.step.revision);
        shown.append(u"%1 %2 %3"_s.arg(revision.id, step.scriptIsPython ? u"python"_s : u"sql"_s,
            step.transactional ? u"transactional"_s : u"autocommit"_s));
    }
    shown.sort(); // by revision id
    QCOMPARE(shown,
        (QStringList { kUsers + u" sql transactional"_s, kOrders + u" sql transactional"_s,
            kBackfill + u" python transactional"_s, kIndex + u" sql autocommit"_s, kAudit + u" sql transactional"_s,
            kMerge + u" sql transactional"_s, kDropLegacy + u" sql transactional"_s }));
    // The risk analysis runs on Alembic's SQL.
    const ReviewStep &drop = review->steps.last();
    QVERIFY(drop.script.contains(u"ALTER TABLE users DROP COLUMN legacy_code;"_s));
    QList<SqlRisk> losses;
    std::copy_if(drop.risks.cbegin(), drop.risks.cend(), std::back_inserter(losses),
        [](const SqlRisk &risk) { return risk.losesData(); });
    QCOMPARE(losses.size(), 1);
    QCOMPARE(losses.first().line, int(drop.script.left(drop.script.indexOf(u"ALTER TABLE"_s)).count(u'\n')) + 1);
}

void AlembicSqlTest::transactionPerMigrationIsRead()
{
    const QString perMigration = copyOfProject(u"per-migration"_s, { u"--transaction-per-migration"_s });
    QVERIFY(!perMigration.isEmpty());
    Result<Project> whole = ProjectLoader::load(m_project);
    Result<Project> each = ProjectLoader::load(perMigration);
    QVERIFY(whole && each);
    QCOMPARE(analyzeEnvPy(*whole).perMigration, false);
    QCOMPARE(analyzeEnvPy(*whole).oneTransaction(Dialect::PostgreSQL), true);
    QCOMPARE(analyzeEnvPy(*each).perMigration, true);
    QCOMPARE(analyzeEnvPy(*each).oneTransaction(Dialect::PostgreSQL), false);
    QCOMPARE(analyzeEnvPy(*whole).oneTransaction(Dialect::SQLite), false);
    QCOMPARE(analyzeEnvPy(*whole).envPy, m_project + u"/migrations/env.py"_s);
}

void AlembicSqlTest::concurrentlyOutsideAutocommitIsRefused()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    if (!database.isValid())
        QSKIP("needs PostgreSQL (./dev test)");
    const QString path = copyOfProject(u"no-autocommit"_s);
    QVERIFY(!path.isEmpty());
    const QString index = fileOf(path, kIndex);
    QString text = readText(index);
    text.replace(
        u"    with op.get_context().autocommit_block():\n        op.create_index("_s, u"    op.create_index("_s);
    QVERIFY(writeText(index, text));
    const int line = lineOf(index, u"op.create_index("_s);
    QVERIFY(line > 0);

    const ProcessResult run = retort(path, { u"--db"_s, database.settings().url(), u"upgrade"_s });
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"%1:%2:"_s.arg(index).arg(line)), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"CREATE INDEX CONCURRENTLY"_s), qPrintable(run.err));
    auto connection = database.connect();
    QVERIFY(connection);
    QCOMPARE(userTables(connection->database(), Dialect::PostgreSQL), QStringList());

    Result<Project> project = ProjectLoader::load(path);
    QVERIFY(project);
    Result<Review> review =
        DatabaseReview(*project, connection->database(), Dialect::PostgreSQL).review(ReviewMode::Upgrade, u"heads"_s);
    QVERIFY(review);
    QVERIFY2(review->problem.startsWith(u"%1:%2:"_s.arg(index).arg(line)), qPrintable(review->problem));
}

void AlembicSqlTest::downgradePlanShowsDataLoss()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    if (!database.isValid())
        QSKIP("needs PostgreSQL (./dev test)");
    {
        auto connection = database.connect();
        QVERIFY(connection);
        QSqlQuery query(connection->database());
        QVERIFY(query.exec(u"CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)"_s));
        QVERIFY(query.exec(u"INSERT INTO alembic_version VALUES ('%1')"_s.arg(kDropLegacy)));
    }
    // Answer no: the plan is printed, nothing runs.
    const ProcessResult plan =
        retort(m_project, { u"--db"_s, database.settings().url(), u"downgrade"_s, kOrders }, "n\n");
    QVERIFY2(plan.out.contains(u"Downgrading"_s), qPrintable(plan.out + plan.err));
    QStringList lossLines;
    for (const QString &line : plan.out.split(u'\n')) {
        if (line.startsWith(u"      "_s))
            lossLines.append(line.trimmed());
    }
    QCOMPARE(lossLines.size(), 2);
    QVERIFY2(lossLines.filter(u"audit_log"_s).size() == 1, qPrintable(lossLines.join(u'\n')));
    QVERIFY2(lossLines.filter(u"total"_s).size() == 1, qPrintable(lossLines.join(u'\n')));
    auto connection = database.connect();
    QVERIFY(connection);
    QCOMPARE(column(connection->database(), u"SELECT version_num FROM alembic_version"_s), QStringList { kDropLegacy });
}

void AlembicSqlTest::createTakesDashM()
{
    const QString path = copyOfProject(u"create"_s);
    QVERIFY(!path.isEmpty());
    const ProcessResult created =
        retort(path, { u"create"_s, u"-m"_s, u"Add phone numbers"_s, u"--rev-id"_s, u"8a0c0ffee008"_s });
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    QVERIFY(readText(fileOf(path, u"8a0c0ffee008"_s)).startsWith(u"\"\"\"Add phone numbers\n"_s));
    const ProcessResult positional = retort(path, { u"create"_s, u"Add addresses"_s });
    QVERIFY2(positional.exitCode == 0, qPrintable(positional.err));
    const ProcessResult both = retort(path, { u"create"_s, u"-m"_s, u"One"_s, u"Two"_s });
    QCOMPARE(both.exitCode, 2);
}

void AlembicSqlTest::previewIsWhatAlembicWrites_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<NewRevision>("spec");
    NewRevision next;
    next.message = u"Add phone numbers"_s;
    next.id = u"9a0c0ffee009"_s;
    QTest::newRow("after-the-head") << QStringList { u"-m"_s, next.message, u"--rev-id"_s, next.id } << next;
    NewRevision branch = next;
    branch.id = u"9b0c0ffee009"_s;
    branch.heads = { kUsers };
    branch.splice = true;
    branch.branchLabels = { u"billing"_s };
    branch.dependsOn = { kOrders };
    QTest::newRow("a-labelled-branch-with-depends-on") << QStringList { u"-m"_s, branch.message, u"--rev-id"_s,
        branch.id, u"--head"_s, kUsers, u"--splice"_s, u"--branch-label"_s, u"billing"_s, u"--depends-on"_s, kOrders }
                                                       << branch;
}

void AlembicSqlTest::previewIsWhatAlembicWrites()
{
    QFETCH(QStringList, arguments);
    QFETCH(NewRevision, spec);
    const QString path = copyOfProject(u"preview-"_s + QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(!path.isEmpty());
    Result<Project> project = ProjectLoader::load(path);
    QVERIFY(project);
    Result<QString> preview = previewAlembicRevision(*project, AlembicPython(), spec);
    QVERIFY2(preview, qPrintable(preview ? QString() : preview.error().toString()));
    const ProcessResult made = alembic(path, QStringList { u"revision"_s } + arguments);
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    static const QRegularExpression date(u"Create Date: .*"_s);
    QString written = readText(fileOf(path, spec.id));
    QVERIFY(!written.isEmpty());
    QCOMPARE(QString(*preview).replace(date, u"Create Date: -"_s), written.replace(date, u"Create Date: -"_s));
}

void AlembicSqlTest::checkRunsAlembicCheck()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    if (!database.isValid())
        QSKIP("needs PostgreSQL (./dev test)");
    const ConnectionSettings &settings = database.settings();
    const QString path = copyOfProject(u"check"_s);
    QVERIFY(!path.isEmpty());
    QTemporaryFile passFile;
    QVERIFY(passFile.open());
    passFile.write(u"*:*:*:*:%1\n"_s.arg(settings.password).toUtf8());
    passFile.flush();
    const QStringList environment = appEnvironment(settings) + QStringList { u"PGPASSFILE="_s + passFile.fileName() };
    const ProcessResult upgraded = alembic(path, { u"upgrade"_s, u"heads"_s }, environment);
    QVERIFY2(upgraded.exitCode == 0, qPrintable(upgraded.err));

    const auto check = [&]() {
        return runProcess(cliExecutable(), { u"-p"_s, path, u"--db"_s, settings.url(), u"check"_s }, path,
            appEnvironment(settings) + QStringList { u"DATABASE_URL"_s });
    };
    ProcessResult clean = check();
    QVERIFY2(clean.exitCode == 0, qPrintable(clean.out + clean.err));
    QVERIFY2(clean.out.contains(u"check: alembic check: the models match the database."_s), qPrintable(clean.out));

    // A model the migrations do not have.
    const QString models = path + u"/app/models.py"_s;
    QVERIFY(writeText(models,
        readText(models) +
            u"\n\nclass Invoice(Base):\n    __tablename__ = \"invoices\"\n    id = sa.Column(sa.Integer, primary_key=True)\n"_s));
    ProcessResult drift = check();
    QCOMPARE(drift.exitCode, 1);
    QVERIFY2(drift.out.contains(u"check: model-drift: alembic check: "_s), qPrintable(drift.out));
    QVERIFY2(drift.out.contains(u"invoices"_s), qPrintable(drift.out));

    // No target_metadata: Alembic cannot tell, and says why.
    const QString envPy = path + u"/migrations/env.py"_s;
    QVERIFY(writeText(
        envPy, readText(envPy).replace(u"target_metadata = models.Base.metadata"_s, u"target_metadata = None"_s)));
    ProcessResult skipped = check();
    QVERIFY2(skipped.exitCode == 0, qPrintable(skipped.out + skipped.err));
    QVERIFY2(skipped.out.contains(u"check: alembic check skipped: "_s), qPrintable(skipped.out));
}

QTEST_GUILESS_MAIN(AlembicSqlTest)
#include "tst_alembicsql.moc"
