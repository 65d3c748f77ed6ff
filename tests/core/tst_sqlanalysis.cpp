#include "project/projectloader.h"
#include "sql/alembicopsanalysis.h"
#include "sql/sqlanalysis.h"
#include "sql/sqllexer.h"
#include "testsupport.h"

#include <QTest>

using namespace Retort;

Q_DECLARE_METATYPE(Retort::Dialect)

namespace {

const char *riskName(SqlRisk::Kind kind)
{
    switch (kind) {
    case SqlRisk::DropTable:
        return "drop-table";
    case SqlRisk::DropColumn:
        return "drop-column";
    case SqlRisk::DropSchema:
        return "drop-schema";
    case SqlRisk::Truncate:
        return "truncate";
    case SqlRisk::DeleteWithoutWhere:
        return "delete-all";
    case SqlRisk::UpdateWithoutWhere:
        return "update-all";
    case SqlRisk::ColumnTypeChange:
        return "type-change";
    case SqlRisk::RenameTable:
        return "rename-table";
    case SqlRisk::RenameColumn:
        return "rename-column";
    }
    return "?";
}

const char *touchName(SqlTouch::Kind kind)
{
    switch (kind) {
    case SqlTouch::Create:
        return "create";
    case SqlTouch::Alter:
        return "alter";
    case SqlTouch::Drop:
        return "drop";
    case SqlTouch::Data:
        return "data";
    case SqlTouch::Index:
        return "index";
    case SqlTouch::Trigger:
        return "trigger";
    }
    return "?";
}

// "kind table[.column]@line" for compact expectations.
QStringList describe(const SqlAnalysis &analysis, bool risks)
{
    QStringList result;
    if (risks) {
        for (const SqlRisk &r : analysis.risks)
            result.append(QStringLiteral("%1 %2%3@%4")
                              .arg(QLatin1String(riskName(r.kind)), r.table,
                                  r.column.isEmpty() ? QString() : QLatin1Char('.') + r.column)
                              .arg(r.line));
    } else {
        for (const SqlTouch &t : analysis.touches)
            result.append(QStringLiteral("%1 %2%3").arg(QLatin1String(touchName(t.kind)), t.table,
                t.column.isEmpty() ? QString() : QLatin1Char('.') + t.column));
    }
    return result;
}

SqlAnalysis analyze(const QString &sql, Dialect dialect)
{
    auto statements = StatementSplitter::split(sql, dialect, 1);
    if (!statements)
        qFatal("%s", qPrintable(statements.error().toString()));
    return analyzeSql(*statements, dialect);
}

} // namespace

class SqlAnalysisTest : public QObject
{
    Q_OBJECT
private slots:
    void lexesTokens();
    void lexerReportsUnterminatedTokens();
    void findsRisks_data();
    void findsRisks();
    void findsTouchedTablesAndColumns_data();
    void findsTouchedTablesAndColumns();
    void describesRisksForPeople();
    void flagsTheDemoProjectsDowngradesNotItsUpgrades();
    void readsAlembicOperations_data();
    void readsAlembicOperations();
};

void SqlAnalysisTest::lexesTokens()
{
    const QString sql =
        QStringLiteral("SELECT \"Mixed \"\"Name\"\"\", $$a;b$$, E'x\\'y', $1::int -- c\n/* d */ FROM t");
    SqlLexer lexer(sql, Dialect::PostgreSQL, 5);
    QStringList seen;
    SqlToken token;
    while (lexer.next(token))
        seen.append(QStringLiteral("%1:%2@%3").arg(int(token.kind)).arg(token.text).arg(token.line));
    QVERIFY2(!lexer.hasError(), qPrintable(lexer.error().toString() + QLatin1Char('|') + seen.join(QLatin1Char('|'))));
    QCOMPARE(seen,
        (QStringList { QStringLiteral("0:SELECT@5"), QStringLiteral("1:Mixed \"Name\"@5"), QStringLiteral("5:,@5"),
            QStringLiteral("2:$$a;b$$@5"), QStringLiteral("5:,@5"), QStringLiteral("2:E'x\\'y'@5"),
            QStringLiteral("5:,@5"), QStringLiteral("4:$1@5"), QStringLiteral("5:::@5"), QStringLiteral("0:int@5"),
            QStringLiteral("0:FROM@6"), QStringLiteral("0:t@6") }));

    SqlLexer sqlite(QStringLiteral("SELECT [a b], `c``d` FROM x"), Dialect::SQLite);
    seen.clear();
    while (sqlite.next(token)) {
        if (token.kind == SqlToken::QuotedIdentifier)
            seen.append(token.text);
    }
    QCOMPARE(seen, (QStringList { QStringLiteral("a b"), QStringLiteral("c`d") }));
}

