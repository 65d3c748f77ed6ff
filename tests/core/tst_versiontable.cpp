// Reading the version table on real SQLite files and a real PostgreSQL
// server: missing databases and tables are "base", rows come back sorted,
// the project's table name and schema are honoured, and rows naming
// revisions the project does not have are reported by name.
#include "db/versiontable.h"
#include "graph/planner.h"
#include "testsupport.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Retort;

namespace {

bool exec(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

QString errorText(const Result<VersionRows> &rows)
{
    return rows ? QString() : rows.error().toString();
}

} // namespace

class VersionTableTest : public QObject
{
    Q_OBJECT
private slots:
    void sqliteFileThatDoesNotExistIsBaseAndIsNotCreated();
    void sqliteWithoutTableIsBase();
    void sqliteRowsComeBackSorted_data();
    void sqliteRowsComeBackSorted();
    void postgresWithoutTableIsBase();
    void postgresHonoursTableNameAndSchema();
    void unknownRevisionsAreNamed();
};

void VersionTableTest::sqliteFileThatDoesNotExistIsBaseAndIsNotCreated()
{
    QTemporaryDir dir;
    ConnectionSettings settings;
    settings.dialect = Dialect::SQLite;
    settings.sqlitePath = dir.filePath(QStringLiteral("never-migrated.db"));
    Result<VersionRows> rows = VersionTable::read(settings, ProjectSettings());
    QVERIFY2(rows.ok(), qPrintable(errorText(rows)));
    QCOMPARE(rows->databaseExists, false);
    QCOMPARE(rows->tableExists, false);
    QCOMPARE(rows->rows, QStringList());
    QVERIFY(!QFile::exists(settings.sqlitePath));
}

void VersionTableTest::sqliteWithoutTableIsBase()
{
    QTemporaryDir dir;
    ConnectionSettings settings;
    settings.dialect = Dialect::SQLite;
    settings.sqlitePath = dir.filePath(QStringLiteral("empty.db"));
    QFile(settings.sqlitePath).open(QIODevice::WriteOnly);
    Result<VersionRows> rows = VersionTable::read(settings, ProjectSettings());
    QVERIFY2(rows.ok(), qPrintable(errorText(rows)));
    QCOMPARE(rows->databaseExists, true);
    QCOMPARE(rows->tableExists, false);
    QCOMPARE(rows->rows, QStringList());
}

void VersionTableTest::sqliteRowsComeBackSorted_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("inserted");
    QTest::newRow("alembic-default-one-head")
        << QStringLiteral("alembic_version") << QStringList { QStringLiteral("ae1027a6acf2") };
    QTest::newRow("several-heads") << QStringLiteral("alembic_version")
                                   << QStringList { QStringLiteral("f03b"), QStringLiteral("0d6b"),
                                          QStringLiteral("a8d5") };
    QTest::newRow("project-table-name") << QStringLiteral("schema_versions")
                                        << QStringList { QStringLiteral("b2"), QStringLiteral("a1") };
    QTest::newRow("table-exists-but-empty") << QStringLiteral("alembic_version") << QStringList();
}

void VersionTableTest::sqliteRowsComeBackSorted()
{
    QFETCH(QString, table);
    QFETCH(QStringList, inserted);
    QTemporaryDir dir;
    ConnectionSettings settings;
    settings.dialect = Dialect::SQLite;
    settings.sqlitePath = dir.filePath(QStringLiteral("app.db"));
    {
        auto connection = DatabaseConnection::open(settings);
        QVERIFY(connection.ok());
        QSqlDatabase db = (*connection)->database();
        QVERIFY(exec(db, QStringLiteral("CREATE TABLE %1 (version_num VARCHAR(32) NOT NULL PRIMARY KEY)").arg(table)));
        for (const QString &row : inserted)
            QVERIFY(exec(db, QStringLiteral("INSERT INTO %1 VALUES ('%2')").arg(table, row)));
    }
    ProjectSettings project;
    project.versionTable = table;
    Result<VersionRows> rows = VersionTable::read(settings, project);
    QVERIFY2(rows.ok(), qPrintable(errorText(rows)));
    QCOMPARE(rows->tableExists, true);
    QStringList expected = inserted;
    expected.sort();
    QCOMPARE(rows->rows, expected);

    // Another table name finds nothing there.
    project.versionTable = QStringLiteral("other_versions");
    rows = VersionTable::read(settings, project);
    QVERIFY2(rows.ok(), qPrintable(errorText(rows)));
    QCOMPARE(rows->tableExists, false);
}

void VersionTableTest::postgresWithoutTableIsBase()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    Result<VersionRows> rows = VersionTable::read(scratch.settings(), ProjectSettings());
    QVERIFY2(rows.ok(), qPrintable(errorText(rows)));
    QCOMPARE(rows->tableExists, false);
    QCOMPARE(rows->rows, QStringList());
}

void VersionTableTest::postgresHonoursTableNameAndSchema()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    {
        auto connection = scratch.connect();
        QVERIFY(connection);
        QSqlDatabase db = connection->database();
        QVERIFY(exec(db, QStringLiteral("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)")));
        QVERIFY(exec(db, QStringLiteral("INSERT INTO alembic_version VALUES ('c5902f4e8b1d'), ('9e3c6a0f8d24')")));
        QVERIFY(exec(db, QStringLiteral("CREATE SCHEMA migrations")));
        QVERIFY(
            exec(db, QStringLiteral("CREATE TABLE migrations.alembic_version (version_num varchar(32) PRIMARY KEY)")));
        QVERIFY(exec(db, QStringLiteral("INSERT INTO migrations.alembic_version VALUES ('f03b7a9e6d52')")));
    }
    Result<VersionRows> rows = VersionTable::read(scratch.settings(), ProjectSettings());
    QVERIFY2(rows.ok(), qPrintable(errorText(rows)));
    QCOMPARE(rows->rows, (QStringList { QStringLiteral("9e3c6a0f8d24"), QStringLiteral("c5902f4e8b1d") }));

    ProjectSettings inSchema;
    inSchema.versionTableSchema = QStringLiteral("migrations");
    rows = VersionTable::read(scratch.settings(), inSchema);
    QVERIFY2(rows.ok(), qPrintable(errorText(rows)));
    QCOMPARE(rows->rows, QStringList { QStringLiteral("f03b7a9e6d52") });

    ProjectSettings missingSchema;
    missingSchema.versionTableSchema = QStringLiteral("nowhere");
    rows = VersionTable::read(scratch.settings(), missingSchema);
    QVERIFY2(rows.ok(), qPrintable(errorText(rows)));
    QCOMPARE(rows->tableExists, false);
}

void VersionTableTest::unknownRevisionsAreNamed()
{
    Result<RevisionGraph> graph = RevisionGraph::build({ [] {
        Revision revision;
        revision.id = QStringLiteral("a1");
        revision.setFilePath(QStringLiteral("versions/a1.sql"));
        return revision;
    }() });
    QVERIFY(graph.ok());
    const Planner planner(*graph);
    Result<QList<int>> rows =
        planner.rowRevisions({ QStringLiteral("zz9"), QStringLiteral("a1"), QStringLiteral("yy8") });
    QVERIFY(!rows.ok());
    QCOMPARE(rows.error().code, QStringLiteral("unknown-revision"));
    const QString message = rows.error().toString();
    QVERIFY2(message.contains(QStringLiteral("yy8, zz9")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("a1")), qPrintable(message));
}

QTEST_GUILESS_MAIN(VersionTableTest)
#include "tst_versiontable.moc"
