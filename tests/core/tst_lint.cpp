// The lint rules on the PostgreSQL parser: for every rule, rows that must be
// flagged and rows that must not (a table created in the same migration, a
// safe form, another PostgreSQL version, a migration outside a
// transaction), plus suppression comments and [retort.lint] settings.
#include "lint/linter.h"
#include "lint/lintrules.h"
#include "lint/lintsettings.h"

#include <QSet>
#include <QTest>

using namespace Retort;

class LintTest : public QObject
{
    Q_OBJECT
private slots:
    void rules_data();
    void rules();
    void everyRuleHasItsData();
    void everyRuleIsTested();
    void findingsCarryTheStatementRange();
    void ignores_data();
    void ignores();
    void settingsFromIni_data();
    void settingsFromIni();
    void settingsApply();
    void columnTypesCarryAcrossMigrations();
    void lintingAtOnceFindsWhatLintingInOrderFinds();
    void syntaxErrorIsAFinding();

private:
    QSet<QString> m_testedRules;
};

namespace {

// The lines a rule flags in `sql` (statements start on line 1).
QList<int> flaggedLines(const QList<LintFinding> &findings, const QString &rule)
{
    QList<int> lines;
    for (const LintFinding &finding : findings) {
        if (finding.rule == rule)
            lines.append(finding.line);
    }
    return lines;
}

QString describe(const QList<LintFinding> &findings)
{
    QStringList lines;
    for (const LintFinding &finding : findings)
        lines.append(QStringLiteral("%1 %2: %3").arg(finding.line).arg(finding.rule, finding.message));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

void LintTest::rules_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("transactional");
    QTest::addColumn<int>("pgVersion");
    QTest::addColumn<QList<int>>("lines");

    const auto row = [](const char *name, const char *rule, const char *sql, QList<int> lines,
                         bool transactional = true, int pgVersion = 17) {
        QTest::newRow(name) << QString::fromLatin1(rule) << QString::fromUtf8(sql) << transactional << pgVersion
                            << lines;
    };
    const QList<int> none;

    // Indexes
    row("create-index-existing-table", "create-index-blocking", "CREATE INDEX ix ON orders (customer_id);", { 1 });
    row("create-unique-index-existing-table", "create-index-blocking",
        "SELECT 1;\nCREATE UNIQUE INDEX ix ON public.orders (customer_id);", { 2 });
    row("create-index-concurrently", "create-index-blocking", "CREATE INDEX CONCURRENTLY ix ON orders (customer_id);",
        none, false);
    row("create-index-on-new-table", "create-index-blocking",
        "CREATE TABLE orders (id bigint);\nCREATE INDEX ix ON orders (id);", none);
    row("drop-index", "drop-index-blocking", "DROP INDEX ix_orders;", { 1 });
    row("drop-index-concurrently", "drop-index-blocking", "DROP INDEX CONCURRENTLY ix_orders;", none, false);
    row("drop-table-is-not-drop-index", "drop-index-blocking", "DROP TABLE t;", none);
    row("reindex-table", "reindex-blocking", "REINDEX TABLE orders;", { 1 });
    row("reindex-concurrently", "reindex-blocking", "REINDEX TABLE CONCURRENTLY orders;", none, false);
    row("reindex-index", "reindex-blocking", "REINDEX INDEX ix_orders;", { 1 });
    row("concurrently-in-transactional-migration", "concurrently-in-transaction",
        "CREATE INDEX CONCURRENTLY ix ON orders (customer_id);", { 1 });
    row("drop-index-concurrently-in-transaction", "concurrently-in-transaction", "DROP INDEX CONCURRENTLY ix;", { 1 });
    row("reindex-concurrently-in-begin", "concurrently-in-transaction",
        "BEGIN;\nREINDEX INDEX CONCURRENTLY ix;\nCOMMIT;", { 2 }, false);
    row("concurrently-outside-transaction", "concurrently-in-transaction",
        "CREATE INDEX CONCURRENTLY ix ON orders (customer_id);\nDROP INDEX CONCURRENTLY ix2;", none, false);
    row("concurrently-after-commit", "concurrently-in-transaction",
        "BEGIN;\nSELECT 1;\nCOMMIT;\nCREATE INDEX CONCURRENTLY ix ON t (a);", none, false);
    row("detach-partition", "detach-partition-blocking", "ALTER TABLE m DETACH PARTITION m_2019;", { 1 });
    row("detach-partition-concurrently", "detach-partition-blocking",
        "ALTER TABLE m DETACH PARTITION m_2019 CONCURRENTLY;", none, false);
    row("detach-partition-concurrently-in-transaction", "concurrently-in-transaction",
        "ALTER TABLE m DETACH PARTITION m_2019 CONCURRENTLY;", { 1 });

    // Constraints
    row("foreign-key", "foreign-key-not-valid",
        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id);", { 1 });
    row("foreign-key-not-valid", "foreign-key-not-valid",
        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;", none);
    row("foreign-key-on-new-table", "foreign-key-not-valid",
        "CREATE TABLE orders (customer_id bigint);\nALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES "
        "customers (id);",
        none);
    row("check", "check-not-valid", "ALTER TABLE orders ADD CONSTRAINT c CHECK (total >= 0);", { 1 });
    row("check-not-valid", "check-not-valid", "ALTER TABLE orders ADD CONSTRAINT c CHECK (total >= 0) NOT VALID;",
        none);
    row("validate-same-transaction", "validate-in-same-transaction",
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;",
        { 2 });
    row("validate-after-commit", "validate-in-same-transaction",
        "BEGIN;\nALTER TABLE orders ADD CONSTRAINT c CHECK (total >= 0) NOT VALID;\nCOMMIT;\nALTER TABLE orders "
        "VALIDATE CONSTRAINT c;",
        none, false);
    row("validate-alone", "validate-in-same-transaction", "ALTER TABLE orders VALIDATE CONSTRAINT c;", none);
    row("set-not-null", "set-not-null-scan", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;", { 1 });
    row("set-not-null-after-validated-check", "set-not-null-scan",
        "ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE "
        "CONSTRAINT nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
        none);
    row("set-not-null-check-not-validated", "set-not-null-scan",
        "ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN "
        "email SET NOT NULL;",
        { 2 });
    row("set-not-null-before-pg12-always-scans", "set-not-null-scan",
        "ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE "
        "CONSTRAINT nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
        { 3 }, true, 11);
    row("set-not-null-new-table", "set-not-null-scan",
        "CREATE TABLE users (email text);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", none);
    row("add-unique-constraint", "unique-without-index", "ALTER TABLE users ADD CONSTRAINT u UNIQUE (email);", { 1 });
    row("add-primary-key", "unique-without-index", "ALTER TABLE users ADD PRIMARY KEY (id);", { 1 });
    row("add-unique-using-index", "unique-without-index",
        "ALTER TABLE users ADD CONSTRAINT u UNIQUE USING INDEX users_email_key;", none);
    row("add-primary-key-using-index", "unique-without-index",
        "ALTER TABLE users ADD CONSTRAINT pk PRIMARY KEY USING INDEX users_pkey_ix;", none);
    row("add-column-unique", "unique-without-index", "ALTER TABLE users ADD COLUMN code text UNIQUE;", { 1 });
    row("exclusion", "exclusion-constraint",
        "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);", { 1 });
    row("exclusion-new-table", "exclusion-constraint",
        "CREATE TABLE bookings (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));", none);
    row("drop-not-null", "drop-not-null", "ALTER TABLE users ALTER COLUMN phone DROP NOT NULL;", { 1 });
    row("drop-foreign-key-by-name", "drop-foreign-key", "ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;",
        { 1 });
    row("drop-foreign-key-added-earlier", "drop-foreign-key",
        "ALTER TABLE orders ADD CONSTRAINT to_customer FOREIGN KEY (c) REFERENCES customers (id) NOT VALID;\nALTER "
        "TABLE orders DROP CONSTRAINT to_customer;",
        { 2 });
    row("drop-check-constraint", "drop-foreign-key", "ALTER TABLE orders DROP CONSTRAINT orders_total_check;", none);

    // Columns
    row("volatile-default", "volatile-default", "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
        { 1 });
    row("clock-timestamp-default", "volatile-default",
        "ALTER TABLE orders ADD COLUMN seen timestamptz NOT NULL DEFAULT clock_timestamp();", { 1 });
    row("constant-default-pg11", "volatile-default", "ALTER TABLE orders ADD COLUMN paid boolean DEFAULT false;", none);
    row("now-default-is-stable", "volatile-default", "ALTER TABLE orders ADD COLUMN at timestamptz DEFAULT now();",
        none);
    row("constant-default-pg10", "volatile-default", "ALTER TABLE orders ADD COLUMN paid boolean DEFAULT false;", { 1 },
        true, 10);
    row("volatile-default-new-table", "volatile-default",
        "CREATE TABLE orders (id bigint);\nALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();", none);
    row("add-serial", "serial-identity-column", "ALTER TABLE events ADD COLUMN seq bigserial;", { 1 });
    row("add-identity", "serial-identity-column",
        "ALTER TABLE events ADD COLUMN seq bigint GENERATED BY DEFAULT AS IDENTITY;", { 1 });
    row("add-plain-bigint", "serial-identity-column", "ALTER TABLE events ADD COLUMN seq bigint;", none);
    row("add-stored-generated", "stored-generated-column",
        "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED;", { 1 });
    row("not-null-without-default", "not-null-without-default", "ALTER TABLE users ADD COLUMN plan text NOT NULL;",
        { 1 });
    row("not-null-with-default", "not-null-without-default",
        "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';", none);
    row("not-null-new-table", "not-null-without-default",
        "CREATE TABLE users (id bigint);\nALTER TABLE users ADD COLUMN plan text NOT NULL;", none);
    row("nullable-column", "not-null-without-default", "ALTER TABLE users ADD COLUMN plan text;", none);
    row("type-change-unknown-old-type", "column-type-rewrite", "ALTER TABLE users ALTER COLUMN age TYPE bigint;",
        { 1 });
    row("int-to-bigint-known", "column-type-rewrite",
        "CREATE TABLE users (age int);\nCOMMIT;\nALTER TABLE users ALTER COLUMN age TYPE bigint;", none, false);
    row("varchar-to-text", "column-type-rewrite", "ALTER TABLE users ALTER COLUMN name TYPE text;", { 1 });

    // Destructive changes
    row("drop-table", "drop-table", "DROP TABLE legacy;", { 1 });
    row("drop-two-tables", "drop-table", "DROP TABLE IF EXISTS a, b CASCADE;", { 1, 1 });
    row("drop-table-created-here", "drop-table", "CREATE TABLE scratch (id int);\nDROP TABLE scratch;", none);
    row("drop-column", "drop-column", "ALTER TABLE users DROP COLUMN legacy_flag;", { 1 });
    row("drop-column-if-exists", "drop-column", "ALTER TABLE users DROP COLUMN IF EXISTS legacy_flag;", { 1 });
    row("drop-schema", "drop-schema", "DROP SCHEMA archive CASCADE;", { 1 });
    row("drop-database", "drop-database", "DROP DATABASE old;", { 1 }, false);
    row("truncate-cascade", "truncate-cascade", "TRUNCATE orders CASCADE;", { 1 });
    row("truncate-plain", "truncate-cascade", "TRUNCATE orders, order_items;", none);
    row("delete-without-where", "delete-without-where", "DELETE FROM sessions;", { 1 });
    row("delete-with-where", "delete-without-where", "DELETE FROM sessions WHERE expires_at < now();", none);
    row("update-without-where", "update-without-where", "UPDATE users SET plan = 'free';", { 1 });
    row("update-with-where", "update-without-where", "UPDATE users SET plan = 'free' WHERE plan IS NULL;", none);
    row("update-new-table", "update-without-where", "CREATE TABLE t (a int);\nUPDATE t SET a = 1;", none);
    row("cluster", "cluster-vacuum-full", "CLUSTER orders USING orders_pkey;", { 1 });
    row("vacuum-full", "cluster-vacuum-full", "VACUUM FULL orders;", { 1 }, false);
    row("vacuum-plain", "cluster-vacuum-full", "VACUUM ANALYZE orders;", none, false);

    // Renames
    row("rename-table", "rename-table", "ALTER TABLE customers RENAME TO clients;", { 1 });
    row("rename-new-table", "rename-table", "CREATE TABLE c (id int);\nALTER TABLE c RENAME TO d;", none);
    row("rename-column", "rename-column", "ALTER TABLE users RENAME COLUMN name TO full_name;", { 1 });
    row("rename-schema", "rename-schema", "ALTER SCHEMA app RENAME TO core;", { 1 });
    row("rename-enum-value", "rename-enum-value", "ALTER TYPE status RENAME VALUE 'old' TO 'new';", { 1 });
    row("add-enum-value", "rename-enum-value", "ALTER TYPE status ADD VALUE 'archived';", none);

    // Types and names
    row("json-column", "prefer-jsonb", "CREATE TABLE e (payload json);", { 1 });
    row("jsonb-column", "prefer-jsonb", "CREATE TABLE e (payload jsonb);", none);
    row("add-json-column", "prefer-jsonb", "ALTER TABLE e ADD COLUMN payload json;", { 1 });
    row("int-primary-key", "int-primary-key", "CREATE TABLE t (id int PRIMARY KEY);", { 1 });
    row("serial-primary-key", "int-primary-key", "CREATE TABLE t (id serial PRIMARY KEY);", { 1 });
    row("table-level-int-primary-key", "int-primary-key", "CREATE TABLE t (id integer, PRIMARY KEY (id));", { 1 });
    row("bigint-primary-key", "int-primary-key", "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);",
        none);
    row("composite-int-primary-key", "int-primary-key", "CREATE TABLE t (a int, b int, PRIMARY KEY (a, b));", none);
    row("timestamp", "timestamp-without-time-zone", "CREATE TABLE t (at timestamp);", { 1 });
    row("timestamp-without-time-zone", "timestamp-without-time-zone",
        "ALTER TABLE t ADD COLUMN at timestamp without time zone;", { 1 });
    row("timestamptz", "timestamp-without-time-zone", "CREATE TABLE t (at timestamptz);", none);
    row("char-n", "char-column", "CREATE TABLE t (code char(8));", { 1 });
    row("varchar", "char-column", "CREATE TABLE t (code varchar(8));", none);
    row("long-identifier", "identifier-too-long",
        "CREATE TABLE this_table_name_is_far_too_long_for_postgresql_which_keeps_63_bytes (id bigint);", { 1 });
    row("long-quoted-identifier-multibyte", "identifier-too-long",
        "CREATE TABLE \"ééééééééééééééééééééééééééééééééé\" (id bigint);", { 1 });
    row("long-string-is-not-an-identifier", "identifier-too-long",
        "SELECT 'this string is far longer than sixty-three bytes but it is only a string';", none);

    // Transactions and timeouts
    row("no-lock-timeout", "missing-lock-timeout",
        "ALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b "
        "text;",
        { 1 });
    row("lock-timeout-set", "missing-lock-timeout", "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN a text;",
        none);
    row("lock-timeout-zero", "missing-lock-timeout", "SET lock_timeout = 0;\nALTER TABLE users ADD COLUMN a text;",
        { 2 });
    row("lock-timeout-set-local", "missing-lock-timeout",
        "SET LOCAL lock_timeout TO '1s';\nALTER TABLE users ADD COLUMN a text;", none);
    row("no-lock-timeout-new-table", "missing-lock-timeout",
        "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b text;", none);
    row("no-lock-timeout-concurrent-index", "missing-lock-timeout", "CREATE INDEX CONCURRENTLY ix ON t (a);", none,
        false);
    row("no-statement-timeout", "missing-statement-timeout", "SET lock_timeout = '2s';\nCREATE INDEX ix ON t (a);",
        { 2 });
    row("statement-timeout-set", "missing-statement-timeout",
        "SET statement_timeout = '5min';\nCREATE INDEX ix ON t (a);", none);
    row("statement-after-access-exclusive", "statements-after-access-exclusive",
        "ALTER TABLE users ADD COLUMN a text;\nUPDATE users SET a = 'x' WHERE id = 1;", { 2 });
    row("access-exclusive-last", "statements-after-access-exclusive",
        "UPDATE users SET a = 'x' WHERE id = 1;\nALTER TABLE users ADD COLUMN a text;", none);
    row("access-exclusive-autocommit", "statements-after-access-exclusive",
        "ALTER TABLE users ADD COLUMN a text;\nUPDATE users SET a = 'x' WHERE id = 1;", none, false);
    row("access-exclusive-then-commit", "statements-after-access-exclusive",
        "BEGIN;\nALTER TABLE users ADD COLUMN a text;\nCOMMIT;\nSELECT 1;", none, false);
    row("begin-in-transactional-migration", "nested-transaction", "BEGIN;\nSELECT 1;\nCOMMIT;", { 1, 3 });
    row("begin-twice", "nested-transaction", "BEGIN;\nBEGIN;\nCOMMIT;", { 2 }, false);
    row("begin-commit-outside", "nested-transaction", "BEGIN;\nSELECT 1;\nCOMMIT;", none, false);
    row("begin-without-commit", "uncommitted-transaction", "SELECT 1;\nBEGIN;\nSELECT 2;", { 2 }, false);
    row("begin-with-commit", "uncommitted-transaction", "BEGIN;\nSELECT 2;\nCOMMIT;", none, false);
    row("begin-with-rollback", "uncommitted-transaction", "BEGIN;\nSELECT 2;\nROLLBACK;", none, false);
}

void LintTest::rules()
{
    QFETCH(QString, rule);
    QFETCH(QString, sql);
    QFETCH(bool, transactional);
    QFETCH(int, pgVersion);
    QFETCH(QList<int>, lines);
    QVERIFY2(findLintRule(rule), qPrintable(rule));
    m_testedRules.insert(rule);
    Linter linter(pgVersion);
    const QList<LintFinding> findings =
        linter.lint({ sql, 1, QStringLiteral("v/a.sql"), QStringLiteral("a"), transactional });
    const QList<int> actual = flaggedLines(findings, rule);
    if (actual != lines)
        qWarning("%s", qPrintable(describe(findings)));
    QCOMPARE(actual, lines);
}

void LintTest::everyRuleHasItsData()
{
    QSet<QString> ids;
    for (const LintRule &rule : lintRules()) {
        const QString id = QLatin1String(rule.id);
        QVERIFY2(!ids.contains(id), qPrintable(id));
        ids.insert(id);
        QVERIFY2(*rule.title && *rule.topic && *rule.why && *rule.safe, qPrintable(id));
        QVERIFY2(!*rule.lock || *rule.blocks, qPrintable(id));
    }
}

void LintTest::everyRuleIsTested()
{
    // syntax-error and unused-ignore have their own tests below.
    QSet<QString> untested;
    for (const LintRule &rule : lintRules()) {
        const QString id = QLatin1String(rule.id);
        if (!m_testedRules.contains(id) && id != QLatin1String("syntax-error") && id != QLatin1String("unused-ignore"))
            untested.insert(id);
    }
    QCOMPARE(untested, QSet<QString>());
}

void LintTest::findingsCarryTheStatementRange()
{
    Linter linter(17);
    const QString sql = QStringLiteral("-- a comment\nSELECT 1;\n  /* é */ CREATE INDEX ix\n    ON orders (a);\n");
    const QList<LintFinding> findings = linter.lint({ sql, 10, QStringLiteral("v/a.sql"), QStringLiteral("a"), true });
    const auto found = std::find_if(findings.cbegin(), findings.cend(),
        [](const LintFinding &f) { return f.rule == QLatin1String("create-index-blocking"); });
    QVERIFY(found != findings.cend());
    QCOMPARE(found->file, QStringLiteral("v/a.sql"));
    QCOMPARE(found->revision, QStringLiteral("a"));
    QCOMPARE(found->line, 12);
    QCOMPARE(found->column0, 10);
    QCOMPARE(found->endLine, 13);
    QCOMPARE(found->endColumn0, 17);
    QCOMPARE(found->statement, QStringLiteral("CREATE INDEX ix\n    ON orders (a)"));
    QCOMPARE(found->table, QStringLiteral("orders"));
}

void LintTest::ignores_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("rules"); // what remains, in order

    QTest::newRow("ignore-next-statement")
        << QStringLiteral("SET lock_timeout = '1s';\nSET statement_timeout = '1min';\n-- retort:ignore drop-column\n"
                          "ALTER TABLE t DROP COLUMN a;\nALTER TABLE t DROP COLUMN b;")
        << QStringList { QStringLiteral("drop-column") };
    QTest::newRow("ignore-two-rules")
        << QStringLiteral("-- retort:ignore drop-column, missing-lock-timeout,missing-statement-timeout\n"
                          "ALTER TABLE t DROP COLUMN a;")
        << QStringList {};
    QTest::newRow("ignore-file")
        << QStringLiteral("SELECT 1;\n-- retort:ignore-file drop-column\nALTER TABLE t DROP COLUMN a;\n"
                          "SET lock_timeout = '1s';\nSET statement_timeout = '1min';\nALTER TABLE t DROP COLUMN b;")
        << QStringList { QStringLiteral("missing-lock-timeout"), QStringLiteral("missing-statement-timeout") };
    QTest::newRow("ignore-file-at-the-end")
        << QStringLiteral("DROP TABLE a;\nDROP TABLE b;\n-- retort:ignore-file drop-table\n")
        << QStringList { QStringLiteral("missing-lock-timeout"), QStringLiteral("missing-statement-timeout") };
    QTest::newRow("unused-ignore") << QStringLiteral("-- retort:ignore drop-table\nSELECT 1;")
                                   << QStringList { QStringLiteral("unused-ignore") };
    QTest::newRow("unknown-rule-in-ignore") << QStringLiteral("-- retort:ignore no-such-rule\nSELECT 1;")
                                            << QStringList { QStringLiteral("unused-ignore") };
    QTest::newRow("ignore-applies-to-next-statement-only")
        << QStringLiteral("-- retort:ignore-file missing-lock-timeout, missing-statement-timeout\n"
                          "-- retort:ignore drop-table\nSELECT 1;\nDROP TABLE a;")
        << QStringList { QStringLiteral("drop-table"), QStringLiteral("unused-ignore") };
    QTest::newRow("ignore-inside-a-string-is-not-an-ignore")
        << QStringLiteral("SELECT '-- retort:ignore drop-table';\nSELECT 1;") << QStringList {};
}

void LintTest::ignores()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, rules);
    Linter linter(17);
    QStringList actual;
    for (const LintFinding &finding : linter.lint({ sql, 1, QStringLiteral("a.sql"), {}, false }))
        actual.append(finding.rule);
    QCOMPARE(actual, rules);
}