void SqlAnalysisTest::lexerReportsUnterminatedTokens()
{
    SqlLexer lexer(QStringLiteral("SELECT 1,\n 'open"), Dialect::PostgreSQL);
    lexer.setFileForErrors(QStringLiteral("v/a.sql"));
    SqlToken token;
    QStringList seen;
    while (lexer.next(token))
        seen.append(token.text);
    QVERIFY2(lexer.hasError(), qPrintable(seen.join(QLatin1Char('|'))));
    QCOMPARE(lexer.error().line, 2);
    QCOMPARE(lexer.error().file, QStringLiteral("v/a.sql"));
}

void SqlAnalysisTest::findsRisks_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QStringList>("risks");
    const Dialect pg = Dialect::PostgreSQL;
    const Dialect lite = Dialect::SQLite;
    QTest::newRow("drop-tables") << QStringLiteral("\nDROP TABLE IF EXISTS a, public.\"B\" CASCADE;") << pg
                                 << QStringList { QStringLiteral("drop-table a@2"),
                                        QStringLiteral("drop-table public.B@2") };
    QTest::newRow("drop-column") << QStringLiteral("ALTER TABLE users DROP COLUMN IF EXISTS email, ADD COLUMN x int;")
                                 << pg << QStringList { QStringLiteral("drop-column users.email@1") };
    QTest::newRow("drop-column-without-keyword") << QStringLiteral("ALTER TABLE ONLY users DROP email;") << pg
                                                 << QStringList { QStringLiteral("drop-column users.email@1") };
    QTest::newRow("drop-constraint-is-not-data-loss")
        << QStringLiteral("ALTER TABLE users DROP CONSTRAINT users_pkey;") << pg << QStringList {};
    QTest::newRow("drop-schema") << QStringLiteral("DROP SCHEMA billing CASCADE;") << pg
                                 << QStringList { QStringLiteral("drop-schema billing@1") };
    QTest::newRow("truncate") << QStringLiteral("TRUNCATE TABLE ONLY audit_log, sessions RESTART IDENTITY;") << pg
                              << QStringList { QStringLiteral("truncate audit_log@1"),
                                     QStringLiteral("truncate sessions@1") };
    QTest::newRow("delete-without-where")
        << QStringLiteral("DELETE FROM sessions;") << pg << QStringList { QStringLiteral("delete-all sessions@1") };
    QTest::newRow("delete-with-where") << QStringLiteral("DELETE FROM sessions WHERE expires_at < now();") << pg
                                       << QStringList {};
    QTest::newRow("where-inside-a-subquery-does-not-count")
        << QStringLiteral("DELETE FROM t USING (SELECT id FROM u WHERE x) s;") << pg
        << QStringList { QStringLiteral("delete-all t@1") };
    QTest::newRow("update-without-where") << QStringLiteral("UPDATE api_keys SET scopes = 'read';") << pg
                                          << QStringList { QStringLiteral("update-all api_keys@1") };
    QTest::newRow("update-with-where") << QStringLiteral(
                                              "UPDATE api_keys SET scopes = 'read' WHERE revoked_at IS NULL;")
                                       << pg << QStringList {};
    QTest::newRow("cte-delete") << QStringLiteral("WITH old AS (SELECT id FROM t WHERE x) DELETE FROM t;") << pg
                                << QStringList { QStringLiteral("delete-all t@1") };
    QTest::newRow("type-change")
        << QStringLiteral("ALTER TABLE invoices ALTER COLUMN amount TYPE numeric(12,2) USING amount/100.0;") << pg
        << QStringList { QStringLiteral("type-change invoices.amount@1") };
    QTest::newRow("set-data-type") << QStringLiteral("ALTER TABLE t ALTER c SET DATA TYPE text;") << pg
                                   << QStringList { QStringLiteral("type-change t.c@1") };
    QTest::newRow("set-default-is-not-a-risk")
        << QStringLiteral("ALTER TABLE t ALTER COLUMN c SET DEFAULT 1;") << pg << QStringList {};
    QTest::newRow("renames") << QStringLiteral("ALTER TABLE a RENAME TO b;\nALTER TABLE b RENAME COLUMN x TO y;")
                             << lite
                             << QStringList { QStringLiteral("rename-table a@1"),
                                    QStringLiteral("rename-column b.x@2") };
    QTest::newRow("keywords-in-strings-and-comments-are-not-statements")
        << QStringLiteral("INSERT INTO notes (body) VALUES ('DROP TABLE users; DELETE FROM x');\n-- DROP TABLE y;\n")
        << pg << QStringList {};
    QTest::newRow("dollar-quoted-function-body-is-not-analysed")
        << QStringLiteral("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ DELETE FROM t $$;") << pg
        << QStringList {};
    QTest::newRow("sqlite-trigger-body") << QStringLiteral(
                                                "CREATE TRIGGER t AFTER DELETE ON a BEGIN DELETE FROM b; END;")
                                         << lite << QStringList {};
    QTest::newRow("create-and-insert-are-safe")
        << QStringLiteral("CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);") << pg << QStringList {};
}

