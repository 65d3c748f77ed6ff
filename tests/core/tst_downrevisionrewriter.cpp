// Rewriting one revision's down_revision, and nothing else, in native and
// Alembic files.
#include "project/downrevisionrewriter.h"
#include "testsupport.h"
#include "util/textfile.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Retort;
using namespace Qt::StringLiterals;

class DownRevisionRewriterTest : public QObject
{
    Q_OBJECT
private slots:
    void rewritesOnlyTheValue_data();
    void rewritesOnlyTheValue();
    void refusesWhatItCannotRewriteExactly_data();
    void refusesWhatItCannotRewriteExactly();
    void replacesTheFileAndNothingElse();
    void leavesAFileChangedSinceItWasLoaded();
};

void DownRevisionRewriterTest::rewritesOnlyTheValue_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("before");
    QTest::addColumn<QStringList>("to");
    QTest::addColumn<QString>("after");
    const int native = int(RevisionFormat::Native);
    const int alembic = int(RevisionFormat::Alembic);
    const QString sections = u"\n-- migrate:upgrade\n-- down_revision: not a header here\nSELECT 1;\n"_s;
    QTest::newRow("native-one-parent") << native
                                       << u"-- revision: c\n-- down_revision: a\n-- message: Add email\n"_s + sections
                                       << QStringList { u"b"_s }
                                       << u"-- revision: c\n-- down_revision: b\n-- message: Add email\n"_s + sections;
    QTest::newRow("native-crlf-and-free-comments")
        << native
        << u"-- Adds the users table.\r\n-- revision: c\r\n-- down_revision: a\r\n-- message: m\r\n\r\n-- migrate:upgrade\r\n"_s
        << QStringList { u"b"_s }
        << u"-- Adds the users table.\r\n-- revision: c\r\n-- down_revision: b\r\n-- message: m\r\n\r\n-- migrate:upgrade\r\n"_s;
    QTest::newRow("native-base-gets-a-parent")
        << native << u"-- revision: c\n-- down_revision:\n-- message: m\n"_s + sections << QStringList { u"b"_s }
        << u"-- revision: c\n-- down_revision: b\n-- message: m\n"_s + sections;
    QTest::newRow("native-becomes-a-base")
        << native << u"-- revision: c\n-- down_revision: a\n-- message: m\n"_s + sections << QStringList()
        << u"-- revision: c\n-- down_revision:\n-- message: m\n"_s + sections;
    QTest::newRow("native-merge-keeps-its-spacing")
        << native << u"-- revision: c\n--  down_revision :   a,b  \n-- message: m\n"_s + sections
        << QStringList { u"a"_s, u"x"_s }
        << u"-- revision: c\n--  down_revision :   a, x  \n-- message: m\n"_s + sections;

    const QString docstring = u"\"\"\"Add email\n\nRevision ID: c\nRevises: a\ndown_revision = 'a'\n\"\"\"\n"_s;
    const QString body =
        u"\n\ndef upgrade():\n    down_revision = 'q'\n    op.add_column('users', sa.Column('email'))\n"_s;
    QTest::newRow("alembic-plain") << alembic
                                   << docstring + u"revision = 'c'\ndown_revision = 'a'\nbranch_labels = None\n"_s +
            body << QStringList { u"b"_s }
                                   << docstring + u"revision = 'c'\ndown_revision = 'b'\nbranch_labels = None\n"_s +
            body;
    QTest::newRow("alembic-annotated-double-quotes")
        << alembic
        << u"revision: str = \"c\"\ndown_revision: Union[str, Sequence[str], None] = \"a\"  # the parent\n"_s + body
        << QStringList { u"b"_s }
        << u"revision: str = \"c\"\ndown_revision: Union[str, Sequence[str], None] = \"b\"  # the parent\n"_s + body;
    QTest::newRow("alembic-multiline-tuple-to-one")
        << alembic << u"revision = 'c'\ndown_revision = (\n    'a',\n    'x',  # merged\n)\n"_s + body
        << QStringList { u"b"_s } << u"revision = 'c'\ndown_revision = 'b'\n"_s + body;
    QTest::newRow("alembic-none-to-several")
        << alembic << u"revision = 'c'\ndown_revision = None\n"_s + body << QStringList { u"a"_s, u"b"_s }
        << u"revision = 'c'\ndown_revision = ('a', 'b')\n"_s + body;
    QTest::newRow("alembic-list-stays-a-list")
        << alembic << u"revision = 'c'\ndown_revision = ['a', 'x']\n"_s + body << QStringList { u"a"_s, u"b"_s }
        << u"revision = 'c'\ndown_revision = ['a', 'b']\n"_s + body;
    QTest::newRow("alembic-to-base") << alembic << u"revision = 'c'\ndown_revision = 'a'\n"_s + body << QStringList()
                                     << u"revision = 'c'\ndown_revision = None\n"_s + body;
    // Python goes by the last assignment, and so does Alembic.
    QTest::newRow("alembic-last-assignment")
        << alembic << u"revision = 'c'\ndown_revision = 'x'\ndown_revision = 'a'\n"_s + body << QStringList { u"b"_s }
        << u"revision = 'c'\ndown_revision = 'x'\ndown_revision = 'b'\n"_s + body;
}

