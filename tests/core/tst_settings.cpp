#include "db/connectionsettings.h"
#include "project/projectsettings.h"
#include "util/inifile.h"

#include <QTest>

using namespace Retort;

class SettingsTest : public QObject
{
    Q_OBJECT
private slots:
    void readsIniLikeConfigParser();
    void rejectsUnknownRetortKeys();
    void parsesPostgresUrls();
    void parsesSqliteUrlsAsSqlAlchemyDoes();
    void rejectsBadUrls_data();
    void rejectsBadUrls();
    void neverShowsPasswords();
    void keepsTheSqlAlchemyDriver();
    void readsThePythonAndTheEnvironmentMapping();
};

void SettingsTest::readsIniLikeConfigParser()
{
    const QString text = QStringLiteral("# comment\n[DEFAULT]\nbase = %(here)s/db\n\n[alembic]\n"
                                        "script_location = %(base)s/migrations\nVersion_Locations = a\n  b\n  c\n"
                                        "; another comment\nsqlalchemy.url: postgresql://x/%%y\n");
    auto ini = IniFile::parse(text, QStringLiteral("/srv/app/alembic.ini"));
    QVERIFY(ini.ok());
    QCOMPARE(ini->value(QStringLiteral("alembic"), QStringLiteral("script_location")),
        QStringLiteral("/srv/app/db/migrations"));
    QCOMPARE(ini->value(QStringLiteral("alembic"), QStringLiteral("version_locations")), QStringLiteral("a\nb\nc"));
    QCOMPARE(
        ini->value(QStringLiteral("alembic"), QStringLiteral("sqlalchemy.url")), QStringLiteral("postgresql://x/%y"));
    QCOMPARE(ini->line(QStringLiteral("alembic"), QStringLiteral("script_location")), 6);
    QCOMPARE(
        ini->value(QStringLiteral("alembic"), QStringLiteral("missing"), QStringLiteral("fb")), QStringLiteral("fb"));

    auto bad = IniFile::parse(QStringLiteral("[a]\nno value here\n"), QStringLiteral("x.ini"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().line, 2);
}

void SettingsTest::rejectsUnknownRetortKeys()
{
    auto ini = IniFile::parse(
        QStringLiteral("[retort]\nversion_table = my_versions\nbackup_foldr = x\n"), QStringLiteral("retort.ini"));
    QVERIFY(ini.ok());
    auto settings = ProjectSettings::fromIni(*ini);
    QVERIFY(!settings.ok());
    QCOMPARE(settings.error().line, 3);
    QVERIFY(settings.error().message.contains(QStringLiteral("backup_foldr")));

    auto good = IniFile::parse(
        QStringLiteral("[retort]\nversion_table = my_versions\nproduction = yes\n"), QStringLiteral("retort.ini"));
    auto parsed = ProjectSettings::fromIni(*good);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->versionTable, QStringLiteral("my_versions"));
    QVERIFY(parsed->production);

    auto injection =
        IniFile::parse(QStringLiteral("[retort]\nversion_table = x; DROP TABLE y\n"), QStringLiteral("retort.ini"));
    QVERIFY(!ProjectSettings::fromIni(*injection).ok());
}

void SettingsTest::keepsTheSqlAlchemyDriver()
{
    auto async = ConnectionSettings::fromUrl(QStringLiteral("postgresql+asyncpg://app:secret@db:5433/radex_a"));
    QVERIFY(async.ok());
    QCOMPARE(async->driver, QStringLiteral("asyncpg"));
    QCOMPARE(async->url(), QStringLiteral("postgresql+asyncpg://app:secret@db:5433/radex_a"));
    auto plain = ConnectionSettings::fromUrl(QStringLiteral("postgresql://app@db/radex_a"));
    QVERIFY(plain.ok());
    QCOMPARE(plain->driver, QString());
    QCOMPARE(plain->url(), QStringLiteral("postgresql://app@db/radex_a"));
}

void SettingsTest::readsThePythonAndTheEnvironmentMapping()
{
    auto ini = IniFile::parse(QStringLiteral("[retort]\npython = .venv/bin/python\n\n[retort.env]\nDB_HOST = host\n"
                                             "db_name = Database\nDATABASE_URI = url\n"),
        QStringLiteral("/p/retort.ini"));
    QVERIFY(ini.ok());
    auto settings = ProjectSettings::fromIni(*ini);
    QVERIFY2(settings.ok(), qPrintable(settings ? QString() : settings.error().toString()));
    QCOMPARE(settings->python, QStringLiteral(".venv/bin/python"));
    QCOMPARE(settings->pythonDefinedAt, QStringLiteral("/p/retort.ini:2"));
    const QList<std::pair<QString, QString>> expected = { { QStringLiteral("DB_HOST"), QStringLiteral("host") },
        { QStringLiteral("DB_NAME"), QStringLiteral("database") },
        { QStringLiteral("DATABASE_URI"), QStringLiteral("url") } };
    QCOMPARE(settings->environment, expected);

    // The password never goes into the environment: a passfile carries it.
    auto password = IniFile::parse(
        QStringLiteral("[retort.env]\nDB_HOST = host\nDB_PASSWORD = password\n"), QStringLiteral("a.ini"));
    auto refused = ProjectSettings::fromIni(*password);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().line, 3);
    QVERIFY2(refused.error().message.contains(QStringLiteral("PGPASSFILE")), qPrintable(refused.error().message));
}