void SqlAnalysisTest::findsRisks()
{
    QFETCH(QString, sql);
    QFETCH(Dialect, dialect);
    QFETCH(QStringList, risks);
    QCOMPARE(describe(analyze(sql, dialect), true), risks);
}

void SqlAnalysisTest::findsTouchedTablesAndColumns_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QStringList>("touches");
    const Dialect pg = Dialect::PostgreSQL;
    const Dialect lite = Dialect::SQLite;
    QTest::newRow("create-table-columns")
        << QStringLiteral("CREATE TABLE IF NOT EXISTS plans (id bigint PRIMARY KEY, code text NOT NULL, "
                          "CONSTRAINT c CHECK (code <> ''), UNIQUE (code), \"Price\" numeric(10,2));")
        << pg
        << QStringList { QStringLiteral("create plans"), QStringLiteral("create plans.id"),
               QStringLiteral("create plans.code"), QStringLiteral("create plans.Price") };
    QTest::newRow("alter-add-and-alter")
        << QStringLiteral(
               "ALTER TABLE users ADD COLUMN IF NOT EXISTS email_verified boolean, ALTER COLUMN email SET NOT "
               "NULL, ADD CONSTRAINT u UNIQUE (email);")
        << pg
        << QStringList { QStringLiteral("alter users.email_verified"), QStringLiteral("alter users.email"),
               QStringLiteral("alter users") };
    QTest::newRow("index-columns-not-expressions")
        << QStringLiteral(
               "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ux ON ONLY users USING btree (org_id, lower(email));")
        << pg << QStringList { QStringLiteral("index users"), QStringLiteral("index users.org_id") };
    QTest::newRow("update-set-columns")
        << QStringLiteral("UPDATE plans SET max_documents = 100, (a, b) = (1, 2) WHERE code = 'free';") << pg
        << QStringList { QStringLiteral("data plans.max_documents"), QStringLiteral("data plans.a"),
               QStringLiteral("data plans.b") };
    QTest::newRow("insert-columns") << QStringLiteral("INSERT OR REPLACE INTO plans (code, name) VALUES ('a', 'b');")
                                    << lite
                                    << QStringList { QStringLiteral("data plans.code"),
                                           QStringLiteral("data plans.name") };
    QTest::newRow("triggers") << QStringLiteral("CREATE TRIGGER keep BEFORE UPDATE OF title ON documents FOR EACH ROW "
                                                "EXECUTE FUNCTION f();\nDROP TRIGGER IF EXISTS keep ON documents;")
                              << pg
                              << QStringList { QStringLiteral("trigger documents"),
                                     QStringLiteral("trigger documents") };
    QTest::newRow("drop-and-truncate") << QStringLiteral("DROP TABLE a; TRUNCATE b;") << pg
                                       << QStringList { QStringLiteral("drop a"), QStringLiteral("data b") };
    QTest::newRow("comment-on-column") << QStringLiteral("COMMENT ON COLUMN public.users.email IS 'x';") << pg
                                       << QStringList { QStringLiteral("alter public.users.email") };
}

