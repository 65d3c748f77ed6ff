// retort-cli lint: exit codes, every output format (SARIF checked against
// the 2.1.0 schema's required shape), --rules, a native project and its
// [retort.lint] settings, an Alembic revision's op.* calls, and the live
// checks against real tables with real rows, run as a role that can only
// read (and under default_transaction_read_only): what lint reads decides
// the data checks, and it writes nothing.
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Retort;

class LintCliTest : public QObject
{
    Q_OBJECT
private slots:
    void exitCodes_data();
    void exitCodes();
    void formats_data();
    void formats();
    void sarifHasTheSchemaShape();
    void rulesReference();
    void nativeProjectWithSettings();
    void alembicOperations();
    void liveChecksAsAReadOnlyRole();
};

namespace {

Test::ProcessResult lint(const QStringList &arguments, const QString &directory = {}, const QStringList &env = {})
{
    return Test::runProcess(Test::cliExecutable(), QStringList { QStringLiteral("lint") } + arguments, directory, env);
}

QString writeSql(const Test::TemporaryProject &folder, const QString &name, const QByteArray &sql)
{
    return folder.writeFile(name, sql);
}

QJsonArray findingsOf(const Test::ProcessResult &result)
{
    return QJsonDocument::fromJson(result.out.toUtf8()).object().value(QLatin1String("findings")).toArray();
}

QJsonObject findingFor(const QJsonArray &findings, const QString &rule)
{
    for (const QJsonValue &value : findings) {
        if (value.toObject().value(QLatin1String("rule")).toString() == rule)
            return value.toObject();
    }
    return {};
}

const QByteArray kRisky = "SET lock_timeout = '1s';\nSET statement_timeout = '1min';\n"
                          "CREATE INDEX ix ON orders (customer_id);\n"
                          "ALTER TABLE users ADD COLUMN plan text NOT NULL;\n";

} // namespace

void LintCliTest::exitCodes_data()
{
    QTest::addColumn<QByteArray>("sql");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("code");
    QTest::newRow("error-finding") << kRisky << QStringList {} << 1;
    QTest::newRow("warnings-only") << QByteArray("CREATE INDEX ix ON orders (a);\n") << QStringList {} << 0;
    QTest::newRow("clean") << QByteArray("CREATE TABLE t (id bigint PRIMARY KEY);\n") << QStringList {} << 0;
    QTest::newRow("syntax-error") << QByteArray("CREAT TABLE t (id int);\n") << QStringList {} << 1;
    QTest::newRow("bad-format") << kRisky << QStringList { QStringLiteral("--format"), QStringLiteral("xml") } << 2;
    QTest::newRow("bad-pg-version") << kRisky << QStringList { QStringLiteral("--pg-version"), QStringLiteral("x") }
                                    << 2;
}

void LintCliTest::exitCodes()
{
    QFETCH(QByteArray, sql);
    QFETCH(QStringList, extra);
    QFETCH(int, code);
    Test::TemporaryProject folder;
    const QString file = writeSql(folder, QStringLiteral("m.sql"), sql);
    const Test::ProcessResult result = lint(extra + QStringList { file }, folder.path());
    QCOMPARE(result.exitCode, code);
}

void LintCliTest::formats_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expected"); // a line the output must hold
    QTest::newRow("text") << QStringLiteral("text")
                          << QStringLiteral("m.sql:4:1: error [not-null-without-default] plan is NOT NULL without a "
                                            "DEFAULT: the statement fails if users has any row");
    QTest::newRow("github") << QStringLiteral("github")
                            << QStringLiteral(
                                   "::error file=m.sql,line=4,endLine=4,title=not-null-without-default::plan "
                                   "is NOT NULL without a DEFAULT: the statement fails if users has any row");
    QTest::newRow("json") << QStringLiteral("json") << QStringLiteral("\"rule\": \"create-index-blocking\"");
}

void LintCliTest::formats()
{
    QFETCH(QString, format);
    QFETCH(QString, expected);
    Test::TemporaryProject folder;
    writeSql(folder, QStringLiteral("m.sql"), kRisky);
    const Test::ProcessResult result =
        lint({ QStringLiteral("--format"), format, QStringLiteral("m.sql") }, folder.path());
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains(expected), qPrintable(result.out));
}

