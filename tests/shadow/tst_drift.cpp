// Drift: the live schema against the schema the version rows imply. A
// column added by hand is found and the nearest revision named; a database
// stamped wrongly is matched to the revision it really is at; drift, diff
// and check only read the target (a read-only role proves it); an Alembic
// project's drift is judged against its migrations replayed through Alembic.
#include "shadow/driftcheck.h"
#include "shadowtestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Retort;
using namespace Retort::Test;

namespace {

const QString kHead = QStringLiteral("b0e6d4a2f8c5");

// Changes the database behind Retort's back: psql for PostgreSQL (as a DBA
// would), the sqlite3 library for SQLite.
bool byHand(const ConnectionSettings &settings, const QString &sql)
{
    if (settings.dialect == Dialect::PostgreSQL) {
        const ProcessResult result = runProcess(QStringLiteral("psql"),
            { QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), settings.conninfo(),
                QStringLiteral("-c"), sql },
            {}, { QStringLiteral("PGPASSWORD=") + settings.password });
        if (result.exitCode != 0)
            qWarning("%s", qPrintable(result.err));
        return result.exitCode == 0;
    }
    auto connection = DatabaseConnection::open(settings);
    if (!connection)
        return false;
    QSqlQuery query((*connection)->database());
    return query.exec(sql);
}

} // namespace

class TestDrift : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_cache.isValid()); }
    void noDriftAfterARealUpgrade_data() { addDialectRows(); }
    void noDriftAfterARealUpgrade();
    void columnAddedByHand_data() { addDialectRows(); }
    void columnAddedByHand();
    void wronglyStampedDatabaseIsMatched_data() { addDialectRows(); }
    void wronglyStampedDatabaseIsMatched();
    void cli();
    void readOnlyRoleIsEnough();
    void alembicProject();
    void waysOutOfDrift();

private:
    SnapshotCache cache() const { return SnapshotCache(m_cache.path()); }
    QStringList cliEnvironment() const { return { QStringLiteral("XDG_CACHE_HOME=") + m_cache.path() }; }

    QTemporaryDir m_cache;
};

void TestDrift::noDriftAfterARealUpgrade()
{
    QFETCH(QString, dialect);
    const Dialect d = dialectFromName(dialect);
    RETORT_SKIP_WITHOUT_POSTGRES(d);
    const Project project = loadDemoProject();
    ScratchDatabase target(d);
    QVERIFY(target.isValid());
    QVERIFY(migrateTo(project, target.settings(), QStringLiteral("heads")));
    DriftCheck drift(project, shadowFor(d), cache());
    Result<DriftReport> report = drift.check(target.settings(), { kHead });
    QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
    QCOMPARE(report->diff, QString());
    QVERIFY(!report->drifted());
    QCOMPARE(report->expected, report->live);
    QVERIFY(!report->lookAlike);
}

void TestDrift::columnAddedByHand()
{
    QFETCH(QString, dialect);
    const Dialect d = dialectFromName(dialect);
    RETORT_SKIP_WITHOUT_POSTGRES(d);
    const Project project = loadDemoProject();
    ScratchDatabase target(d);
    QVERIFY(target.isValid());
    QVERIFY(migrateTo(project, target.settings(), QStringLiteral("heads")));
    QVERIFY(byHand(target.settings(), QStringLiteral("ALTER TABLE users ADD COLUMN nickname text")));

    DriftCheck drift(project, shadowFor(d), cache());
    Result<DriftReport> report = drift.check(target.settings(), { kHead });
    QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
    QVERIFY(report->drifted());
    QVERIFY2(report->diff.contains(QLatin1String("nickname")), qPrintable(report->diff));
    QVERIFY(report->lookAlike);
    // No revision has that column: the nearest is where it claims to be.
    QCOMPARE(report->lookAlike->versionRows, QStringList { kHead });
    QVERIFY(!report->lookAlike->exact());
    QVERIFY(report->lookAlike->diff.contains(QLatin1String("nickname")));
}