void SettingsTest::parsesPostgresUrls()
{
    auto settings = ConnectionSettings::fromUrl(
        QStringLiteral("postgresql+psycopg2://app%40corp:p%40ss@db.example.com:6543/prod?sslmode=require"));
    QVERIFY2(settings.ok(), qPrintable(settings ? QString() : settings.error().toString()));
    QCOMPARE(settings->dialect, Dialect::PostgreSQL);
    QCOMPARE(settings->user, QStringLiteral("app@corp"));
    QCOMPARE(settings->password, QStringLiteral("p@ss"));
    QCOMPARE(settings->host, QStringLiteral("db.example.com"));
    QCOMPARE(settings->port, 6543);
    QCOMPARE(settings->database, QStringLiteral("prod"));
    QCOMPARE(settings->libpqOptions(), QStringLiteral("sslmode=require"));

    auto socket = ConnectionSettings::fromUrl(QStringLiteral("postgres:///app?host=/run/postgresql"));
    QVERIFY(socket.ok());
    QCOMPARE(socket->host, QStringLiteral("/run/postgresql"));
    QCOMPARE(socket->database, QStringLiteral("app"));
    QCOMPARE(socket->port, -1);
}

void SettingsTest::parsesSqliteUrlsAsSqlAlchemyDoes()
{
    auto relative = ConnectionSettings::fromUrl(QStringLiteral("sqlite:///data/app.db"), QStringLiteral("/srv"));
    QVERIFY(relative.ok());
    QCOMPARE(relative->dialect, Dialect::SQLite);
    QCOMPARE(relative->sqlitePath, QStringLiteral("/srv/data/app.db"));
    auto absolute = ConnectionSettings::fromUrl(QStringLiteral("sqlite:////var/lib/app.db"), QStringLiteral("/srv"));
    QVERIFY(absolute.ok());
    QCOMPARE(absolute->sqlitePath, QStringLiteral("/var/lib/app.db"));
    QCOMPARE(absolute->url(), QStringLiteral("sqlite:////var/lib/app.db"));
}

void SettingsTest::rejectsBadUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");
    QTest::newRow("no-scheme") << QStringLiteral("localhost/db") << QStringLiteral("is not a database URL");
    QTest::newRow("mysql") << QStringLiteral("mysql://u@h/db") << QStringLiteral("unsupported database \"mysql\"");
    QTest::newRow("unknown-parameter") << QStringLiteral("postgresql://u@h/db?sslmod=require")
                                       << QStringLiteral("unknown connection parameter \"sslmod\"");
    QTest::newRow("sqlite-without-path") << QStringLiteral("sqlite://app.db")
                                         << QStringLiteral("sqlite:///relative/path");
}

void SettingsTest::rejectsBadUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    auto settings = ConnectionSettings::fromUrl(url);
    QVERIFY(!settings.ok());
    QVERIFY2(settings.error().message.contains(message), qPrintable(settings.error().message));
}

void SettingsTest::neverShowsPasswords()
{
    auto settings = ConnectionSettings::fromUrl(QStringLiteral("postgresql://app:s3cret@db:5432/prod"));
    QVERIFY(settings.ok());
    QVERIFY(!settings->redactedUrl().contains(QStringLiteral("s3cret")));
    QVERIFY(!settings->displayName().contains(QStringLiteral("s3cret")));
    QVERIFY(settings->url().contains(QStringLiteral("s3cret")));
    QCOMPARE(redactPasswords(QStringLiteral("failed for postgresql://app:s3cret@db/prod and password=s3cret x")),
        QStringLiteral("failed for postgresql://app:***@db/prod and password=*** x"));
    auto bad = ConnectionSettings::fromUrl(QStringLiteral("mysql://app:s3cret@db/x"));
    QVERIFY(!bad.error().message.contains(QStringLiteral("s3cret")));
}

QTEST_GUILESS_MAIN(SettingsTest)
#include "tst_settings.moc"
