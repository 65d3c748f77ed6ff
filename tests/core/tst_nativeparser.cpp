#include "project/nativerevisionparser.h"
#include "project/projectloader.h"
#include "testsupport.h"
#include "util/bytearena.h"
#include "util/stringarena.h"

#include <QTest>

using namespace Retort;

class NativeParserTest : public QObject
{
    Q_OBJECT
private slots:
    void parsesEveryHeaderKey();
    void picksTheSectionForEachDialect();
    void keepsFreeCommentsInTheHeader();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void rejectsFilesThatAreNotUtf8();
    void rejectsHugeFiles();
    void loaderNamesTheBadFile();
    void compactFieldsKeepTheirValues();
    void sectionBlockKeepsEverySection();
    void sectionBlockRejectsMalformedBytes();
    void arenaStringsBehaveAsTheirOwn();
    void byteArenaBlocksGoWithTheirLastCopy();
};

void NativeParserTest::parsesEveryHeaderKey()
{
    const QString text = QStringLiteral("-- revision: 1975ea83b712\n"
                                        "-- down_revision: ae1027a6acf2, 27c6a30d7c24\n"
                                        "-- branch_labels: billing, payments\n"
                                        "-- depends_on: 5b8ec3f0a111\n"
                                        "-- message: Add email verification to users\n"
                                        "-- create_date: 2026-11-24T10:15:00Z\n"
                                        "-- transactional: false\n"
                                        "\n"
                                        "-- migrate:upgrade\n"
                                        "ALTER TABLE users ADD COLUMN email_verified boolean;\n"
                                        "\n"
                                        "-- migrate:downgrade\n"
                                        "ALTER TABLE users DROP COLUMN email_verified;\n");
    Result<Revision> parsed = NativeRevisionParser::parse(text, QStringLiteral("v/1975.sql"));
    QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().toString()));
    const Revision &revision = *parsed;
    QCOMPARE(revision.id, QStringLiteral("1975ea83b712"));
    QCOMPARE(revision.downRevisions, (QStringList { QStringLiteral("ae1027a6acf2"), QStringLiteral("27c6a30d7c24") }));
    QCOMPARE(revision.branchLabels.value(), (QStringList { QStringLiteral("billing"), QStringLiteral("payments") }));
    QCOMPARE(revision.dependsOn.value(), QStringList { QStringLiteral("5b8ec3f0a111") });
    QCOMPARE(revision.message, QStringLiteral("Add email verification to users"));
    QCOMPARE(revision.createDate, QDateTime(QDate(2026, 11, 24), QTime(10, 15), QTimeZone::UTC));
    QCOMPARE(revision.transactional, false);
    QCOMPARE(revision.line, 1);
    QVERIFY(revision.isMerge());

    const std::optional<SqlSection> upgrade = revision.section(Direction::Upgrade, Dialect::PostgreSQL);
    QVERIFY(upgrade);
    QCOMPARE(upgrade->markerLine, 9);
    QCOMPARE(upgrade->sql().trimmed(), QStringLiteral("ALTER TABLE users ADD COLUMN email_verified boolean;"));
    const std::optional<SqlSection> downgrade = revision.section(Direction::Downgrade, Dialect::SQLite);
    QVERIFY(downgrade);
    QCOMPARE(downgrade->markerLine, 12);
    QCOMPARE(downgrade->sql().trimmed(), QStringLiteral("ALTER TABLE users DROP COLUMN email_verified;"));
}

void NativeParserTest::picksTheSectionForEachDialect()
{
    const QString text = QStringLiteral("-- revision: a1\n-- down_revision:\n-- message: m\n"
                                        "-- migrate:upgrade postgresql\nPG;\n"
                                        "-- migrate:upgrade\nGENERIC;\n"
                                        "-- migrate:downgrade sqlite\nLITE;\n");
    Result<Revision> parsed = NativeRevisionParser::parse(text, QStringLiteral("a1.sql"));
    QVERIFY(parsed.ok());
    QVERIFY(parsed->isBase());
    QCOMPARE(parsed->section(Direction::Upgrade, Dialect::PostgreSQL)->sql().trimmed(), QStringLiteral("PG;"));
    QCOMPARE(parsed->section(Direction::Upgrade, Dialect::SQLite)->sql().trimmed(), QStringLiteral("GENERIC;"));
    QCOMPARE(parsed->section(Direction::Downgrade, Dialect::SQLite)->sql().trimmed(), QStringLiteral("LITE;"));
    // No downgrade for PostgreSQL: the revision cannot be reverted there.
    QVERIFY(!parsed->section(Direction::Downgrade, Dialect::PostgreSQL));
}

