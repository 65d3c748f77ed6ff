#include "db/serverprobe.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Retort;

class ServerProbeTest : public QObject
{
    Q_OBJECT
private slots:
    void reportsThePostgresVersion();
    void wrongPasswordIsAClearErrorWithoutThePassword();
    void reportsTheSqliteVersionWithoutCreatingFiles();
};

void ServerProbeTest::reportsThePostgresVersion()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    Result<QString> version = probeServer(scratch.settings());
    QVERIFY2(version.ok(), qPrintable(version ? QString() : version.error().toString()));
    QVERIFY2(version->startsWith(QStringLiteral("PostgreSQL ")), qPrintable(*version));
}

void ServerProbeTest::wrongPasswordIsAClearErrorWithoutThePassword()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    ConnectionSettings settings = scratch.settings();
    settings.password = QStringLiteral("not-the-password-xyzzy");
    Result<QString> version = probeServer(settings);
    QVERIFY(!version.ok());
    const QString message = version.error().toString();
    QVERIFY2(message.contains(QStringLiteral("password authentication failed")), qPrintable(message));
    QVERIFY2(message.contains(settings.displayName()), qPrintable(message));
    QVERIFY(!message.contains(settings.password));
}

void ServerProbeTest::reportsTheSqliteVersionWithoutCreatingFiles()
{
    QTemporaryDir dir;
    ConnectionSettings settings;
    settings.dialect = Dialect::SQLite;
    settings.sqlitePath = dir.filePath(QStringLiteral("missing.db"));
    QVERIFY(!probeServer(settings).ok());
    QVERIFY(!QFile::exists(settings.sqlitePath));

    QFile(settings.sqlitePath).open(QIODevice::WriteOnly); // an empty file is an empty database
    Result<QString> version = probeServer(settings);
    QVERIFY2(version.ok(), qPrintable(version ? QString() : version.error().toString()));
    QVERIFY2(version->startsWith(QStringLiteral("SQLite 3.")), qPrintable(*version));
}

QTEST_GUILESS_MAIN(ServerProbeTest)
#include "tst_serverprobe.moc"
