// retort-cli check, as CI runs it: non-zero with reasons when migrations are
// pending, the project has several heads, an applied script was changed
// after it ran, or the database is at a revision the project does not know.
#include "executortestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class CliCheckTest : public QObject
{
    Q_OBJECT
private slots:
    void reportsEachProblem_data();
    void reportsEachProblem();
    void unreachableDatabaseIsAFailureNotAPass();
};

namespace {

ProcessResult cli(const TemporaryProject &files, const ScratchDatabase &database, const QStringList &arguments)
{
    return runProcess(cliExecutable(), QStringList { u"-p"_s, files.path() } + arguments, files.path(),
        { u"DATABASE_URL="_s + database.settings().url() });
}

QStringList kinds(const QJsonObject &report)
{
    QStringList list;
    for (const QJsonValue &problem : report.value(u"problems"_s).toArray())
        list.append(problem.toObject().value(u"kind"_s).toString());
    return list;
}

} // namespace

void CliCheckTest::reportsEachProblem_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("postgresql") << u"postgresql"_s;
    QTest::newRow("sqlite") << u"sqlite"_s;
}

void CliCheckTest::reportsEachProblem()
{
    QFETCH(QString, dialect);
    ScratchDatabase database(dialectFromName(dialect));
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    const QString b2 = files.writeRevision(u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE t2 (x int);"_s));

    // A fresh database: everything is pending.
    ProcessResult result = cli(files, database, { u"--json"_s, u"check"_s });
    QCOMPARE(result.exitCode, 1);
    QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(report.value(u"ok"_s).toBool(), false);
    QCOMPARE(kinds(report), QStringList { u"pending"_s });
    QCOMPARE(report.value(u"problems"_s).toArray().first().toObject().value(u"revisions"_s).toArray().size(), 2);

    QCOMPARE(cli(files, database, { u"upgrade"_s }).exitCode, 0);
    result = cli(files, database, { u"check"_s });
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(u"nothing pending, one head, no applied script changed"_s), qPrintable(result.out));

    // An applied script edited afterwards; blank space around it does not count.
    files.writeRevision(u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"\n\nCREATE TABLE t2 (x int);\n\n"_s));
    QCOMPARE(cli(files, database, { u"check"_s }).exitCode, 0);
    files.writeRevision(u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE t2 (x bigint);"_s));
    result = cli(files, database, { u"check"_s });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains(u"check: changed: "_s + b2 + u": revision b2 was changed after it ran on "_s),
        qPrintable(result.out));
    QVERIFY(result.out.contains(u"retort-cli show b2 --diff"_s));

    // A second head, not applied.
    files.writeRevision(u"c3.sql"_s, revisionFile(u"c3"_s, u"a1"_s, u"CREATE TABLE t3 (x int);"_s));
    result = cli(files, database, { u"--json"_s, u"check"_s });
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(kinds(QJsonDocument::fromJson(result.out.toUtf8()).object()),
        (QStringList { u"multiple-heads"_s, u"pending"_s, u"changed"_s }));

    // The database ahead of the project.
    auto connection = database.connect();
    QVERIFY(QSqlQuery(connection->database()).exec(u"UPDATE alembic_version SET version_num = 'f00dfeed'"_s));
    connection.reset();
    result = cli(files, database, { u"--json"_s, u"check"_s });
    QCOMPARE(result.exitCode, 1);
    report = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(kinds(report), (QStringList { u"multiple-heads"_s, u"unknown-revision"_s }));
}

void CliCheckTest::unreachableDatabaseIsAFailureNotAPass()
{
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    const ProcessResult result = runProcess(cliExecutable(), { u"-p"_s, files.path(), u"check"_s }, files.path(),
        { u"DATABASE_URL=postgresql://nobody@127.0.0.1:1/none"_s });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"cannot connect to nobody@127.0.0.1:1/none"_s), qPrintable(result.err));
}

QTEST_GUILESS_MAIN(CliCheckTest)
#include "tst_clicheck.moc"