void NativeParserTest::keepsFreeCommentsInTheHeader()
{
    const QString text = QStringLiteral("-- Adds the users table.\n-- TODO: review\n--\n-- revision: a1\n"
                                        "-- down_revision:\n-- message: m\r\n\r\n-- migrate:upgrade\r\nSELECT 1;\r\n");
    Result<Revision> parsed = NativeRevisionParser::parse(text, QStringLiteral("a1.sql"));
    QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->line, 4);
    QCOMPARE(parsed->message, QStringLiteral("m"));
    QCOMPARE(parsed->section(Direction::Upgrade, Dialect::SQLite)->sql().trimmed(), QStringLiteral("SELECT 1;"));
}

void NativeParserTest::rejectsBadInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");

    const QString header = QStringLiteral("-- revision: a1\n-- down_revision:\n-- message: m\n");
    QTest::newRow("unknown-key") << QStringLiteral(
                                        "-- revision: a1\n-- down_revision:\n-- mesage: m\n-- migrate:upgrade\n")
                                 << 3 << QStringLiteral("unknown header key \"mesage\"");
    QTest::newRow("key-given-twice") << QStringLiteral("-- revision: a1\n-- revision: a2\n") << 2
                                     << QStringLiteral("\"revision\" is given twice (first on line 1)");
    QTest::newRow("missing-revision") << QStringLiteral(
                                             "-- down_revision:\n-- message: m\n-- migrate:upgrade\nSELECT 1;\n")
                                      << 1 << QStringLiteral("no \"-- revision:\" header line");
    QTest::newRow("missing-down-revision") << QStringLiteral("\n-- revision: a1\n-- message: m\n-- migrate:upgrade\n")
                                           << 2 << QStringLiteral("no \"-- down_revision:\" header line");
    QTest::newRow("missing-message") << QStringLiteral("-- revision: a1\n-- down_revision:\n-- migrate:upgrade\n") << 1
                                     << QStringLiteral("no \"-- message:\" header line");
    QTest::newRow("missing-upgrade-section") << header + QStringLiteral("\n-- migrate:downgrade\nSELECT 1;\n") << 7
                                             << QStringLiteral("no \"-- migrate:upgrade\" section");
    QTest::newRow("sql-before-first-section")
        << header + QStringLiteral("CREATE TABLE t (id int);\n") << 4 << QStringLiteral("SQL before the first");
    QTest::newRow("unknown-section") << header + QStringLiteral("-- migrate:up\n") << 4
                                     << QStringLiteral("unknown section \"migrate:up\"");
    QTest::newRow("unknown-dialect") << header + QStringLiteral("-- migrate:upgrade mysql\n") << 4
                                     << QStringLiteral("unknown dialect \"mysql\"");
    QTest::newRow("duplicate-section") << header + QStringLiteral("-- migrate:upgrade\nA;\n-- migrate:upgrade\nB;\n")
                                       << 6
                                       << QStringLiteral(
                                              "a second \"-- migrate:upgrade\" section (the first is on line 4)");
    QTest::newRow("bad-revision-id") << QStringLiteral("-- revision: a-1\n") << 1
                                     << QStringLiteral("\"a-1\" is not a valid revision id");
    QTest::newRow("bad-parent-id") << QStringLiteral("-- revision: a1\n-- down_revision: b@2\n") << 2
                                   << QStringLiteral("\"b@2\" is not a valid revision id");
    QTest::newRow("own-parent") << QStringLiteral(
                                       "-- revision: a1\n-- down_revision: a1\n-- message: m\n-- migrate:upgrade\n")
                                << 2 << QStringLiteral("lists itself as its own parent");
    QTest::newRow("bad-transactional") << header + QStringLiteral("-- transactional: maybe\n") << 4
                                       << QStringLiteral("transactional must be true or false");
    QTest::newRow("bad-create-date") << header + QStringLiteral("-- create_date: yesterday\n") << 4
                                     << QStringLiteral("create_date \"yesterday\" is not an ISO 8601 date");
}