void TestDrift::wronglyStampedDatabaseIsMatched()
{
    QFETCH(QString, dialect);
    const Dialect d = dialectFromName(dialect);
    RETORT_SKIP_WITHOUT_POSTGRES(d);
    const Project project = loadDemoProject();
    ScratchDatabase target(d);
    QVERIFY(target.isValid());
    // Really at 7d3b1f9c4e26 (last login), but the version table says head:
    // the guide's "Migration History Out of Sync".
    QVERIFY(migrateTo(project, target.settings(), QStringLiteral("7d3b1f9c4e26")));
    QVERIFY(byHand(target.settings(), QStringLiteral("UPDATE alembic_version SET version_num = '%1'").arg(kHead)));

    DriftCheck drift(project, shadowFor(d), cache());
    Result<DriftReport> report = drift.check(target.settings(), { kHead });
    QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
    QVERIFY(report->drifted());
    QVERIFY(report->lookAlike);
    QCOMPARE(report->lookAlike->versionRows, QStringList { QStringLiteral("7d3b1f9c4e26") });
    QVERIFY(report->lookAlike->exact());
    QCOMPARE(report->lookAlike->diff, QString());
}

void TestDrift::cli()
{
    TemporaryProject folder;
    folder.copyFrom(demoProjectDirectory());
    const Project project = loadProject(folder);
    ScratchDatabase target(Dialect::SQLite);
    QVERIFY(migrateTo(project, target.settings(), QStringLiteral("heads")));
    const QStringList db = { QStringLiteral("-p"), folder.path(), QStringLiteral("--db"),
        QStringLiteral("sqlite:///") + target.settings().sqlitePath };

    ProcessResult result =
        runProcess(cliExecutable(), db + QStringList { QStringLiteral("drift") }, {}, cliEnvironment());
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith(QLatin1String("drift: none")), qPrintable(result.out + result.err));

    QVERIFY(byHand(target.settings(), QStringLiteral("DROP INDEX ix_audit_log_created_at")));
    result = runProcess(
        cliExecutable(), db + QStringList { QStringLiteral("--json"), QStringLiteral("drift") }, {}, cliEnvironment());
    QCOMPARE(result.exitCode, 1);
    const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("drift")).toBool(), true);
    QVERIFY(
        json.value(QStringLiteral("diff")).toString().contains(QLatin1String("-CREATE INDEX ix_audit_log_created_at")));
    // No revision lacks only that index: the nearest is the head, one line away.
    const QJsonObject nearest = json.value(QStringLiteral("nearest")).toObject();
    QCOMPARE(nearest.value(QStringLiteral("exact")).toBool(), false);
    QCOMPARE(nearest.value(QStringLiteral("differing_lines")).toInt(), 1);
    QCOMPARE(nearest.value(QStringLiteral("version")).toArray(), QJsonArray { kHead });

    result = runProcess(cliExecutable(), db + QStringList { QStringLiteral("check") }, {}, cliEnvironment());
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains(QLatin1String("check: drift:")), qPrintable(result.out + result.err));
    QVERIFY2(result.out.contains(QLatin1String("no other revision is nearer")), qPrintable(result.out));
    result = runProcess(cliExecutable(), db + QStringList { QStringLiteral("check"), QStringLiteral("--no-drift") }, {},
        cliEnvironment());
    QCOMPARE(result.exitCode, 0);
}