void LintCliTest::sarifHasTheSchemaShape()
{
    Test::TemporaryProject folder;
    writeSql(folder, QStringLiteral("m.sql"), kRisky);
    const Test::ProcessResult result =
        lint({ QStringLiteral("--format"), QStringLiteral("sarif"), QStringLiteral("m.sql") }, folder.path());
    QCOMPARE(result.exitCode, 1);
    QJsonParseError error;
    const QJsonObject log = QJsonDocument::fromJson(result.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    // What the SARIF 2.1.0 schema requires: version, runs[].tool.driver.name,
    // results[].message.text; reportingDescriptor.id; levels from its enum.
    QCOMPARE(log.value(QLatin1String("version")).toString(), QStringLiteral("2.1.0"));
    QVERIFY(log.value(QLatin1String("$schema")).toString().contains(QLatin1String("sarif-2.1.0")));
    const QJsonArray runs = log.value(QLatin1String("runs")).toArray();
    QCOMPARE(runs.size(), 1);
    const QJsonObject driver =
        runs.first().toObject().value(QLatin1String("tool")).toObject().value(QLatin1String("driver")).toObject();
    QCOMPARE(driver.value(QLatin1String("name")).toString(), QStringLiteral("retort"));
    const QJsonArray rules = driver.value(QLatin1String("rules")).toArray();
    QVERIFY(rules.size() >= 40);
    for (const QJsonValue &rule : rules) {
        QVERIFY(!rule.toObject().value(QLatin1String("id")).toString().isEmpty());
        QVERIFY(!rule.toObject()
                     .value(QLatin1String("shortDescription"))
                     .toObject()
                     .value(QLatin1String("text"))
                     .toString()
                     .isEmpty());
    }
    const QJsonArray results = runs.first().toObject().value(QLatin1String("results")).toArray();
    QCOMPARE(results.size(), 2);
    const QStringList levels = { QStringLiteral("none"), QStringLiteral("note"), QStringLiteral("warning"),
        QStringLiteral("error") };
    for (const QJsonValue &value : results) {
        const QJsonObject result = value.toObject();
        const QString ruleId = result.value(QLatin1String("ruleId")).toString();
        QCOMPARE(
            rules.at(result.value(QLatin1String("ruleIndex")).toInt()).toObject().value(QLatin1String("id")).toString(),
            ruleId);
        QVERIFY(levels.contains(result.value(QLatin1String("level")).toString()));
        QVERIFY(!result.value(QLatin1String("message")).toObject().value(QLatin1String("text")).toString().isEmpty());
        const QJsonObject location = result.value(QLatin1String("locations"))
                                         .toArray()
                                         .first()
                                         .toObject()
                                         .value(QLatin1String("physicalLocation"))
                                         .toObject();
        QCOMPARE(location.value(QLatin1String("artifactLocation")).toObject().value(QLatin1String("uri")).toString(),
            QStringLiteral("m.sql"));
        const QJsonObject region = location.value(QLatin1String("region")).toObject();
        QVERIFY(region.value(QLatin1String("startLine")).toInt() >= 1);
        QVERIFY(region.value(QLatin1String("startColumn")).toInt() >= 1);
        QVERIFY(region.value(QLatin1String("endLine")).toInt() >= region.value(QLatin1String("startLine")).toInt());
    }
}

void LintCliTest::rulesReference()
{
    const Test::ProcessResult result = lint({ QStringLiteral("--rules") });
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains(QLatin1String("  create-index-blocking (warning): CREATE INDEX without CONCURRENTLY")));
    QVERIFY(result.out.contains(QLatin1String("also in: squawk: require-concurrent-index-creation")));
}

void LintCliTest::nativeProjectWithSettings()
{
    Test::TemporaryProject project;
    project.writeFile(QStringLiteral("retort.ini"),
        "[retort.lint]\ndisabled = missing-lock-timeout, missing-statement-timeout\nseverity = drop-column:error\n");
    project.writeRevision(QStringLiteral("a1.sql"),
        Test::TemporaryProject::nativeRevision(QStringLiteral("a1"), {}, QStringLiteral("tables"), {},
            QStringLiteral(
                "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX ix ON users (email);")));
    project.writeRevision(QStringLiteral("b2.sql"),
        Test::TemporaryProject::nativeRevision(QStringLiteral("b2"), QStringLiteral("a1"), QStringLiteral("drop"),
            QStringLiteral("-- transactional: false\n"),
            QStringLiteral("CREATE INDEX CONCURRENTLY ix2 ON users (id);\nALTER TABLE users DROP COLUMN email;")));
    // The whole project: the index on the table created in the same
    // migration is not flagged; the drop is an error by the settings.
    Test::ProcessResult result = lint({ QStringLiteral("--format"), QStringLiteral("json") }, project.path());
    QCOMPARE(result.exitCode, 1);
    QJsonArray findings = findingsOf(result);
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().toObject().value(QLatin1String("rule")).toString(), QStringLiteral("drop-column"));
    QCOMPARE(findings.first().toObject().value(QLatin1String("severity")).toString(), QStringLiteral("error"));
    QCOMPARE(findings.first().toObject().value(QLatin1String("revision")).toString(), QStringLiteral("b2"));
    // A range: only a1.
    result = lint({ QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("base:a1") }, project.path());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(findingsOf(result).size(), 0);
    // A bad range is bad input.
    result = lint({ QStringLiteral("nope") }, project.path());
    QCOMPARE(result.exitCode, 2);
}

