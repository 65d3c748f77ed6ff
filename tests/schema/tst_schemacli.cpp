// retort-cli schema dump and schema diff as a user runs them: PostgreSQL
// (views and materialized views, an object kind the model does not know)
// and SQLite files, text and JSON, only reading both databases; and the
// messages for a database that cannot be reached.

#include "schematestutil.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Retort;
using namespace Retort::Test;

namespace {

const QString kBefore = u"CREATE TABLE orders (id integer PRIMARY KEY, total numeric(10,2), placed_at timestamptz);\n"
                        "CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;\n"
                        "CREATE MATERIALIZED VIEW order_totals AS SELECT count(*) AS n, sum(total) AS s FROM orders;\n"
                        "CREATE UNIQUE INDEX order_totals_n ON order_totals (n);\n"_s;
const QString kAfter = u"CREATE TABLE orders (id integer PRIMARY KEY, total numeric(12,2), placed_at timestamptz, "
                       "note text);\n"
                       "CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 500;\n"
                       "CREATE MATERIALIZED VIEW order_totals AS SELECT count(*) AS n, sum(total) AS s FROM orders;\n"
                       "CREATE UNIQUE INDEX order_totals_n ON order_totals (n);\n"_s;

ProcessResult cli(const QStringList &arguments)
{
    return runProcess(cliExecutable(), arguments);
}

} // namespace

class SchemaCliTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!m_databases.isValid())
            QSKIP(qPrintable(m_databases.error()));
    }

    void postgresDumpAndDiff()
    {
        QString error;
        const ConnectionSettings from = m_databases.create(&error);
        const ConnectionSettings to = m_databases.create(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(runPsql(from, kBefore), QString());
        QCOMPARE(
            runPsql(to, kAfter + u"CREATE RULE no_deletes AS ON DELETE TO orders DO INSTEAD NOTHING;\n"_s), QString());
        const QString fromBefore = normalizedPgDump(from, &error);
        const QString toBefore = normalizedPgDump(to, &error);

        ProcessResult dump = cli({ u"schema"_s, u"dump"_s, u"--db"_s, from.url() });
        QVERIFY2(dump.exitCode == 0, qPrintable(dump.err));
        QVERIFY2(dump.out.contains(u"CREATE MATERIALIZED VIEW public.order_totals AS"_s), qPrintable(dump.out));
        QVERIFY2(dump.out.contains(u"CREATE VIEW public.big_orders AS"_s), qPrintable(dump.out));
        QVERIFY2(
            dump.out.contains(u"CREATE UNIQUE INDEX order_totals_n ON public.order_totals"_s), qPrintable(dump.out));
        QCOMPARE(cli({ u"schema"_s, u"dump"_s, u"--db"_s, from.url() }).out, dump.out); // byte-identical
        QVERIFY(!dump.out.contains(from.password) && !dump.err.contains(from.password));

        // A kind the model does not know: named in a warning, kept verbatim.
        dump = cli({ u"schema"_s, u"dump"_s, u"--db"_s, to.url() });
        QVERIFY2(dump.exitCode == 0, qPrintable(dump.err));
        QVERIFY2(dump.err.contains(u"rule"_s) && dump.err.contains(u"no_deletes"_s), qPrintable(dump.err));
        QVERIFY2(dump.out.contains(u"CREATE RULE no_deletes AS"_s), qPrintable(dump.out));

        const ProcessResult json = cli({ u"--json"_s, u"schema"_s, u"dump"_s, u"--db"_s, from.url() });
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject model = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(model.value(u"views"_s).toArray().size(), 2);

        const ProcessResult diff = cli({ u"schema"_s, u"diff"_s, u"--from"_s, from.url(), u"--to"_s, to.url() });
        QVERIFY2(diff.exitCode == 0, qPrintable(diff.err));
        // The views that read the retyped column go before it and come back after.
        const qsizetype dropView = diff.out.indexOf(u"DROP VIEW public.big_orders;"_s);
        const qsizetype dropMatview = diff.out.indexOf(u"DROP MATERIALIZED VIEW public.order_totals;"_s);
        const qsizetype retype = diff.out.indexOf(u"ALTER COLUMN total TYPE numeric(12,2)"_s);
        const qsizetype createView = diff.out.indexOf(u"CREATE VIEW public.big_orders AS"_s);
        QVERIFY2(dropView >= 0 && dropMatview >= 0 && retype > dropView && retype > dropMatview && createView > retype,
            qPrintable(diff.out));
        QVERIFY2(diff.out.contains(u"ADD COLUMN note text;"_s), qPrintable(diff.out));
        const ProcessResult diffJson =
            cli({ u"--json"_s, u"schema"_s, u"diff"_s, u"--from"_s, from.url(), u"--to"_s, to.url() });
        QVERIFY2(diffJson.exitCode == 0, qPrintable(diffJson.err));
        QVERIFY(QJsonDocument::fromJson(diffJson.out.toUtf8()).object().value(u"changes"_s).toArray().size() >= 4);
        // Both databases were only read.
        QCOMPARE(normalizedPgDump(from, &error), fromBefore);
        QCOMPARE(normalizedPgDump(to, &error), toBefore);
    }

    void sqliteDumpAndDiff()
    {
        QTemporaryDir folder;
        const QString a = folder.filePath(u"a.db"_s);
        const QString b = folder.filePath(u"b.db"_s);
        for (const auto &[path, sql] : { std::pair { a, u"CREATE TABLE t (id integer PRIMARY KEY, name text)"_s },
                 std::pair { b, u"CREATE TABLE t (id integer PRIMARY KEY, name text, born integer)"_s } }) {
            ConnectionSettings settings;
            settings.dialect = Dialect::SQLite;
            settings.sqlitePath = path;
            auto connection = DatabaseConnection::open(settings);
            QVERIFY(connection);
            QSqlQuery query((*connection)->database());
            QVERIFY(query.exec(sql));
            QVERIFY(query.exec(u"CREATE VIEW named AS SELECT name FROM t WHERE name IS NOT NULL"_s));
        }
        const ProcessResult dump = cli({ u"schema"_s, u"dump"_s, u"--db"_s, u"sqlite:///"_s + a });
        QVERIFY2(dump.exitCode == 0, qPrintable(dump.err));
        QVERIFY2(
            dump.out.contains(u"CREATE TABLE t"_s) && dump.out.contains(u"CREATE VIEW named"_s), qPrintable(dump.out));
        const ProcessResult diff =
            cli({ u"schema"_s, u"diff"_s, u"--from"_s, u"sqlite:///"_s + a, u"--to"_s, u"sqlite:///"_s + b });
        QVERIFY2(diff.exitCode == 0, qPrintable(diff.err));
        QVERIFY2(diff.out.contains(u"ALTER TABLE t ADD COLUMN born integer;"_s), qPrintable(diff.out));
        const ProcessResult mixed =
            cli({ u"schema"_s, u"diff"_s, u"--from"_s, u"sqlite:///"_s + a, u"--to"_s, m_databases.admin().url() });
        QCOMPARE(mixed.exitCode, 2);
    }

    void unreachableDatabase()
    {
        const ProcessResult dump =
            cli({ u"schema"_s, u"dump"_s, u"--db"_s, u"postgresql://nobody:secret@127.0.0.1:1/nowhere"_s });
        QCOMPARE(dump.exitCode, 1);
        QVERIFY2(dump.err.contains(u"127.0.0.1"_s), qPrintable(dump.err));
        QVERIFY2(!dump.err.contains(u"secret"_s), qPrintable(dump.err));
    }

private:
    SchemaDatabases m_databases;
};

QTEST_GUILESS_MAIN(SchemaCliTest)
#include "tst_schemacli.moc"
