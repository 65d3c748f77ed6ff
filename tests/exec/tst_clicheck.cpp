// retort-cli check, as CI runs it: non-zero with reasons when migrations are
// pending, the project has several heads, an applied script was changed
// after it ran, or the database is at a revision the project does not know.
#include "diff/unifieddiff.h"
#include "executortestutil.h"

#include <QFile>
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
    void statusAndShowDiffTellWhatChanged();
    void unifiedDiffIsGnuDiffs_data();
    void unifiedDiffIsGnuDiffs();
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
    QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
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

    // A second head, not applied. The edited b2 now gives another schema
    // than the database has: drift.
    files.writeRevision(u"c3.sql"_s, revisionFile(u"c3"_s, u"a1"_s, u"CREATE TABLE t3 (x int);"_s));
    result = cli(files, database, { u"--json"_s, u"check"_s });
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(kinds(QJsonDocument::fromJson(result.out.toUtf8()).object()),
        (QStringList { u"multiple-heads"_s, u"pending"_s, u"changed"_s, u"drift"_s }));

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

void CliCheckTest::statusAndShowDiffTellWhatChanged()
{
    ScratchDatabase database(Dialect::SQLite);
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s,
        revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (\n    x int,\n    y int\n);\nCREATE INDEX i1 ON t1 (x);"_s));
    files.writeRevision(u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE t2 (x int);"_s));
    QCOMPARE(cli(files, database, { u"upgrade"_s, u"a1"_s }).exitCode, 0);
    const QString a1 = files.writeRevision(u"a1.sql"_s,
        revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (\n    x bigint,\n    y int\n);\nCREATE INDEX i1 ON t1 (x);"_s));

    ProcessResult status = cli(files, database, { u"status"_s });
    QVERIFY2(status.exitCode == 0, qPrintable(status.err));
    QVERIFY2(status.out.contains(u"Changed:  a1 was edited after it ran on "_s), qPrintable(status.out));
    status = cli(files, database, { u"--json"_s, u"status"_s });
    QCOMPARE(
        QJsonDocument::fromJson(status.out.toUtf8()).object().value(u"changed_since_applied"_s).toArray().size(), 1);

    const ProcessResult diff = cli(files, database, { u"show"_s, u"a1"_s, u"--diff"_s });
    QVERIFY2(diff.exitCode == 0, qPrintable(diff.err));
    QStringList lines = diff.out.split(u'\n');
    QVERIFY2(lines.value(0).startsWith(u"--- a1 as it ran on "_s), qPrintable(diff.out));
    QCOMPARE(lines.value(1), u"+++ "_s + a1 + u" now"_s);
    QCOMPARE(lines.mid(2),
        (QStringList { u"@@ -1,5 +1,5 @@"_s, u" CREATE TABLE t1 ("_s, u"-    x int,"_s, u"+    x bigint,"_s,
            u"     y int"_s, u" );"_s, u" CREATE INDEX i1 ON t1 (x);"_s, QString() }));
    const ProcessResult never = cli(files, database, { u"show"_s, u"b2"_s, u"--diff"_s });
    QVERIFY2(never.out.startsWith(u"b2: Retort has no record of running it here"_s), qPrintable(never.out));
}

void CliCheckTest::unifiedDiffIsGnuDiffs_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::newRow("one-line-changed") << u"a\nb\nc\n"_s << u"a\nB\nc\n"_s;
    QTest::newRow("far-apart-changes") << u"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"_s
                                       << u"0\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n13\n"_s;
    QTest::newRow("insert-at-start") << u"b\nc\n"_s << u"a\nb\nc\n"_s;
    QTest::newRow("delete-at-end") << u"a\nb\nc\n"_s << u"a\nb\n"_s;
    QTest::newRow("from-empty") << QString() << u"x\ny\n"_s;
    QTest::newRow("equal") << u"same\n"_s << u"same\n"_s;
}

void CliCheckTest::unifiedDiffIsGnuDiffs()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QTemporaryDir dir;
    const QString a = dir.filePath(u"a"_s);
    const QString b = dir.filePath(u"b"_s);
    for (const auto &[path, text] : { std::pair { a, before }, std::pair { b, after } }) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text.toUtf8());
    }
    const ProcessResult gnu = runProcess(u"diff"_s, { u"-u"_s, u"--label=A"_s, u"--label=B"_s, a, b });
    QCOMPARE(unifiedDiff(before, after, u"A"_s, u"B"_s), gnu.out);
}

QTEST_GUILESS_MAIN(CliCheckTest)
#include "tst_clicheck.moc"