void LintCliTest::alembicOperations()
{
    Test::TemporaryProject folder;
    folder.writeFile(QStringLiteral("a1_ops.py"),
        "\"\"\"ops\n\nRevision ID: a1\nRevises:\nCreate Date: 2026-01-01 00:00:00\n\n\"\"\"\n"
        "from alembic import op\nimport sqlalchemy as sa\n\nrevision = 'a1'\ndown_revision = None\n\n"
        "def upgrade():\n"
        "    op.add_column('users', sa.Column('plan', sa.Text(), nullable=False))\n"
        "    op.add_column('users', sa.Column('tier', sa.Text(), nullable=False, server_default='free'))\n"
        "    op.create_index('ix_users_email', 'users', ['email'])\n"
        "    op.create_index('ix_users_name', 'users', ['name'], postgresql_concurrently=True)\n"
        "    op.create_foreign_key('fk_orders_user', 'orders', 'users', ['user_id'], ['id'])\n"
        "    op.alter_column('users', 'age', type_=sa.BigInteger())\n"
        "    op.drop_column('users', 'legacy')\n"
        "    op.execute(\"UPDATE users SET plan = 'free'\")\n\n"
        "def downgrade():\n    op.drop_column('users', 'plan')\n");
    const Test::ProcessResult result =
        lint({ QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("a1_ops.py") }, folder.path());
    QCOMPARE(result.exitCode, 1);
    QStringList seen;
    for (const QJsonValue &value : findingsOf(result)) {
        const QJsonObject finding = value.toObject();
        seen.append(QStringLiteral("%1:%2")
                        .arg(finding.value(QLatin1String("line")).toInt())
                        .arg(finding.value(QLatin1String("rule")).toString()));
    }
    const QStringList expected = { QStringLiteral("15:not-null-without-default"),
        QStringLiteral("17:create-index-blocking"), QStringLiteral("18:concurrently-in-transaction"),
        QStringLiteral("19:foreign-key-not-valid"), QStringLiteral("20:column-type-rewrite"),
        QStringLiteral("21:drop-column"), QStringLiteral("22:update-without-where") };
    for (const QString &finding : expected)
        QVERIFY2(seen.contains(finding), qPrintable(seen.join(QLatin1Char(' '))));
    QVERIFY2(!seen.contains(QStringLiteral("16:not-null-without-default")), qPrintable(seen.join(QLatin1Char(' '))));
}