void TestDrift::readOnlyRoleIsEnough()
{
    QString why;
    if (!postgresAvailable(&why))
        QSKIP(qPrintable(why));
    TemporaryProject folder;
    folder.copyFrom(demoProjectDirectory());
    const Project project = loadProject(folder);
    ScratchDatabase target(Dialect::PostgreSQL);
    QVERIFY(target.isValid());
    QVERIFY(migrateTo(project, target.settings(), QStringLiteral("f03b7a9e6d52")));
    const ReadOnlyRole reader(target.settings(), QStringLiteral("retort_reader"));
    QVERIFY2(reader.isValid(), qPrintable(reader.error()));
    const QString before = schemaOf(target.settings());
    const QStringList historyBefore =
        column(target.connect()->database(), QStringLiteral("SELECT count(*) FROM retort_meta.retort_history"));

    const QStringList environment =
        cliEnvironment() + QStringList { QStringLiteral("DATABASE_URL=") + reader.settings().url() };
    const QStringList project_ = { QStringLiteral("-p"), folder.path() };

    ProcessResult result =
        runProcess(cliExecutable(), project_ + QStringList { QStringLiteral("drift") }, {}, environment);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith(QLatin1String("drift: none")), qPrintable(result.out + result.err));
    result = runProcess(cliExecutable(), project_ + QStringList { QStringLiteral("diff") }, {}, environment);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(QLatin1String("d4e8c1f6b2a9")), qPrintable(result.out)); // the pending merge
    QVERIFY2(result.out.contains(QLatin1String("deleted_at")), qPrintable(result.out)); // soft delete, pending
    result = runProcess(
        cliExecutable(), project_ + QStringList { QStringLiteral("drift"), QStringLiteral("--sql") }, {}, environment);
    QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
    result = runProcess(cliExecutable(), project_ + QStringList { QStringLiteral("check") }, {}, environment);
    QCOMPARE(result.exitCode, 1); // pending migrations, but no drift
    QVERIFY2(!result.out.contains(QLatin1String("drift")), qPrintable(result.out + result.err));
    QVERIFY2(
        !result.err.contains(reader.password()) && !result.out.contains(reader.password()), qPrintable(result.err));
    QCOMPARE(schemaOf(target.settings()), before);

    // Privileges are schema: a grant made by hand is drift, to drift and
    // to the way back alike.
    QVERIFY(byHand(target.settings(), QStringLiteral("GRANT SELECT ON users TO PUBLIC")));
    result = runProcess(cliExecutable(), project_ + QStringList { QStringLiteral("drift") }, {}, environment);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains(QLatin1String("GRANT SELECT ON TABLE public.users TO PUBLIC")),
        qPrintable(result.out + result.err));
    result = runProcess(
        cliExecutable(), project_ + QStringList { QStringLiteral("drift"), QStringLiteral("--sql") }, {}, environment);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains(QLatin1String("REVOKE SELECT ON TABLE public.users FROM PUBLIC;")),
        qPrintable(result.out + result.err));
    QVERIFY(byHand(target.settings(), QStringLiteral("REVOKE SELECT ON users FROM PUBLIC")));
    QCOMPARE(column(target.connect()->database(), QStringLiteral("SELECT count(*) FROM retort_meta.retort_history")),
        historyBefore);
}

void TestDrift::waysOutOfDrift()
{
    QString why;
    if (!postgresAvailable(&why))
        QSKIP(qPrintable(why));
    TemporaryProject folder;
    folder.copyFrom(demoProjectDirectory());
    const Project project = loadProject(folder);
    ScratchDatabase target(Dialect::PostgreSQL);
    QVERIFY(target.isValid());
    QVERIFY(migrateTo(project, target.settings(), kHead));
    QVERIFY(byHand(target.settings(), QStringLiteral("ALTER TABLE api_keys ADD COLUMN note text")));
    const QString drifted = schemaOf(target.settings());
    const QStringList db = { QStringLiteral("-p"), folder.path(), QStringLiteral("--db"), target.settings().url() };

    // The SQL back to the revision: printed, never run.
    ProcessResult result = runProcess(
        cliExecutable(), db + QStringList { QStringLiteral("drift"), QStringLiteral("--sql") }, {}, cliEnvironment());
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(
        result.out.contains(QLatin1String("ALTER TABLE public.api_keys DROP COLUMN note;")), qPrintable(result.out));
    QVERIFY2(result.out.contains(QLatin1String("[deletes-data")), qPrintable(result.out));
    QCOMPARE(schemaOf(target.settings()), drifted);

    // Recorded as a revision after the database's, then stamped: no drift,
    // and the new revision's downgrade undoes it.
    result = runProcess(cliExecutable(),
        db +
            QStringList { QStringLiteral("drift"), QStringLiteral("--capture"), QStringLiteral("Record the note"),
                QStringLiteral("--rev-id"), QStringLiteral("cafe00000001") },
        {}, cliEnvironment());
    QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
    QVERIFY2(result.out.contains(QLatin1String("stamp cafe00000001")), qPrintable(result.out));
    QFile file(folder.versionsPath() + QStringLiteral("/cafe00000001_record_the_note.sql"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(QLatin1String("-- down_revision: ") + kHead), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("ALTER TABLE public.api_keys ADD COLUMN note text;")), qPrintable(text));
    QCOMPARE(schemaOf(target.settings()), drifted);
    result = runProcess(cliExecutable(), db + QStringList { QStringLiteral("stamp"), QStringLiteral("cafe00000001") },
        {}, cliEnvironment());
    QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
    result = runProcess(cliExecutable(), db + QStringList { QStringLiteral("drift") }, {}, cliEnvironment());
    QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
    result = runProcess(cliExecutable(), db + QStringList { QStringLiteral("verify"), QStringLiteral("cafe00000001") },
        {}, cliEnvironment());
    QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
}

