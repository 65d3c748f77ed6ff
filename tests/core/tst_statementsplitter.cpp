#include "sql/statementsplitter.h"

#include <QTest>

using namespace Retort;

Q_DECLARE_METATYPE(Retort::Dialect)

class StatementSplitterTest : public QObject
{
    Q_OBJECT
private slots:
    void splits_data();
    void splits();
    void reportsUnterminatedTokens_data();
    void reportsUnterminatedTokens();
};

void StatementSplitterTest::splits_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QStringList>("statements");
    QTest::addColumn<QList<int>>("lines");

    const Dialect pg = Dialect::PostgreSQL;
    const Dialect lite = Dialect::SQLite;
    QTest::newRow("two-statements-and-lines")
        << QStringLiteral("\nCREATE TABLE a (x int);\n\nDROP TABLE b;\n") << pg
        << QStringList { QStringLiteral("CREATE TABLE a (x int)"), QStringLiteral("DROP TABLE b") }
        << QList<int> { 12, 14 };
    QTest::newRow("last-statement-without-semicolon")
        << QStringLiteral("SELECT 1;\nSELECT 2") << pg
        << QStringList { QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2") } << QList<int> { 11, 12 };
    QTest::newRow("semicolon-in-string") << QStringLiteral("INSERT INTO t VALUES ('a;b', 'it''s;');") << pg
                                         << QStringList { QStringLiteral("INSERT INTO t VALUES ('a;b', 'it''s;')") }
                                         << QList<int> { 11 };
    QTest::newRow("escape-string-with-backslash-quote")
        << QStringLiteral("SELECT E'a\\';b';SELECT 2;") << pg
        << QStringList { QStringLiteral("SELECT E'a\\';b'"), QStringLiteral("SELECT 2") } << QList<int> { 11, 11 };
    QTest::newRow("plain-string-backslash-is-literal")
        << QStringLiteral("SELECT 'a\\';SELECT 2;") << pg
        << QStringList { QStringLiteral("SELECT 'a\\'"), QStringLiteral("SELECT 2") } << QList<int> { 11, 11 };
    QTest::newRow("quoted-identifier") << QStringLiteral("CREATE TABLE \"we;ird\"\"x\" (id int);") << pg
                                       << QStringList { QStringLiteral("CREATE TABLE \"we;ird\"\"x\" (id int)") }
                                       << QList<int> { 11 };
    QTest::newRow("dollar-quoted-body")
        << QStringLiteral(
               "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;\nSELECT f();")
        << pg
        << QStringList { QStringLiteral(
                             "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql"),
               QStringLiteral("SELECT f()") }
        << QList<int> { 11, 12 };
    QTest::newRow("tagged-dollar-quote-containing-dollars")
        << QStringLiteral("DO $body$ BEGIN PERFORM $$;$$; END $body$;\nSELECT $1;") << pg
        << QStringList { QStringLiteral("DO $body$ BEGIN PERFORM $$;$$; END $body$"), QStringLiteral("SELECT $1") }
        << QList<int> { 11, 12 };
    QTest::newRow("dollar-inside-identifier-is-not-a-quote")
        << QStringLiteral("SELECT a$b$ FROM t;SELECT 2;") << pg
        << QStringList { QStringLiteral("SELECT a$b$ FROM t"), QStringLiteral("SELECT 2") } << QList<int> { 11, 11 };
    QTest::newRow("nested-block-comments-postgresql")
        << QStringLiteral("/* outer /* inner; */ still; */ SELECT 1;") << pg
        << QStringList { QStringLiteral("SELECT 1") } << QList<int> { 11 };
    QTest::newRow("block-comments-do-not-nest-in-sqlite")
        << QStringLiteral("/* outer /* inner */ SELECT 1;") << lite << QStringList { QStringLiteral("SELECT 1") }
        << QList<int> { 11 };
    QTest::newRow("line-comment-with-semicolon")
        << QStringLiteral("-- first; not a statement\nSELECT 1; -- trailing; comment\n") << pg
        << QStringList { QStringLiteral("SELECT 1") } << QList<int> { 12 };
    QTest::newRow("only-comments") << QStringLiteral("-- nothing\n/* here */\n") << pg << QStringList {}
                                   << QList<int> {};
    QTest::newRow("begin-atomic-body")
        << QStringLiteral(
               "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT CASE WHEN true "
               "THEN 2 END;\nEND;\nSELECT 3;")
        << pg
        << QStringList { QStringLiteral(
                             "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT "
                             "CASE WHEN true THEN 2 END;\nEND"),
               QStringLiteral("SELECT 3") }
        << QList<int> { 11, 16 };
    QTest::newRow("begin-transaction-is-a-statement")
        << QStringLiteral("BEGIN;\nSELECT 1;\nCOMMIT;") << pg
        << QStringList { QStringLiteral("BEGIN"), QStringLiteral("SELECT 1"), QStringLiteral("COMMIT") }
        << QList<int> { 11, 12, 13 };
    QTest::newRow("sqlite-trigger-with-case")
        << QStringLiteral("CREATE TRIGGER t AFTER UPDATE ON a\nBEGIN\n  UPDATE b SET x = CASE WHEN new.y THEN 1 ELSE 2 "
                          "END;\n  DELETE FROM c;\nEND;\nSELECT 1;")
        << lite
        << QStringList { QStringLiteral("CREATE TRIGGER t AFTER UPDATE ON a\nBEGIN\n  UPDATE b SET x = CASE WHEN new.y "
                                        "THEN 1 ELSE 2 END;\n  DELETE FROM c;\nEND"),
               QStringLiteral("SELECT 1") }
        << QList<int> { 11, 16 };
    QTest::newRow("sqlite-temp-trigger-and-bracket-identifiers")
        << QStringLiteral("CREATE TEMP TRIGGER [x;y] BEFORE DELETE ON `a;b` BEGIN SELECT 1; END;SELECT 2;") << lite
        << QStringList { QStringLiteral("CREATE TEMP TRIGGER [x;y] BEFORE DELETE ON `a;b` BEGIN SELECT 1; END"),
               QStringLiteral("SELECT 2") }
        << QList<int> { 11, 11 };
    QTest::newRow("sqlite-begin-transaction")
        << QStringLiteral("BEGIN;SELECT 1;END;") << lite
        << QStringList { QStringLiteral("BEGIN"), QStringLiteral("SELECT 1"), QStringLiteral("END") }
        << QList<int> { 11, 11, 11 };
}