void LintCliTest::liveChecksAsAReadOnlyRole()
{
    Test::ScratchPostgresDatabase scratch;
    if (!scratch.isValid())
        QSKIP(qPrintable(scratch.error()));
    auto admin = scratch.connect();
    QVERIFY(admin);
    QSqlQuery query(admin->database());
    const QStringList setup = {
        QStringLiteral("CREATE TABLE parents (id bigint PRIMARY KEY)"),
        QStringLiteral("INSERT INTO parents SELECT g FROM generate_series(1, 10) g"),
        QStringLiteral("CREATE TABLE users (id bigint, email text, n int, parent_id bigint, nick text)"),
        QStringLiteral("INSERT INTO users SELECT g, CASE WHEN g <= 3 THEN NULL ELSE 'u' || (g % 50) END, g - 2, "
                       "CASE WHEN g % 25 = 0 THEN 999 ELSE 1 + g % 10 END, 'n' || g FROM generate_series(1, 100) g"),
        QStringLiteral("ANALYZE users"),
    };
    for (const QString &sql : setup)
        QVERIFY2(query.exec(sql), qPrintable(sql + QLatin1String(": ") + query.lastError().text()));
    // pg_read_all_stats: to see other sessions' state and query (who holds
    // a lock), as a monitoring role does.
    const Test::ReadOnlyRole reader(
        scratch.settings(), QStringLiteral("lint_reader"), { QStringLiteral("pg_read_all_stats") });
    QVERIFY2(reader.isValid(), qPrintable(reader.error()));

    Test::TemporaryProject folder;
    writeSql(folder, QStringLiteral("m.sql"),
        "SET lock_timeout = '1s';\nSET statement_timeout = '1min';\n"
        "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
        "ALTER TABLE users ALTER COLUMN nick SET NOT NULL;\n"
        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n"
        "ALTER TABLE users ADD CONSTRAINT users_nick_key UNIQUE (nick);\n"
        "ALTER TABLE users ADD CONSTRAINT users_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id);\n"
        "ALTER TABLE users ADD CONSTRAINT users_n_check CHECK (n >= 0);\n"
        "ALTER TABLE users ADD COLUMN plan text NOT NULL;\n");
    // The URL in the environment, not in argv.
    const QStringList env = { QStringLiteral("DATABASE_URL=") + reader.settings().url() };

    // Someone idle in a transaction that has read users: it holds a lock.
    QSqlDatabase other = QSqlDatabase::cloneDatabase(admin->database(), QStringLiteral("lint-idle"));
    QVERIFY(other.open());
    QVERIFY(other.transaction());
    QSqlQuery hold(other);
    QVERIFY(hold.exec(QStringLiteral("SELECT count(*) FROM users")));

    Test::ProcessResult result =
        lint({ QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("m.sql") }, folder.path(), env);
    other.rollback();
    other.close();
    QCOMPARE(result.exitCode, 1);
    const QJsonArray findings = findingsOf(result);
    // The live facts of every finding of a rule, as one text to search.
    const auto live = [&](const QString &rule) {
        QStringList texts;
        for (const QJsonValue &value : findings) {
            const QJsonObject finding = value.toObject();
            if (finding.value(QLatin1String("rule")).toString() == rule)
                texts.append(QString::fromUtf8(
                    QJsonDocument(finding.value(QLatin1String("live")).toObject()).toJson(QJsonDocument::Compact)));
        }
        return texts.join(QLatin1Char('\n'));
    };
    const QJsonObject nulls =
        findingFor(findings, QStringLiteral("set-not-null-scan")).value(QLatin1String("live")).toObject();
    QCOMPARE(nulls.value(QLatin1String("rowEstimate")).toInteger(), 100);
    QVERIFY(nulls.value(QLatin1String("totalBytes")).toInteger() > 0);
    QCOMPARE(nulls.value(QLatin1String("dataCheck")).toString(),
        QStringLiteral("3 rows with NULL in email: the statement will fail"));
    QCOMPARE(nulls.value(QLatin1String("dataCheckFails")).toBool(), true);
    QVERIFY2(nulls.value(QLatin1String("blockers"))
                 .toArray()
                 .first()
                 .toString()
                 .contains(QLatin1String("idle in transaction")),
        QJsonDocument(nulls).toJson().constData());
    const auto has = [&](const QString &rule, const QString &text) {
        const QString facts = live(rule);
        if (!facts.contains(text))
            qWarning("%s", qPrintable(facts));
        return facts.contains(text);
    };
    QVERIFY(has(
        QStringLiteral("set-not-null-scan"), QStringLiteral("no rows with NULL in nick: the statement will succeed")));
    QVERIFY(has(QStringLiteral("unique-without-index"),
        QStringLiteral("47 duplicated values of (email): the statement will fail")));
    QVERIFY(has(QStringLiteral("unique-without-index"),
        QStringLiteral("no duplicated values of (nick): the statement will succeed")));
    QVERIFY(has(QStringLiteral("foreign-key-not-valid"),
        QStringLiteral("4 rows whose parent_id has no row in parents: the statement will fail")));
    QVERIFY(has(
        QStringLiteral("check-not-valid"), QStringLiteral("1 row violating CHECK (n >= 0): the statement will fail")));
    QVERIFY(has(QStringLiteral("not-null-without-default"), QStringLiteral("\"dataCheckFails\":true")));

    // Above the scan limit: estimates only, and the finding says why.
    result = lint({ QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--scan-limit"),
                      QStringLiteral("0"), QStringLiteral("m.sql") },
        folder.path(), env);
    const QJsonObject skipped =
        findingFor(findingsOf(result), QStringLiteral("set-not-null-scan")).value(QLatin1String("live")).toObject();
    QVERIFY2(skipped.value(QLatin1String("note")).toString().startsWith(QLatin1String("data check skipped")),
        QJsonDocument(skipped).toJson().constData());
    QVERIFY(!skipped.contains(QLatin1String("dataCheck")));
    QCOMPARE(skipped.value(QLatin1String("rowEstimate")).toInteger(), 100);

    // Nothing was written: the rows are as they were.
    QVERIFY(query.exec(QStringLiteral("SELECT count(*), count(email) FROM users")) && query.next());
    QCOMPARE(query.value(0).toInt(), 100);
    QCOMPARE(query.value(1).toInt(), 97);
}

QTEST_GUILESS_MAIN(LintCliTest)
#include "tst_lintcli.moc"