void DownRevisionRewriterTest::rewritesOnlyTheValue()
{
    QFETCH(int, format);
    QFETCH(QString, before);
    QFETCH(QStringList, to);
    QFETCH(QString, after);
    Result<QString> rewritten = DownRevisionRewriter::rewrite(before, RevisionFormat(format), to, u"c.x"_s);
    QVERIFY2(rewritten.ok(), qPrintable(rewritten ? QString() : rewritten.error().toString()));
    QCOMPARE(*rewritten, after);
}

void DownRevisionRewriterTest::refusesWhatItCannotRewriteExactly_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("native-without-header")
        << int(RevisionFormat::Native)
        << u"-- revision: c\n-- message: m\n\n-- migrate:upgrade\n-- down_revision: a\n"_s
        << u"c.x: there is no \"-- down_revision:\" header line to rewrite"_s;
    QTest::newRow("alembic-computed")
        << int(RevisionFormat::Alembic) << u"revision = 'c'\n\ndown_revision = parent_of('c')\n"_s
        << u"c.x:3: down_revision = parent_of('c') is not a plain string, tuple or None; change it by hand"_s;
    QTest::newRow("alembic-without-assignment")
        << int(RevisionFormat::Alembic) << u"revision = 'c'\n"_s
        << u"c.x: there is no module-level down_revision assignment to rewrite"_s;
}

void DownRevisionRewriterTest::refusesWhatItCannotRewriteExactly()
{
    QFETCH(int, format);
    QFETCH(QString, text);
    QFETCH(QString, error);
    Result<QString> rewritten = DownRevisionRewriter::rewrite(text, RevisionFormat(format), { u"b"_s }, u"c.x"_s);
    QVERIFY(!rewritten.ok());
    QCOMPARE(rewritten.error().toString(), error);
}

void DownRevisionRewriterTest::replacesTheFileAndNothingElse()
{
    Test::TemporaryProject project;
    const QByteArray other = Test::TemporaryProject::nativeRevision(u"a"_s, {}, u"Base"_s);
    const QString otherPath = project.writeRevision(u"a.sql"_s, other);
    // A byte-order mark and a mode of its own survive.
    const QString path = project.writeFile(
        u"migrations/c.py"_s, "\xEF\xBB\xBF\"\"\"Add email\"\"\"\nrevision = 'c'\ndown_revision = 'a'  # was a\n");
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
    DownRevisionChange change;
    change.filePath = path;
    change.format = RevisionFormat::Alembic;
    change.revisionId = u"c"_s;
    change.from = { u"a"_s };
    change.to = { u"b"_s };
    Result<void> applied = DownRevisionRewriter::apply(change);
    QVERIFY2(applied.ok(), qPrintable(applied ? QString() : applied.error().toString()));
    QCOMPARE(*readFileBytes(path),
        QByteArray("\xEF\xBB\xBF\"\"\"Add email\"\"\"\nrevision = 'c'\ndown_revision = 'b'  # was a\n"));
    const QFile::Permissions userBits = QFile::ReadUser | QFile::WriteUser | QFile::ExeUser; // the caller's access
    QCOMPARE(QFile::permissions(path) & ~userBits, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
    QCOMPARE(*readFileBytes(otherPath), other);
    // No temporary file left behind.
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files | QDir::Hidden), QStringList { u"c.py"_s });
}

void DownRevisionRewriterTest::leavesAFileChangedSinceItWasLoaded()
{
    Test::TemporaryProject project;
    const QByteArray text = Test::TemporaryProject::nativeRevision(u"c"_s, u"x"_s, u"Add email"_s);
    const QString path = project.writeRevision(u"c.sql"_s, text);
    DownRevisionChange change;
    change.filePath = path;
    change.revisionId = u"c"_s;
    change.from = { u"a"_s }; // what the graph was built from; someone changed it since
    change.to = { u"b"_s };
    Result<void> applied = DownRevisionRewriter::apply(change);
    QVERIFY(!applied.ok());
    QVERIFY2(applied.error().message.startsWith(
                 u"the file changed since it was loaded (it now declares revision c after x)"_s),
        qPrintable(applied.error().toString()));
    QCOMPARE(*readFileBytes(path), text);
}

QTEST_GUILESS_MAIN(DownRevisionRewriterTest)
#include "tst_downrevisionrewriter.moc"