void StatementSplitterTest::splits()
{
    QFETCH(QString, sql);
    QFETCH(Dialect, dialect);
    QFETCH(QStringList, statements);
    QFETCH(QList<int>, lines);
    auto result = StatementSplitter::split(sql, dialect, 11);
    QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().toString()));
    QStringList texts;
    QList<int> starts;
    for (const SqlStatement &statement : *result) {
        texts.append(statement.text);
        starts.append(statement.line);
    }
    QCOMPARE(texts, statements);
    QCOMPARE(starts, lines);
}

void StatementSplitterTest::reportsUnterminatedTokens_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("string") << QStringLiteral("SELECT 1;\nSELECT 'abc;\n") << 2
                            << QStringLiteral("unterminated string");
    QTest::newRow("dollar-quote") << QStringLiteral("\n\nDO $x$ BEGIN END $y$;") << 3
                                  << QStringLiteral("unterminated dollar-quoted string $x$");
    QTest::newRow("block-comment") << QStringLiteral("/* a /* b */\nSELECT 1;") << 1
                                   << QStringLiteral("unterminated /* comment");
    QTest::newRow("quoted-identifier") << QStringLiteral("SELECT \"abc") << 1
                                       << QStringLiteral("unterminated quoted identifier");
}

void StatementSplitterTest::reportsUnterminatedTokens()
{
    QFETCH(QString, sql);
    QFETCH(int, line);
    QFETCH(QString, message);
    auto result = StatementSplitter::split(sql, Dialect::PostgreSQL, 1, QStringLiteral("v/x.sql"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().file, QStringLiteral("v/x.sql"));
    QCOMPARE(result.error().line, line);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
}

QTEST_GUILESS_MAIN(StatementSplitterTest)
#include "tst_statementsplitter.moc"