// An Alembic project: its migrations are replayed through Alembic in the
// shadow, and the live schema is judged against that.
void TestDrift::alembicProject()
{
    QString why;
    if (!postgresAvailable(&why))
        QSKIP(qPrintable(why));
    TemporaryProject native;
    native.writeRevision(QStringLiteral("r1.sql"),
        revisionFile(QStringLiteral("r1"), {}, QStringLiteral("CREATE TABLE accounts (id int PRIMARY KEY, name text);"),
            QStringLiteral("DROP TABLE accounts;")));
    native.writeRevision(QStringLiteral("r2.sql"),
        revisionFile(QStringLiteral("r2"), QStringLiteral("r1"),
            QStringLiteral("CREATE TABLE orders (id int PRIMARY KEY, account int REFERENCES accounts);"),
            QStringLiteral("DROP TABLE orders;")));
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("app"));
    const QString made = writeAlembicCopy(native.path(), path, true);
    QVERIFY2(made.isEmpty(), qPrintable(made));
    ScratchDatabase target(Dialect::PostgreSQL);
    QVERIFY(target.isValid());
    const QStringList db = { QStringLiteral("-p"), path, QStringLiteral("--db"), target.settings().url() };

    ProcessResult result =
        runProcess(cliExecutable(), db + QStringList { QStringLiteral("upgrade") }, path, cliEnvironment());
    QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
    result = runProcess(cliExecutable(), db + QStringList { QStringLiteral("drift") }, path, cliEnvironment());
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith(QLatin1String("drift: none")), qPrintable(result.out + result.err));

    // A column added by hand is drift from r2.
    QVERIFY(byHand(target.settings(), QStringLiteral("ALTER TABLE accounts ADD COLUMN extra int")));
    result = runProcess(cliExecutable(), db + QStringList { QStringLiteral("--json"), QStringLiteral("drift") }, path,
        cliEnvironment());
    QCOMPARE(result.exitCode, 1);
    QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("drift")).toBool(), true);
    QVERIFY2(json.value(QStringLiteral("diff")).toString().contains(QLatin1String("+    extra integer")),
        qPrintable(result.out));

    // Without it, but stamped back at r1: the schema is r2's, and drift says so.
    QVERIFY(byHand(target.settings(), QStringLiteral("ALTER TABLE accounts DROP COLUMN extra")));
    QVERIFY(byHand(target.settings(), QStringLiteral("UPDATE alembic_version SET version_num = 'r1'")));
    result = runProcess(cliExecutable(), db + QStringList { QStringLiteral("--json"), QStringLiteral("drift") }, path,
        cliEnvironment());
    QCOMPARE(result.exitCode, 1);
    json = QJsonDocument::fromJson(result.out.toUtf8()).object();
    const QJsonObject nearest = json.value(QStringLiteral("nearest")).toObject();
    QCOMPARE(nearest.value(QStringLiteral("exact")).toBool(), true);
    QCOMPARE(nearest.value(QStringLiteral("version")).toArray(), QJsonArray { QStringLiteral("r2") });
}

QTEST_GUILESS_MAIN(TestDrift)
#include "tst_drift.moc"
