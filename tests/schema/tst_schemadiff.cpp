// The schema engine against real databases, case by case: each folder of
// tests/data/schema/ holds before.sql and after.sql and the expected diff
// (diff.sql). For every case the diff is compared with its reference
// (RETORT_REGENERATE=1 rewrites them for review), then applied to the
// "before" database with psql, after which the two databases must have the
// same schema by Retort's canonical dump AND by pg_dump --schema-only (the
// independent judge). The canonical dump of "after" is also loaded into an
// empty database, which must come out the same by pg_dump. SQLite cases
// (sqlite-*) do the same with SQLite's own pragmas as the judge.

#include "schema/canonicalddl.h"
#include "schema/schemadiff.h"
#include "schematestutil.h"
#include "sql/statementsplitter.h"
#include "testsupport.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
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

QString caseDirectory(const QString &name)
{
    return testDataDirectory() + u"/schema/"_s + name;
}

bool hasProblem(const QList<SchemaChange> &changes)
{
    return std::any_of(changes.cbegin(), changes.cend(), [](const SchemaChange &c) { return !c.problem.isEmpty(); });
}

// Runs a script on SQLite statement by statement (QSQLITE runs one at a time).
QString runSqlite(const ConnectionSettings &settings, const QString &script)
{
    auto connection = DatabaseConnection::open(settings);
    if (!connection)
        return connection.error().toString();
    Result<QList<SqlStatement>> statements = StatementSplitter::split(script, Dialect::SQLite);
    if (!statements)
        return statements.error().toString();
    for (const SqlStatement &statement : *statements) {
        QSqlQuery query((*connection)->database());
        if (!query.exec(statement.text))
            return statement.text + u": "_s + query.lastError().text();
    }
    return {};
}

// SQLite's own account of a schema, not Retort's: every table's columns,
// indexes and foreign keys from the pragmas, and the other objects' SQL.
QString sqliteJudge(const ConnectionSettings &settings)
{
    auto connection = DatabaseConnection::open(settings);
    if (!connection)
        return connection.error().toString();
    QStringList lines;
    QSqlQuery objects((*connection)->database());
    objects.exec(u"SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"_s);
    while (objects.next()) {
        const QString type = objects.value(0).toString();
        const QString name = objects.value(1).toString();
        if (type != u"table"_s) {
            lines.append(type + u' ' + name + u": "_s + objects.value(2).toString());
            continue;
        }
        for (const QString &pragma : { u"table_xinfo"_s, u"index_list"_s, u"foreign_key_list"_s }) {
            QSqlQuery rows((*connection)->database());
            rows.exec(u"SELECT * FROM pragma_%1('%2')"_s.arg(pragma, name));
            while (rows.next()) {
                QStringList values;
                for (int i = 0; i < rows.record().count(); ++i)
                    values.append(rows.value(i).toString());
                // index_list's first column is a sequence number that a rebuild may change.
                if (pragma == u"index_list"_s)
                    values.removeFirst();
                lines.append(name + u' ' + pragma + u": "_s + values.join(u'|'));
            }
        }
    }
    return lines.join(u'\n');
}

} // namespace

class SchemaDiffTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!m_databases.isValid())
            QSKIP(qPrintable(m_databases.error()));
    }

    void goldenCases_data()
    {
        QTest::addColumn<QString>("name");
        const QStringList cases =
            QDir(testDataDirectory() + u"/schema"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(cases.size() >= 1);
        for (const QString &name : cases)
            QTest::newRow(qPrintable(name)) << name;
    }

    void goldenCases()
    {
        QFETCH(QString, name);
        if (name.startsWith(u"sqlite-"_s))
            sqliteCase(name);
        else
            postgresCase(name);
    }

private:
    void postgresCase(const QString &name)
    {
        const QString directory = caseDirectory(name);
        QString error;
        const ConnectionSettings before = m_databases.create(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const ConnectionSettings after = m_databases.create(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(runPsql(before, readText(directory + u"/before.sql"_s)), QString());
        QCOMPARE(runPsql(after, readText(directory + u"/after.sql"_s)), QString());

        const SchemaModel from = readSchema(before, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const SchemaModel to = readSchema(after, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<SchemaChange> changes = SchemaDiff::compare(from, to);
        const QString script = changeScript(changes);
        QString difference;
        QVERIFY2(matchesGoldenFile(script, directory + u"/diff.sql"_s, &difference), qPrintable(difference));
        QVERIFY2(!changes.isEmpty() || name.startsWith(u"same-"_s), "a case must change something");

        // Determinism: the same database reads and prints the same.
        QCOMPARE(CanonicalDdl::write(readSchema(after, &error)), CanonicalDdl::write(to));

        // The canonical dump loads into an empty database and gives the same schema.
        const ConnectionSettings loaded = m_databases.create(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(runPsql(loaded, CanonicalDdl::write(to)), QString());
        QString afterDump = normalizedPgDump(after, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(normalizedPgDump(loaded, &error), afterDump);

        if (name.startsWith(u"problem-"_s)) {
            QVERIFY2(hasProblem(changes), "a problem-* case must report a problem");
            return;
        }
        QVERIFY2(!hasProblem(changes), qPrintable(script));
        // Convergence: the diff applied to "before" gives "after", by Retort and by pg_dump.
        QCOMPARE(runPsql(before, script), QString());
        const SchemaModel converged = readSchema(before, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(CanonicalDdl::write(converged), CanonicalDdl::write(to));
        QCOMPARE(changeScript(SchemaDiff::compare(converged, to)), QString());
        QCOMPARE(normalizedPgDump(before, &error), afterDump);
    }

    void sqliteCase(const QString &name)
    {
        const QString directory = caseDirectory(name);
        QTemporaryDir folder;
        ConnectionSettings before;
        before.dialect = Dialect::SQLite;
        before.sqlitePath = folder.filePath(u"before.db"_s);
        ConnectionSettings after = before;
        after.sqlitePath = folder.filePath(u"after.db"_s);
        QCOMPARE(runSqlite(before, readText(directory + u"/before.sql"_s)), QString());
        QCOMPARE(runSqlite(after, readText(directory + u"/after.sql"_s)), QString());
        QString error;
        const SchemaModel from = readSchema(before, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const SchemaModel to = readSchema(after, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<SchemaChange> changes = SchemaDiff::compare(from, to);
        const QString script = changeScript(changes);
        QString difference;
        QVERIFY2(matchesGoldenFile(script, directory + u"/diff.sql"_s, &difference), qPrintable(difference));
        QVERIFY(!changes.isEmpty());
        QCOMPARE(CanonicalDdl::write(readSchema(after, &error)), CanonicalDdl::write(to));

        ConnectionSettings loaded = before;
        loaded.sqlitePath = folder.filePath(u"loaded.db"_s);
        QCOMPARE(runSqlite(loaded, CanonicalDdl::write(to)), QString());
        QCOMPARE(sqliteJudge(loaded), sqliteJudge(after));

        QCOMPARE(runSqlite(before, script), QString());
        const SchemaModel converged = readSchema(before, &error);
        QCOMPARE(CanonicalDdl::write(converged), CanonicalDdl::write(to));
        QCOMPARE(sqliteJudge(before), sqliteJudge(after));
    }

    SchemaDatabases m_databases;
};

QTEST_GUILESS_MAIN(SchemaDiffTest)
#include "tst_schemadiff.moc"