void LintTest::settingsFromIni_data()
{
    QTest::addColumn<QString>("ini");
    QTest::addColumn<QString>("error"); // empty: valid
    QTest::newRow("valid")
        << QStringLiteral(
               "[retort.lint]\ndisabled = char-column, prefer-jsonb\nseverity = drop-column:error rename-column:info\n"
               "pg_version = 12\n")
        << QString();
    QTest::newRow("unknown-key") << QStringLiteral("[retort.lint]\ndisable = char-column\n")
                                 << QStringLiteral("retort.ini:2: unknown key \"disable\"");
    QTest::newRow("unknown-rule") << QStringLiteral("[retort.lint]\n\ndisabled = char-colum\n")
                                  << QStringLiteral("retort.ini:3: unknown lint rule \"char-colum\"");
    QTest::newRow("bad-severity") << QStringLiteral("[retort.lint]\nseverity = drop-column:fatal\n")
                                  << QStringLiteral("retort.ini:2: severity \"drop-column:fatal\"");
    QTest::newRow("bad-version") << QStringLiteral("[retort.lint]\npg_version = seventeen\n")
                                 << QStringLiteral("retort.ini:2: pg_version \"seventeen\"");
}

void LintTest::settingsFromIni()
{
    QFETCH(QString, ini);
    QFETCH(QString, error);
    Result<IniFile> file = IniFile::parse(ini, QStringLiteral("retort.ini"));
    QVERIFY(file.ok());
    Result<LintSettings> settings = LintSettings::fromIni(*file);
    if (error.isEmpty()) {
        QVERIFY2(settings.ok(), qPrintable(settings ? QString() : settings.error().toString()));
        QCOMPARE(settings->disabled, (QStringList { QStringLiteral("char-column"), QStringLiteral("prefer-jsonb") }));
        QCOMPARE(settings->severities.value(QStringLiteral("drop-column")), LintSeverity::Error);
        QCOMPARE(settings->severities.value(QStringLiteral("rename-column")), LintSeverity::Info);
        QCOMPARE(settings->pgVersion, 12);
    } else {
        QVERIFY(!settings.ok());
        QVERIFY2(settings.error().toString().startsWith(error), qPrintable(settings.error().toString()));
    }
}

