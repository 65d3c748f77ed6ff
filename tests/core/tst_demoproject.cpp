// The demo project must run, both ways, on PostgreSQL and on SQLite. This
// applies each revision's SQL statement by statement in dependency order,
// checks the schema, and reverts everything.
#include "project/projectloader.h"
#include "sql/statementsplitter.h"
#include "testsupport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Retort;

class DemoProjectTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void runsBothWaysOnSqlite();
    void runsBothWaysOnPostgres();

private:
    void runBothWays(QSqlDatabase db, Dialect dialect);
    bool apply(QSqlDatabase db, Dialect dialect, int index, Direction direction);
    QStringList tables(QSqlDatabase db, Dialect dialect);
    QString scalar(QSqlDatabase db, const QString &sql);

    Project m_project;
};

void DemoProjectTest::initTestCase()
{
    Result<Project> project = ProjectLoader::load(Test::demoProjectDirectory());
    QVERIFY2(project.ok(), qPrintable(project ? QString() : project.error().toString()));
    m_project = *project;
}

bool DemoProjectTest::apply(QSqlDatabase db, Dialect dialect, int index, Direction direction)
{
    const Revision &revision = m_project.graph.revision(index);
    const std::optional<SqlSection> section = revision.section(direction, dialect);
    if (!section) {
        qWarning("%s has no section for this direction and dialect", qPrintable(revision.filePath()));
        return false;
    }
    auto statements = StatementSplitter::split(section->sql(), dialect, section->markerLine + 1, revision.filePath());
    if (!statements) {
        qWarning("%s", qPrintable(statements.error().toString()));
        return false;
    }
    if (revision.transactional && !db.transaction()) {
        qWarning("cannot begin: %s", qPrintable(db.lastError().text()));
        return false;
    }
    for (const SqlStatement &statement : *statements) {
        QSqlQuery query(db);
        if (!query.exec(statement.text)) {
            qWarning(
                "%s:%d: %s", qPrintable(revision.filePath()), statement.line, qPrintable(query.lastError().text()));
            if (revision.transactional)
                db.rollback();
            return false;
        }
    }
    return !revision.transactional || db.commit();
}

QStringList DemoProjectTest::tables(QSqlDatabase db, Dialect dialect)
{
    QSqlQuery query(db);
    const QString sql = dialect == Dialect::SQLite
        ? QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') "
                         "AND name NOT LIKE 'sqlite_%' ORDER BY name")
        : QStringLiteral("SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE n.nspname = 'public' UNION ALL SELECT proname FROM pg_proc p JOIN "
                         "pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1");
    QStringList names;
    if (!query.exec(sql))
        qWarning("%s", qPrintable(query.lastError().text()));
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

QString DemoProjectTest::scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0).toString();
}

void DemoProjectTest::runBothWays(QSqlDatabase db, Dialect dialect)
{
    const QList<int> &order = m_project.graph.topologicalOrder();
    QVERIFY(tables(db, dialect).isEmpty());
    for (int round = 0; round < 2; ++round) {
        for (int index : order)
            QVERIFY2(apply(db, dialect, index, Direction::Upgrade), qPrintable(m_project.graph.revision(index).id));
        const QStringList created = tables(db, dialect);
        for (const char *table :
            { "organizations", "users", "memberships", "documents", "api_keys", "audit_log", "plans", "subscriptions",
                "invoices", "document_versions", "ix_audit_log_created_at", "ix_documents_live" }) {
            QVERIFY2(created.contains(QLatin1String(table)), table);
        }

        // The schema works as meant: the version trigger keeps replaced text.
        QSqlQuery query(db);
        QVERIFY2(query.exec(QStringLiteral("INSERT INTO organizations (name, slug) VALUES ('Acme', 'acme')")),
            qPrintable(query.lastError().text()));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO documents (organization_id, title, body) "
                                          "SELECT id, 'Plan', 'v1' FROM organizations")));
        QVERIFY(query.exec(QStringLiteral("UPDATE documents SET body = 'v2'")));
        QCOMPARE(
            scalar(db, QStringLiteral("SELECT body FROM document_versions WHERE version = 1")), QStringLiteral("v1"));
        QCOMPARE(
            scalar(db, QStringLiteral("SELECT max_documents FROM plans WHERE code = 'free'")), QStringLiteral("100"));

        for (auto it = order.crbegin(); it != order.crend(); ++it)
            QVERIFY2(apply(db, dialect, *it, Direction::Downgrade), qPrintable(m_project.graph.revision(*it).id));
        QCOMPARE(tables(db, dialect), QStringList());
    }
}

void DemoProjectTest::runsBothWaysOnSqlite()
{
    QTemporaryDir dir;
    ConnectionSettings settings;
    settings.dialect = Dialect::SQLite;
    settings.sqlitePath = dir.filePath(QStringLiteral("demo.sqlite"));
    auto connection = DatabaseConnection::open(settings);
    QVERIFY(connection.ok());
    QSqlQuery((*connection)->database()).exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    runBothWays((*connection)->database(), Dialect::SQLite);
}

void DemoProjectTest::runsBothWaysOnPostgres()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    auto connection = scratch.connect();
    QVERIFY(connection);
    runBothWays(connection->database(), Dialect::PostgreSQL);
}

QTEST_GUILESS_MAIN(DemoProjectTest)
#include "tst_demoproject.moc"