void SqlAnalysisTest::findsTouchedTablesAndColumns()
{
    QFETCH(QString, sql);
    QFETCH(Dialect, dialect);
    QFETCH(QStringList, touches);
    QCOMPARE(describe(analyze(sql, dialect), false), touches);
}

void SqlAnalysisTest::describesRisksForPeople()
{
    const SqlAnalysis analysis = analyze(
        QStringLiteral("ALTER TABLE users DROP COLUMN email;\nALTER TABLE a RENAME TO b;"), Dialect::PostgreSQL);
    QCOMPARE(analysis.risks.size(), 2);
    QCOMPARE(analysis.risks.at(0).description(), QStringLiteral("drops column users.email and its data"));
    QVERIFY(analysis.risks.at(0).losesData());
    QCOMPARE(
        analysis.risks.at(1).description(), QStringLiteral("renames table a to b; code using the old name breaks"));
    QVERIFY(!analysis.risks.at(1).losesData());
    QCOMPARE(unqualifiedTableName(QStringLiteral("public.users")), QStringLiteral("users"));
}

void SqlAnalysisTest::flagsTheDemoProjectsDowngradesNotItsUpgrades()
{
    Result<Project> project = ProjectLoader::load(Test::demoProjectDirectory());
    QVERIFY(project.ok());
    for (Dialect dialect : { Dialect::PostgreSQL, Dialect::SQLite }) {
        QStringList upgradeRisks;
        QStringList downgradeRisks;
        for (const Revision &revision : project->graph.revisions()) {
            for (Direction direction : { Direction::Upgrade, Direction::Downgrade }) {
                const std::optional<SqlSection> section = revision.section(direction, dialect);
                auto statements = StatementSplitter::split(section->sql(), dialect, section->markerLine + 1);
                QVERIFY(statements.ok());
                for (const SqlRisk &risk : analyzeSql(*statements, dialect).risks)
                    (direction == Direction::Upgrade ? upgradeRisks : downgradeRisks).append(risk.description());
            }
        }
        QCOMPARE(upgradeRisks, QStringList());
        QVERIFY(downgradeRisks.contains(QStringLiteral("drops table organizations and all its rows")));
        QVERIFY(downgradeRisks.contains(QStringLiteral("drops column users.email_verified and its data")));
        QVERIFY(downgradeRisks.contains(QStringLiteral("drops column api_keys.scopes and its data")));
    }
}

