// What a backup folder's listing tells without running a tool: the date and
// revisions from the names BackupRunner gives, the format from the first
// bytes, unfinished backups, other files left out; and the version rows
// read out of pg_restore's SQL.
#include "backup/backupcatalog.h"
#include "backup/backupverifier.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Retort;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(std::optional<QStringList>)

namespace {

const QByteArray kPostgres("PGDMP\x01\x0f\x00", 8);
const QByteArray kSqlite("SQLite format 3\0 and more", 25);

void write(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

} // namespace

class BackupCatalogTest : public QObject
{
    Q_OBJECT
private slots:
    void describesAFile_data();
    void describesAFile();
    void listsNewestFirstAndOnlyBackups();
    void missingFolderHasNoBackups();
    void folderThatIsAFileIsAnError();
    void copiedRowsOfTheVersionTable_data();
    void copiedRowsOfTheVersionTable();
};

void BackupCatalogTest::describesAFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("created"); // UTC, ISO; empty: the file's time
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<bool>("rowsKnown");
    QTest::addColumn<BackupState>("state");

    QTest::newRow("postgresql-one-head") << u"shop-20261124-101500-ae1027a6acf2.dump"_s << kPostgres
                                         << u"2026-11-24T10:15:00Z"_s << QStringList { u"ae1027a6acf2"_s } << true
                                         << BackupState::VerifiedWhenMade;
    QTest::newRow("two-heads-and-a-second-in-the-same-second")
        << u"my-shop-20261124-101500-a1+b2-2.dump"_s << kPostgres << u"2026-11-24T10:15:00Z"_s
        << QStringList { u"a1"_s, u"b2"_s } << true << BackupState::VerifiedWhenMade;
    QTest::newRow("sqlite-at-base") << u"demo-20260102-030405-base.sqlite"_s << kSqlite << u"2026-01-02T03:04:05Z"_s
                                    << QStringList() << true << BackupState::VerifiedWhenMade;
    QTest::newRow("unfinished") << u"shop-20261124-101500-a1.dump.partial"_s << kPostgres << u"2026-11-24T10:15:00Z"_s
                                << QStringList { u"a1"_s } << true << BackupState::Unfinished;
    QTest::newRow("named-by-someone-else")
        << u"before-release.dump"_s << kPostgres << QString() << QStringList() << false << BackupState::NotVerified;
    QTest::newRow("not-a-backup") << u"shop-20261124-101500-a1.dump"_s << QByteArray("hello")
                                  << u"2026-11-24T10:15:00Z"_s << QStringList { u"a1"_s } << true
                                  << BackupState::Unreadable;
}

void BackupCatalogTest::describesAFile()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, created);
    QFETCH(QStringList, rows);
    QFETCH(bool, rowsKnown);
    QFETCH(BackupState, state);
    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    write(path, content);
    Result<BackupFile> file = BackupCatalog::describe(path);
    QVERIFY(file.ok());
    QCOMPARE(file->path, path);
    QCOMPARE(file->bytes, qint64(content.size()));
    QCOMPARE(file->versionRows, rows);
    QCOMPARE(file->versionRowsKnown, rowsKnown);
    QCOMPARE(file->state(), state);
    if (created.isEmpty())
        QCOMPARE(file->createdAt, QFileInfo(path).lastModified().toUTC());
    else
        QCOMPARE(file->createdAt.toString(Qt::ISODate), created);
}

void BackupCatalogTest::listsNewestFirstAndOnlyBackups()
{
    QTemporaryDir dir;
    write(dir.filePath(u"shop-20261124-101500-a1.dump"_s), kPostgres);
    write(dir.filePath(u"shop-20261125-080000-b2.dump"_s), kPostgres);
    write(dir.filePath(u"shop-20261123-235959-base.sqlite"_s), kSqlite);
    write(dir.filePath(u"notes.txt"_s), "not a backup");
    QVERIFY(QDir(dir.path()).mkdir(u"old"_s));
    Result<QList<BackupFile>> list = BackupCatalog::list(dir.path());
    QVERIFY(list.ok());
    QStringList names;
    for (const BackupFile &file : *list)
        names << file.fileName();
    QCOMPARE(names,
        (QStringList { u"shop-20261125-080000-b2.dump"_s, u"shop-20261124-101500-a1.dump"_s,
            u"shop-20261123-235959-base.sqlite"_s }));
    QCOMPARE(list->at(2).format, BackupFormat::Sqlite);
}

void BackupCatalogTest::missingFolderHasNoBackups()
{
    QTemporaryDir dir;
    Result<QList<BackupFile>> list = BackupCatalog::list(dir.filePath(u"backups"_s));
    QVERIFY(list.ok());
    QVERIFY(list->isEmpty());
    QVERIFY(!QFileInfo::exists(dir.filePath(u"backups"_s))); // listing never makes it
}

void BackupCatalogTest::folderThatIsAFileIsAnError()
{
    QTemporaryDir dir;
    write(dir.filePath(u"backups"_s), "x");
    Result<QList<BackupFile>> list = BackupCatalog::list(dir.filePath(u"backups"_s));
    QVERIFY(!list.ok());
    QCOMPARE(list.error().file, dir.filePath(u"backups"_s));
    QCOMPARE(list.error().message, u"the backup folder is a file, not a folder"_s);
}

void BackupCatalogTest::copiedRowsOfTheVersionTable_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QString>("table");
    QTest::addColumn<std::optional<QStringList>>("rows");

    const QByteArray header = "--\n-- PostgreSQL database dump\n--\nSET statement_timeout = 0;\n\n";
    QTest::newRow("one-row") << header + "COPY public.alembic_version (version_num) FROM stdin;\nae10\n\\.\n\n"
                             << u"alembic_version"_s << std::optional(QStringList { u"ae10"_s });
    QTest::newRow("two-heads-sorted") << header + "COPY public.alembic_version (version_num) FROM stdin;\nzz\naa\n\\.\n"
                                      << u"alembic_version"_s << std::optional(QStringList { u"aa"_s, u"zz"_s });
    QTest::newRow("empty-table-is-base") << header + "COPY public.alembic_version (version_num) FROM stdin;\n\\.\n"
                                         << u"alembic_version"_s << std::optional(QStringList());
    QTest::newRow("quoted-name-in-a-schema") << header + "COPY app.\"Versions\" (version_num) FROM stdin;\nc3\n\\.\n"
                                             << u"Versions"_s << std::optional(QStringList { u"c3"_s });
    QTest::newRow("another-table-only") << header + "COPY public.items (id, name) FROM stdin;\n1\tone\n\\.\n"
                                        << u"alembic_version"_s << std::optional<QStringList>();
    QTest::newRow("no-data") << header << u"alembic_version"_s << std::optional<QStringList>();
}

void BackupCatalogTest::copiedRowsOfTheVersionTable()
{
    QFETCH(QByteArray, script);
    QFETCH(QString, table);
    QFETCH(std::optional<QStringList>, rows);
    QCOMPARE(copiedRows(script, table), rows);
}

QTEST_GUILESS_MAIN(BackupCatalogTest)
#include "tst_backupcatalog.moc"
