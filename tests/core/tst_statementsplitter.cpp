#include "project/nativerevisionparser.h"
#include "sql/lexicalsplitter.h"
#include "sql/statementsplitter.h"
#include "testsupport.h"
#include "util/textfile.h"

#include <QDirIterator>
#include <QRandomGenerator>
#include <QTest>

using namespace Retort;

Q_DECLARE_METATYPE(Retort::Dialect)

class StatementSplitterTest : public QObject
{
    Q_OBJECT
private slots:
    void splits_data();
    void splits();
    void reportsErrorsWithTheirLine_data();
    void reportsErrorsWithTheirLine();
    void agreesWithTheLexicalSplitterOnTheCorpus_data();
    void agreesWithTheLexicalSplitterOnTheCorpus();
    void agreesWithTheLexicalSplitterOnMutatedInput();
};

namespace {

QString describe(const Result<QList<SqlStatement>> &result)
{
    if (!result)
        return QStringLiteral("error: ") + result.error().toString();
    QStringList lines;
    for (const SqlStatement &statement : *result) {
        lines.append(QStringLiteral("%1-%2 [%3] %4")
                         .arg(statement.line)
                         .arg(statement.endLine)
                         .arg(statement.words.join(QLatin1Char(' ')), statement.text));
    }
    return lines.join(QLatin1Char('\n'));
}

// The PostgreSQL SQL of the project's own corpus: every PostgreSQL section
// of the demo project's and the tests' revision files, and the offline
// scripts the tests compare against. Each with the line its text starts on.
struct CorpusEntry {
    QString name;
    QString sql;
    int firstLine = 1;
};

QList<CorpusEntry> postgresCorpus()
{
    QList<CorpusEntry> corpus;
    const QString root = Test::sourceDirectory();
    for (const QString &folder : { QStringLiteral("migrations"), QStringLiteral("tests/data") }) {
        QDirIterator files(
            root + QLatin1Char('/') + folder, { QStringLiteral("*.sql") }, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            const QString name = QDir(root).relativeFilePath(path);
            if (name.contains(QLatin1String("sqlite")))
                continue;
            Result<QString> text = readUtf8File(path);
            if (!text)
                continue;
            if (!text->startsWith(QLatin1String("-- revision:"))) {
                corpus.append({ name, *text, 1 });
                continue;
            }
            Result<Revision> revision = NativeRevisionParser::parse(*text, path);
            if (!revision)
                continue;
            for (const SqlSection &section : revision->sections()) {
                if (!section.dialect || *section.dialect == Dialect::PostgreSQL)
                    corpus.append({ name + QLatin1Char(':') + QString::number(section.markerLine), section.sql(),
                        section.markerLine + 1 });
            }
        }
    }
    return corpus;
}

} // namespace

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

void StatementSplitterTest::reportsErrorsWithTheirLine_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("string") << QStringLiteral("SELECT 1;\nSELECT 'abc;\n") << 2
                            << QStringLiteral("unterminated quoted string");
    QTest::newRow("dollar-quote") << QStringLiteral("\n\nDO $x$ BEGIN END $y$;") << 3
                                  << QStringLiteral("unterminated dollar-quoted string");
    QTest::newRow("block-comment") << QStringLiteral("/* a /* b */\nSELECT 1;") << 1
                                   << QStringLiteral("unterminated /* comment");
    QTest::newRow("quoted-identifier") << QStringLiteral("SELECT \"abc") << 1
                                       << QStringLiteral("unterminated quoted identifier");
    QTest::newRow("misspelt-keyword") << QStringLiteral("SELECT 1;\n\nCRATE TABLE t (id int);\n") << 3
                                      << QStringLiteral("syntax error at or near \"CRATE\"");
    QTest::newRow("after-multibyte-characters") << QStringLiteral("SELECT 'ünïcødé';\nSELECT 'é' FROM;\n") << 2
                                                << QStringLiteral("syntax error at or near \";\"");
    QTest::newRow("missing-parenthesis") << QStringLiteral("CREATE TABLE t (\n  id int,\n  name text;\nSELECT 1;") << 3
                                         << QStringLiteral("syntax error at or near \";\"");
    QTest::newRow("nul-character") << QString(QStringLiteral("SELECT 1;\nSELECT '") + QChar(0) + QStringLiteral("';"))
                                   << 2 << QStringLiteral("NUL character");
}