void SqlAnalysisTest::readsAlembicOperations_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("upgradeRisks");
    QTest::addColumn<QStringList>("upgradeTouches");
    QTest::addColumn<QStringList>("downgradeRisks");

    const QString header = QStringLiteral(
        "\"\"\"add verification\n\nRevision ID: ae1027a6acf2\n\"\"\"\n"
        "from alembic import op\nimport sqlalchemy as sa\n\nrevision = 'ae1027a6acf2'\ndown_revision = None\n\n");
    QTest::newRow("guide-example-add-column-and-index")
        << header +
            QStringLiteral("def upgrade() -> None:\n"
                           "    \"\"\"Upgrade schema - applied when running 'upgrade'\"\"\"\n"
                           "    op.add_column('users', sa.Column('email_verified', sa.Boolean(), nullable=True))\n"
                           "    op.create_index('ix_users_email_verified', 'users', ['email_verified'])\n"
                           "\n\n"
                           "def downgrade() -> None:\n"
                           "    op.drop_index('ix_users_email_verified', table_name='users')\n"
                           "    op.drop_column('users', 'email_verified')\n")
        << QStringList {}
        << QStringList { QStringLiteral("alter users.email_verified"), QStringLiteral("index users"),
               QStringLiteral("index users.email_verified") }
        << QStringList { QStringLiteral("drop-column users.email_verified@19") };
    QTest::newRow("create-and-drop-table-with-keywords")
        << header +
            QStringLiteral("def upgrade():\n"
                           "    op.create_table(\n"
                           "        \"organizations\",\n"
                           "        sa.Column(\"id\", sa.UUID(), primary_key=True),  # the key\n"
                           "        sa.Column(\"name\", sa.String(255), nullable=False),\n"
                           "    )\n"
                           "\n"
                           "def downgrade():\n"
                           "    op.drop_table(table_name=\"organizations\")\n")
        << QStringList {}
        << QStringList { QStringLiteral("create organizations"), QStringLiteral("create organizations.id"),
               QStringLiteral("create organizations.name") }
        << QStringList { QStringLiteral("drop-table organizations@19") };
    QTest::newRow("alter-column-type-and-rename")
        << header +
            QStringLiteral(
                "def upgrade():\n"
                "    op.alter_column('invoices', 'amount', type_=sa.Numeric(12, 2), existing_type=sa.Integer())\n"
                "    op.alter_column('users', 'name', new_column_name='full_name')\n"
                "    op.rename_table('docs', 'documents')\n"
                "def downgrade():\n"
                "    pass\n")
        << QStringList { QStringLiteral("type-change invoices.amount@12"),
               QStringLiteral("rename-column users.name@13"), QStringLiteral("rename-table docs@14") }
        << QStringList { QStringLiteral("alter invoices.amount"), QStringLiteral("alter users.full_name"),
               QStringLiteral("alter users.name"), QStringLiteral("alter docs"), QStringLiteral("create documents") }
        << QStringList {};
    QTest::newRow("batch-operations") << header +
            QStringLiteral("def upgrade():\n"
                           "    with op.batch_alter_table('users') as batch_op:\n"
                           "        batch_op.add_column(sa.Column('new_field', sa.String(50)))\n"
                           "        batch_op.drop_column('old_field')\n"
                           "def downgrade():\n"
                           "    pass\n")
                                      << QStringList { QStringLiteral("drop-column users.old_field@14") }
                                      << QStringList { QStringLiteral("alter users.new_field"),
                                             QStringLiteral("drop users.old_field") }
                                      << QStringList {};
    QTest::newRow("raw-sql-in-execute") << header +
            QStringLiteral("def upgrade():\n"
                           "    op.execute(\"\"\"\n"
                           "        CREATE INDEX CONCURRENTLY idx_users_email_lower\n"
                           "        ON users (LOWER(email));\n"
                           "    \"\"\")\n"
                           "    op.execute(sa.text('DELETE FROM sessions'))\n"
                           "def downgrade():\n"
                           "    op.execute(\"DROP INDEX IF EXISTS idx_users_email_lower;\")\n")
                                        << QStringList { QStringLiteral("delete-all sessions@16") }
                                        << QStringList { QStringLiteral("index users"),
                                               QStringLiteral("data sessions") }
                                        << QStringList {};
    QTest::newRow("operations-outside-the-function-and-in-strings-are-ignored") << header +
            QStringLiteral("# op.drop_table('commented')\n"
                           "NOTE = \"op.drop_table('in_a_string')\"\n"
                           "def helper():\n"
                           "    op.drop_table('helper_table')\n"
                           "def upgrade():\n"
                           "    op.drop_column(table_name, 'dynamic')  # not static: not guessed\n"
                           "def downgrade():\n"
                           "    pass\n") << QStringList {} << QStringList {} << QStringList {};
}

void SqlAnalysisTest::readsAlembicOperations()
{
    QFETCH(QString, source);
    QFETCH(QStringList, upgradeRisks);
    QFETCH(QStringList, upgradeTouches);
    QFETCH(QStringList, downgradeRisks);
    const SqlAnalysis upgrade = analyzeAlembicOperations(source, Direction::Upgrade, Dialect::PostgreSQL);
    QCOMPARE(describe(upgrade, true), upgradeRisks);
    QCOMPARE(describe(upgrade, false), upgradeTouches);
    const SqlAnalysis downgrade = analyzeAlembicOperations(source, Direction::Downgrade, Dialect::PostgreSQL);
    QCOMPARE(describe(downgrade, true), downgradeRisks);
}

QTEST_GUILESS_MAIN(SqlAnalysisTest)
#include "tst_sqlanalysis.moc"