void LintTest::settingsApply()
{
    LintSettings settings;
    settings.disabled = { QStringLiteral("missing-lock-timeout"), QStringLiteral("missing-statement-timeout") };
    settings.severities.insert(QStringLiteral("drop-column"), LintSeverity::Error);
    Linter linter(17, settings);
    const QList<LintFinding> findings =
        linter.lint({ QStringLiteral("ALTER TABLE t DROP COLUMN a;"), 1, QStringLiteral("a.sql"), {}, true });
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().rule, QStringLiteral("drop-column"));
    QCOMPARE(findings.first().severity, LintSeverity::Error);
}

void LintTest::columnTypesCarryAcrossMigrations()
{
    // The second migration widens a varchar the first one created: binary
    // compatible, no rewrite; narrowing it is not.
    Linter linter(17);
    linter.lint({ QStringLiteral("CREATE TABLE users (name varchar(20), price numeric(10,2));"), 1,
        QStringLiteral("a.sql"), {}, true });
    const auto rewrites = [&](const QString &sql) {
        return flaggedLines(
            linter.lint({ sql, 1, QStringLiteral("b.sql"), {}, true }), QStringLiteral("column-type-rewrite"));
    };
    QCOMPARE(rewrites(QStringLiteral("ALTER TABLE users ALTER COLUMN name TYPE varchar(40);")), QList<int>());
    QCOMPARE(rewrites(QStringLiteral("ALTER TABLE users ALTER COLUMN name TYPE varchar(10);")), QList<int> { 1 });
    QCOMPARE(rewrites(QStringLiteral("ALTER TABLE users ALTER COLUMN name TYPE text;")), QList<int>());
    QCOMPARE(rewrites(QStringLiteral("ALTER TABLE users ALTER COLUMN price TYPE numeric(12,2);")), QList<int>());
    QCOMPARE(rewrites(QStringLiteral("ALTER TABLE users ALTER COLUMN price TYPE numeric(12,4);")), QList<int> { 1 });
    QCOMPARE(rewrites(QStringLiteral("ALTER TABLE users ALTER COLUMN price TYPE bigint USING price::bigint;")),
        QList<int> { 1 });
}