void NativeParserTest::rejectsBadInput()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, message);
    Result<Revision> parsed = NativeRevisionParser::parse(text, QStringLiteral("versions/a1_bad.sql"));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().file, QStringLiteral("versions/a1_bad.sql"));
    QCOMPARE(parsed.error().line, line);
    QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    QVERIFY(parsed.error().toString().startsWith(QStringLiteral("versions/a1_bad.sql:%1: ").arg(line)));
}

void NativeParserTest::rejectsFilesThatAreNotUtf8()
{
    Test::TemporaryProject project;
    const QString path = project.writeRevision(QStringLiteral("a1_latin1.sql"),
        "-- revision: a1\n-- down_revision:\n-- message: caf\xe9\n-- migrate:upgrade\n");
    Result<Revision> parsed = NativeRevisionParser::parseFile(path);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().file, path);
    QCOMPARE(parsed.error().line, 3);
    QVERIFY(parsed.error().message.contains(QStringLiteral("not valid UTF-8")));
}

void NativeParserTest::rejectsHugeFiles()
{
    Test::TemporaryProject project;
    QByteArray content = Test::TemporaryProject::nativeRevision(QStringLiteral("a1"), {}, QStringLiteral("m"));
    content += QByteArray(17 * 1024 * 1024, 'x');
    const QString path = project.writeRevision(QStringLiteral("a1_huge.sql"), content);
    Result<Revision> parsed = NativeRevisionParser::parseFile(path);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().file, path);
    QVERIFY2(parsed.error().message.contains(QStringLiteral("17.0 MB")), qPrintable(parsed.error().message));
}

void NativeParserTest::loaderNamesTheBadFile()
{
    Test::TemporaryProject project;
    project.writeRevision(QStringLiteral("a1_good.sql"),
        Test::TemporaryProject::nativeRevision(QStringLiteral("a1"), {}, QStringLiteral("m")));
    const QString bad =
        project.writeRevision(QStringLiteral("b2_bad.sql"), "-- revision: b2\n-- down_revision: a1\n-- colour: red\n");
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().file, bad);
    QCOMPARE(loaded.error().line, 3);
}

// The rarely set fields of a revision take a pointer each; they must still
// read back what was set, follow the message where no docstring was kept,
// and share one copy of a folder between revisions.
void NativeParserTest::compactFieldsKeepTheirValues()
{
    Revision revision;
    revision.message = QStringLiteral("Add users");
    QCOMPARE(revision.longMessage(), QStringLiteral("Add users"));
    revision.setLongMessage(QStringLiteral("Add users"));
    revision.message = QStringLiteral("Add accounts");
    QCOMPARE(revision.longMessage(), QStringLiteral("Add accounts")); // the same as the message: not kept apart
    revision.setLongMessage(QStringLiteral("Add accounts\n\nWith a longer story."));
    revision.message = QStringLiteral("Add accounts");
    QCOMPARE(revision.longMessage(), QStringLiteral("Add accounts\n\nWith a longer story."));

    QVERIFY(revision.branchLabels.isEmpty());
    QCOMPARE(revision.branchLabels.size(), 0);
    QCOMPARE(revision.branchLabels.value(), QStringList());
    revision.branchLabels = { QStringLiteral("billing"), QStringLiteral("payments") };
    QCOMPARE(revision.branchLabels.size(), 2);
    QCOMPARE(revision.branchLabels.join(QLatin1String(", ")), QStringLiteral("billing, payments"));
    QVERIFY(revision.branchLabels.contains(QStringLiteral("payments")));
    QStringList walked;
    for (const QString &label : revision.branchLabels)
        walked.append(label);
    QCOMPARE(walked, revision.branchLabels.value());
    revision.branchLabels = QStringList();
    QVERIFY(revision.branchLabels.isEmpty());

    revision.setFilePath(QStringLiteral("/project/versions/1975ea83b712_add.sql"));
    QCOMPARE(revision.fileFolder.value(), QStringLiteral("/project/versions/"));
    QCOMPARE(revision.filePath(), QStringLiteral("/project/versions/1975ea83b712_add.sql"));
    Revision sibling;
    sibling.fileFolder = revision.fileFolder;
    QVERIFY(sibling.fileFolder.sharesWith(revision.fileFolder));
    Revision stranger;
    stranger.setFilePath(QStringLiteral("/project/versions/other.sql"));
    QVERIFY(stranger.fileFolder == revision.fileFolder);
    QVERIFY(!stranger.fileFolder.sharesWith(revision.fileFolder));
}