void StatementSplitterTest::reportsErrorsWithTheirLine()
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

void StatementSplitterTest::agreesWithTheLexicalSplitterOnTheCorpus_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("firstLine");
    const QList<CorpusEntry> corpus = postgresCorpus();
    QVERIFY(corpus.size() > 20);
    for (const CorpusEntry &entry : corpus)
        QTest::newRow(qPrintable(entry.name)) << entry.sql << entry.firstLine;
}

// Before the parser replaced the lexical splitter for PostgreSQL, both had
// to give the same statements, texts, lines and words on everything the
// project runs.
void StatementSplitterTest::agreesWithTheLexicalSplitterOnTheCorpus()
{
    QFETCH(QString, sql);
    QFETCH(int, firstLine);
    const auto parsed = StatementSplitter::split(sql, Dialect::PostgreSQL, firstLine, QStringLiteral("f.sql"));
    const auto lexical = LexicalSplitter::split(sql, Dialect::PostgreSQL, firstLine, QStringLiteral("f.sql"));
    QVERIFY2(parsed.ok(), qPrintable(describe(parsed)));
    QCOMPARE(describe(parsed), describe(lexical));
}

// Mutated scripts: where the parser accepts a script, the lexical splitter
// must split it the same way; where the lexical splitter finds an
// unterminated token, the parser must refuse the script too; and every
// error names the file and a line of the script.
void StatementSplitterTest::agreesWithTheLexicalSplitterOnMutatedInput()
{
    static const QStringList fragments = { QStringLiteral(";"), QStringLiteral("'"), QStringLiteral("\""),
        QStringLiteral("--"), QStringLiteral("/*"), QStringLiteral("*/"), QStringLiteral("$$"), QStringLiteral("$x$"),
        QStringLiteral("\n"), QStringLiteral(" "), QStringLiteral("E'\\'"), QStringLiteral("é"),
        QStringLiteral("SELECT 1;"), QStringLiteral("BEGIN;"), QStringLiteral("COMMIT;"), QStringLiteral("("),
        QStringLiteral(")"), QStringLiteral("-- c;\n"), QStringLiteral("/* a; /* b */ */") };
    const QList<CorpusEntry> corpus = postgresCorpus();
    QVERIFY(!corpus.isEmpty());
    const int rounds =
        qEnvironmentVariableIsSet("RETORT_FUZZ_ROUNDS") ? qEnvironmentVariableIntValue("RETORT_FUZZ_ROUNDS") : 3000;
    QRandomGenerator random(7);
    int accepted = 0;
    for (int round = 0; round < rounds; ++round) {
        QString sql = corpus.at(random.bounded(int(corpus.size()))).sql;
        const int mutations = 1 + int(random.bounded(3));
        for (int k = 0; k < mutations; ++k) {
            const qsizetype at = qsizetype(random.bounded(quint32(sql.size() + 1)));
            if (random.bounded(3) == 0)
                sql.remove(at, qsizetype(random.bounded(8)));
            else
                sql.insert(at, fragments.at(random.bounded(int(fragments.size()))));
        }
        const auto parsed = StatementSplitter::split(sql, Dialect::PostgreSQL, 5, QStringLiteral("f.sql"));
        const auto lexical = LexicalSplitter::split(sql, Dialect::PostgreSQL, 5, QStringLiteral("f.sql"));
        if (!parsed) {
            QCOMPARE(parsed.error().file, QStringLiteral("f.sql"));
            QVERIFY2(parsed.error().line >= 5 && parsed.error().line <= 5 + sql.count(QLatin1Char('\n')),
                qPrintable(parsed.error().toString()));
            continue;
        }
        ++accepted;
        QVERIFY2(lexical.ok(), qPrintable(sql));
        if (describe(parsed) != describe(lexical))
            qWarning("%s", qPrintable(sql));
        QCOMPARE(describe(parsed), describe(lexical));
    }
    qInfo("%d of %d mutated scripts parsed, all split alike", accepted, rounds);
    QVERIFY(accepted > rounds / 10);
}

QTEST_GUILESS_MAIN(StatementSplitterTest)
#include "tst_statementsplitter.moc"