void LintTest::lintingAtOnceFindsWhatLintingInOrderFinds()
{
    // lintAll() lints migrations ahead of the ones before them, on several
    // threads and in batches: migrations far apart (other batches) that
    // make and change the same columns must come out as linting in order.
    QList<LintInput> inputs;
    for (int i = 0; i < 150; ++i) {
        inputs.append({ QStringLiteral("CREATE TABLE t_%1 (name varchar(20));").arg(i), 1,
            QStringLiteral("create_%1.sql").arg(i), {}, true });
    }
    for (int i = 0; i < 150; ++i) {
        // Even: widened (no rewrite, known only from the CREATE); odd:
        // narrowed (a rewrite); every tenth changed again later.
        inputs.append(
            { QStringLiteral("ALTER TABLE t_%1 ALTER COLUMN name TYPE varchar(%2);").arg(i).arg(i % 2 == 0 ? 40 : 10),
                1, QStringLiteral("alter_%1.sql").arg(i), {}, true });
    }
    for (int i = 0; i < 150; i += 10) {
        inputs.append({ QStringLiteral("ALTER TABLE t_%1 ALTER COLUMN name TYPE text;").arg(i), 1,
            QStringLiteral("again_%1.sql").arg(i), {}, true });
    }
    inputs.append({ QStringLiteral("ALTER TABLE nowhere ALTER COLUMN name TYPE text;"), 1,
        QStringLiteral("unknown.sql"), {}, true });

    Linter atOnce(17);
    const QList<QList<LintFinding>> found = atOnce.lintAll(inputs);
    QCOMPARE(found.size(), inputs.size());
    Linter inOrder(17);
    const auto summary = [](const QList<LintFinding> &findings) {
        QStringList lines;
        for (const LintFinding &finding : findings)
            lines.append(QStringLiteral("%1:%2 %3").arg(finding.rule).arg(finding.line).arg(finding.message));
        return lines;
    };
    for (qsizetype i = 0; i < inputs.size(); ++i)
        QCOMPARE(summary(found.at(i)), summary(inOrder.lint(inputs.at(i))));

    const auto rewrites = [&](qsizetype i) { return flaggedLines(found.at(i), QStringLiteral("column-type-rewrite")); };
    QCOMPARE(rewrites(150), QList<int>()); // t_0 widened
    QCOMPARE(rewrites(151), QList<int> { 1 }); // t_1 narrowed
    QCOMPARE(rewrites(300), QList<int>()); // t_0 again: varchar(40) to text
    QCOMPARE(rewrites(inputs.size() - 1), QList<int> { 1 }); // a column nothing made
    const auto unknown = std::find_if(found.constLast().cbegin(), found.constLast().cend(),
        [](const LintFinding &finding) { return finding.rule == QLatin1String("column-type-rewrite"); });
    QVERIFY(unknown != found.constLast().cend() && unknown->message.contains(QLatin1String("unknown here")));
}

void LintTest::syntaxErrorIsAFinding()
{
    Linter linter(17);
    const QList<LintFinding> findings = linter.lint(
        { QStringLiteral("SELECT 1;\nALTER TABLE t ADD COLUM a int;"), 5, QStringLiteral("a.sql"), {}, true });
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().rule, QStringLiteral("syntax-error"));
    QCOMPARE(findings.first().severity, LintSeverity::Error);
    QCOMPARE(findings.first().line, 6);
    QVERIFY2(findings.first().message.contains(QLatin1String("syntax error")), qPrintable(findings.first().message));
}

QTEST_GUILESS_MAIN(LintTest)
#include "tst_lint.moc"