void NativeParserTest::sectionBlockKeepsEverySection()
{
    const QString text = QStringLiteral("-- revision: a1\n-- down_revision:\n-- message: m\n"
                                        "-- migrate:upgrade postgresql\nCREATE TABLE caf\u00e9 (id int);\n"
                                        "-- migrate:upgrade\n"
                                        "-- migrate:downgrade sqlite\nDROP TABLE caf\u00e9;\nSELECT 2;\n");
    Result<Revision> parsed = NativeRevisionParser::parse(text, QStringLiteral("a1.sql"));
    QVERIFY(parsed.ok());
    const QList<SqlSection> sections = parsed->sections();
    QCOMPARE(sections.size(), 3);
    QCOMPARE(sections.at(0).dialect, std::optional(Dialect::PostgreSQL));
    QCOMPARE(sections.at(0).markerLine, 4);
    QCOMPARE(sections.at(0).sql(), QStringLiteral("CREATE TABLE caf\u00e9 (id int);"));
    QCOMPARE(sections.at(1).dialect, std::nullopt);
    QCOMPARE(sections.at(1).direction, Direction::Upgrade);
    QVERIFY(sections.at(1).utf8().isEmpty());
    QCOMPARE(sections.at(2).direction, Direction::Downgrade);
    QCOMPARE(sections.at(2).dialect, std::optional(Dialect::SQLite));
    QCOMPARE(sections.at(2).sql(), QStringLiteral("DROP TABLE caf\u00e9;\nSELECT 2;"));

    // The same block read where it lies, and the texts outliving the
    // revision they came from.
    const QByteArray bytes = parsed->sectionBlock().bytes().toByteArray();
    std::optional<SqlSectionBlock> lying = SqlSectionBlock::lyingIn(bytes, nullptr);
    QVERIFY(lying);
    QCOMPARE(lying->bytes(), QByteArrayView(bytes));
    const SqlSection kept = parsed->sections().at(2);
    parsed = Error();
    QCOMPARE(kept.sql(), QStringLiteral("DROP TABLE caf\u00e9;\nSELECT 2;"));
}

void NativeParserTest::sectionBlockRejectsMalformedBytes()
{
    Result<Revision> parsed = NativeRevisionParser::parse(
        QStringLiteral("-- revision: a1\n-- down_revision:\n-- message: m\n-- migrate:upgrade\nSELECT 1;\n"),
        QStringLiteral("a1.sql"));
    QVERIFY(parsed.ok());
    const QByteArray good = parsed->sectionBlock().bytes().toByteArray();
    QVERIFY(SqlSectionBlock::lyingIn(good, nullptr));
    QVERIFY(SqlSectionBlock::lyingIn({}, nullptr)->isEmpty());

    QVERIFY(!SqlSectionBlock::lyingIn(good.chopped(1), nullptr)); // shorter than it says
    QVERIFY(!SqlSectionBlock::lyingIn(QByteArray(good).append('\0'), nullptr)); // longer than it says
    QByteArray longText = good;
    longText[8 + 8] = char(0x7f); // the text size, past the end
    QVERIFY(!SqlSectionBlock::lyingIn(longText, nullptr));
    QByteArray badDirection = good;
    badDirection[8] = 2;
    QVERIFY(!SqlSectionBlock::lyingIn(badDirection, nullptr));
    QByteArray badDialect = good;
    badDialect[9] = 3;
    QVERIFY(!SqlSectionBlock::lyingIn(badDialect, nullptr));
    QByteArray moreSections = good;
    moreSections[4] = 2; // a count the block has no room for
    QVERIFY(!SqlSectionBlock::lyingIn(moreSections, nullptr));
}

