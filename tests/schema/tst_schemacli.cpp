// retort-cli schema dump and schema diff on real databases: output that is
// the same on every run and after a pg_dump | psql round trip, JSON, a role
// that may only read (and a schema it may not use), objects the model does
// not know, and bad input.

#include "schema/canonicalddl.h"
#include "schematestutil.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Retort;
using namespace Retort::Test;

namespace {

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// retort-cli with the database URL in the environment, never in argv.
ProcessResult cli(const QStringList &arguments, const QStringList &environment = {})
{
    return runProcess(cliExecutable(), arguments, {}, environment);
}

ProcessResult dump(const ConnectionSettings &settings, const QStringList &extra = {})
{
    return cli(QStringList { u"schema"_s, u"dump"_s } + extra, { u"DATABASE_URL="_s + settings.url() });
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
        QString error;
        m_rich = m_databases.create(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(runPsql(m_rich, readText(testDataDirectory() + u"/schema-cli/rich.sql"_s)), QString());
    }

    void dumpIsTheSameOnEveryRunAndAfterARoundTrip()
    {
        const ProcessResult first = dump(m_rich);
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.err, QString());
        QVERIFY(first.out.contains(u"CREATE TABLE public.customers ("_s));
        QCOMPARE(dump(m_rich).out, first.out);

        // pg_dump | psql into a new database: Retort reads the copy the same.
        QString error;
        const ConnectionSettings copy = m_databases.create(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString pgDump = pgDumpSchema(m_rich, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(runPsql(copy, pgDump), QString());
        QCOMPARE(dump(copy).out, first.out);

        // And Retort's own dump loads into an empty database with the same schema, by pg_dump.
        const ConnectionSettings loaded = m_databases.create(&error);
        QCOMPARE(runPsql(loaded, first.out), QString());
        QCOMPARE(normalizedPgDump(loaded, &error), normalizedPgDump(m_rich, &error));
    }

    void dumpAsJson()
    {
        const ProcessResult result = dump(m_rich, { u"--json"_s });
        QCOMPARE(result.exitCode, 0);
        const QJsonObject model = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(model.value(u"dialect"_s).toString(), u"postgresql"_s);
        QStringList tables;
        for (const QJsonValue &table : model.value(u"tables"_s).toArray())
            tables.append(table[u"schema"_s].toString() + u'.' + table[u"name"_s].toString());
        QCOMPARE(tables,
            (QStringList { u"billing.invoices"_s, u"public.cache"_s, u"public.customers"_s, u"public.events"_s,
                u"public.events_2024"_s }));
        QCOMPARE(model.value(u"enums"_s).toArray().at(0)[u"values"_s].toArray(),
            QJsonArray({ u"sad"_s, u"ok"_s, u"happy"_s }));
    }

    void diffBetweenTwoDatabases()
    {
        QString error;
        const ConnectionSettings from = m_databases.create(&error);
        const ConnectionSettings to = m_databases.create(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(executeSql(from, u"CREATE TABLE t (id integer, old_name text); CREATE VIEW v AS SELECT id FROM t"_s),
            QString());
        QCOMPARE(executeSql(to, u"CREATE TABLE t (id bigint, new_name text); CREATE VIEW v AS SELECT id FROM t"_s),
            QString());
        // URLs with passwords go through the environment in real use; --from/--to take them here.
        const ProcessResult text = cli({ u"schema"_s, u"diff"_s, u"--from"_s, from.url(), u"--to"_s, to.url() });
        QCOMPARE(text.exitCode, 0);
        QString difference;
        QVERIFY2(matchesGoldenFile(text.out, testDataDirectory() + u"/schema-cli/diff.sql"_s, &difference),
            qPrintable(difference));

        const ProcessResult json =
            cli({ u"schema"_s, u"diff"_s, u"--json"_s, u"--from"_s, from.url(), u"--to"_s, to.url() });
        QCOMPARE(json.exitCode, 0);
        const QJsonArray changes = QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"changes"_s).toArray();
        QStringList summary;
        for (const QJsonValue &change : changes) {
            QStringList risks;
            for (const QJsonValue &risk : change[u"risks"_s].toArray())
                risks.append(risk.toString());
            summary.append(change[u"action"_s].toString() + u' ' + change[u"kind"_s].toString() + u' ' +
                change[u"object"_s].toString() + u" [" + risks.join(u',') + u']');
        }
        QCOMPARE(summary,
            (QStringList {
                u"drop view public.v []"_s,
                u"drop column public.t.old_name [deletes-data,access-exclusive-lock,possible-rename]"_s,
                u"create column public.t.new_name [access-exclusive-lock,possible-rename]"_s,
                u"alter column public.t.id [rewrites-table,access-exclusive-lock]"_s,
                u"alter view public.v []"_s,
            }));
        QVERIFY(!json.out.contains(from.password) || from.password.isEmpty());
    }

    void readOnlyRoleReadsEverythingAndWritesNothing()
    {
        // A role that can log in and read, whose every transaction is read
        // only, and that may not even use one of the schemas.
        QString error;
        const ConnectionSettings database = m_databases.create(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(runPsql(database, readText(testDataDirectory() + u"/schema-cli/rich.sql"_s)), QString());
        QCOMPARE(executeSql(database,
                     u"CREATE SCHEMA secret; CREATE TABLE secret.keys (k text); "
                     "REVOKE ALL ON SCHEMA secret FROM PUBLIC"_s),
            QString());
        executeSql(m_databases.admin(), u"DROP ROLE IF EXISTS retort_schema_ro"_s);
        QCOMPARE(executeSql(m_databases.admin(),
                     u"CREATE ROLE retort_schema_ro LOGIN PASSWORD 'ro-secret' "
                     "IN ROLE pg_read_all_data; ALTER ROLE retort_schema_ro SET default_transaction_read_only = on"_s),
            QString());
        ConnectionSettings readOnly = database;
        readOnly.user = u"retort_schema_ro"_s;
        readOnly.password = u"ro-secret"_s;
        const QString before = normalizedPgDump(database, &error);

        const ProcessResult asReader = dump(readOnly);
        QCOMPARE(asReader.err, QString());
        QCOMPARE(asReader.exitCode, 0);
        QCOMPARE(asReader.out, dump(database).out);
        QVERIFY(asReader.out.contains(u"CREATE TABLE secret.keys"_s));
        const ProcessResult diff =
            cli({ u"schema"_s, u"diff"_s, u"--from"_s, readOnly.url(), u"--to"_s, m_rich.url() });
        QCOMPARE(diff.exitCode, 0);
        QVERIFY(diff.out.contains(u"DROP TABLE secret.keys;"_s));
        QCOMPARE(normalizedPgDump(database, &error), before);
        executeSql(m_databases.admin(), u"DROP OWNED BY retort_schema_ro; DROP ROLE retort_schema_ro"_s);
    }

    void objectsOfUnknownKindsAreNamedAndKept()
    {
        QString error;
        const ConnectionSettings database = m_databases.create(&error);
        QCOMPARE(runPsql(database, readText(testDataDirectory() + u"/schema-cli/unknown.sql"_s)), QString());
        const ProcessResult result = dump(database);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.contains(
                     u"rule orders_no_delete on public.orders is of a kind the schema model does not know yet"_s),
            qPrintable(result.err));
        QVERIFY2(result.err.contains(u"aggregate public.my_sum(integer)"_s), qPrintable(result.err));
        QVERIFY(result.out.contains(
            u"CREATE RULE orders_no_delete AS\n    ON DELETE TO public.orders DO INSTEAD NOTHING;"_s));
        QVERIFY(result.out.contains(
            u"-- Retort does not model aggregate objects yet: create public.my_sum(integer) by hand"_s));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unreachable-server")
            << QStringList { u"schema"_s, u"dump"_s, u"--db"_s, u"postgresql://nobody@127.0.0.1:1/nothing"_s } << 1
            << u"cannot connect to nobody@127.0.0.1:1/nothing"_s;
        QTest::newRow("no-action") << QStringList { u"schema"_s } << 2 << u"say schema dump or schema diff"_s;
        QTest::newRow("unknown-action") << QStringList { u"schema"_s, u"show"_s } << 2
                                        << u"say schema dump or schema diff"_s;
        QTest::newRow("diff-without-to") << QStringList { u"schema"_s, u"diff"_s, u"--from"_s, u"sqlite:///a.db"_s }
                                         << 2 << u"schema diff needs --from URL and --to URL"_s;
        QTest::newRow("diff-of-two-dialects") << QStringList { u"schema"_s, u"diff"_s, u"--from"_s, u"sqlite:///a.db"_s,
            u"--to"_s, u"postgresql://x@h/db"_s }
                                              << 2 << u"--from and --to must both be PostgreSQL or both SQLite"_s;
    }

    void badInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir folder;
        const ProcessResult result = runProcess(cliExecutable(), arguments, folder.path(), { u"DATABASE_URL"_s });
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QCOMPARE(result.out, QString());
    }

    void sqliteDumpAndDiff()
    {
        QTemporaryDir folder;
        ConnectionSettings a;
        a.dialect = Dialect::SQLite;
        a.sqlitePath = folder.filePath(u"a.db"_s);
        ConnectionSettings b = a;
        b.sqlitePath = folder.filePath(u"b.db"_s);
        QCOMPARE(executeSql(a, u"CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"_s), QString());
        QCOMPARE(executeSql(b, u"CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, note TEXT)"_s), QString());
        const ProcessResult dumped = cli({ u"schema"_s, u"dump"_s, u"--db"_s, u"sqlite:///"_s + a.sqlitePath });
        QCOMPARE(dumped.exitCode, 0);
        QCOMPARE(dumped.out, u"CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n"_s);
        const ProcessResult diff = cli({ u"schema"_s, u"diff"_s, u"--from"_s, u"sqlite:///"_s + a.sqlitePath, u"--to"_s,
            u"sqlite:///"_s + b.sqlitePath });
        QCOMPARE(diff.exitCode, 0);
        QCOMPARE(diff.out, u"-- create column t\nALTER TABLE t ADD COLUMN note TEXT;\n"_s);
    }

private:
    SchemaDatabases m_databases;
    ConnectionSettings m_rich;
};

QTEST_GUILESS_MAIN(SchemaCliTest)
#include "tst_schemacli.moc"