void NativeParserTest::arenaStringsBehaveAsTheirOwn()
{
    QStringList made;
    QStringList expected;
    QString kept;
    {
        StringArena arena;
        QVERIFY(arena.make(QString()).isNull());
        for (int i = 0; i < 3000; ++i) { // several blocks
            const QString text = QStringLiteral("%1_caf\u00e9_%2").arg(i, 12, 16, QLatin1Char('0')).arg(i * 7);
            expected.append(text);
            made.append(arena.make(text));
        }
        const QString longText(5000, QLatin1Char('x')); // a block of its own
        QCOMPARE(arena.make(longText), longText);
        kept = arena.make(u"kept");
    } // the strings outlive their arena
    QCOMPARE(made, expected);
    for (const QString &text : std::as_const(made)) // '\0'-terminated, as utf16() promises
        QCOMPARE(text.utf16()[text.size()], u'\0');

    // A change detaches: the neighbours in the block stay as they were.
    QString changed = made.at(10);
    changed.append(QStringLiteral("-appended"));
    changed[0] = QLatin1Char('Z');
    QCOMPARE(made.at(10), expected.at(10));
    QCOMPARE(made.at(11), expected.at(11));
    QCOMPARE(changed, QStringLiteral("Z") + expected.at(10).mid(1) + QStringLiteral("-appended"));
    made[12].prepend(QStringLiteral("pre-"));
    made[13].clear();
    QCOMPARE(made.at(11), expected.at(11));
    QCOMPARE(made.at(12), QStringLiteral("pre-") + expected.at(12));
    QCOMPARE(made.at(14), expected.at(14));

    // The last string of its block owns it alone, and may change in place.
    made.clear();
    QCOMPARE(kept, QStringLiteral("kept"));
    kept.append(QString(100, QLatin1Char('k')));
    kept.prepend(QStringLiteral("was "));
    QCOMPARE(kept, QStringLiteral("was kept") + QString(100, QLatin1Char('k')));
}

void NativeParserTest::byteArenaBlocksGoWithTheirLastCopy()
{
    std::vector<std::pair<QByteArrayView, std::shared_ptr<const void>>> copies;
    std::vector<QByteArray> originals;
    std::weak_ptr<const void> firstBlock;
    {
        ByteArena arena;
        QCOMPARE(arena.copy({}).first.size(), 0); // nothing to copy, no block
        for (int i = 0; i < 3000; ++i) { // some 300 KB: more than one block
            originals.push_back(QByteArray::number(i).repeated(20 + i % 13));
            copies.push_back(arena.copy(originals.back()));
        }
        originals.push_back(QByteArray(600 * 1024, 'x')); // larger than a block: one of its own
        copies.push_back(arena.copy(originals.back()));
        firstBlock = std::weak_ptr<const void>(copies.front().second);
    }
    QVERIFY(copies.front().second != copies.at(2999).second);
    QVERIFY(copies.back().second != copies.at(2999).second);
    for (size_t i = 0; i < copies.size(); ++i) {
        QCOMPARE(copies[i].first.toByteArray(), originals[i]);
        QVERIFY(copies[i].first.data() != originals[i].constData());
    }
    // The arena is gone; its first block stays while a copy in it lives.
    std::pair<QByteArrayView, std::shared_ptr<const void>> last = copies.front();
    copies.clear();
    QVERIFY(!firstBlock.expired());
    QCOMPARE(last.first.toByteArray(), originals.front());
    last = {};
    QVERIFY(firstBlock.expired());
}

QTEST_GUILESS_MAIN(NativeParserTest)
#include "tst_nativeparser.moc"
