// Reading Alembic revision files without running Python: both templates,
// values bound earlier, docstrings in odd places, values only Python could
// tell (a warning, or a value from [retort.names]), and bad files (an error
// naming the file and line, never a crash).
#include "project/alembicrevisionparser.h"
#include "testsupport.h"

#include <QTest>

using namespace Retort;

namespace {

const QString kPath = QStringLiteral("migrations/versions/1975ea83b712_add_email.py");

Result<Revision> parse(const QString &text, QList<Error> *warnings = nullptr,
    const AlembicRevisionParser::Names &names = {}, const QString &path = kPath)
{
    return AlembicRevisionParser::parse(text, path, names, warnings);
}

QString errorText(const Result<Revision> &revision)
{
    return revision ? QString() : revision.error().toString();
}

} // namespace

class AlembicParserTest : public QObject
{
    Q_OBJECT
private slots:
    void readsBothTemplates_data();
    void readsBothTemplates();
    void readsValuesAsPythonWould_data();
    void readsValuesAsPythonWould();
    void readsTheDocstring_data();
    void readsTheDocstring();
    void ignoresWhatIsNotAModuleLevelAssignment();
    void warnsAboutValuesOnlyPythonKnows();
    void takesSuchValuesFromTheProjectConfig();
    void takesTheRevisionIdFromALegacyFileName();
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void readsTheDeclaredEncoding();
};

void AlembicParserTest::readsBothTemplates_data()
{
    QTest::addColumn<QString>("text");
    // Alembic's generic template before type annotations...
    QTest::newRow("plain-template") << QStringLiteral(
        "\"\"\"Add email verification\n\nRevision ID: 1975ea83b712\nRevises: ae1027a6acf2\nCreate Date: 2026-11-24 "
        "10:15:00.123456\n\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n# revision identifiers, "
        "used by Alembic.\nrevision = '1975ea83b712'\ndown_revision = 'ae1027a6acf2'\nbranch_labels = "
        "('billing',)\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n");
    // ... and the one Alembic 1.13 writes.
    QTest::newRow("annotated-template") << QStringLiteral(
        "\"\"\"Add email verification\n\nRevision ID: 1975ea83b712\nRevises: ae1027a6acf2\nCreate Date: 2026-11-24 "
        "10:15:00.123456\n\n\"\"\"\nfrom typing import Sequence, Union\n\nfrom alembic import op\nimport sqlalchemy "
        "as sa\n\n\n# revision identifiers, used by Alembic.\nrevision: str = '1975ea83b712'\ndown_revision: "
        "Union[str, None] = 'ae1027a6acf2'\nbranch_labels: Union[str, Sequence[str], None] = "
        "('billing',)\ndepends_on: Union[str, Sequence[str], None] = None\n\n\ndef upgrade() -> None:\n    "
        "op.execute(\"revision = 'not this'\")\n\n\ndef downgrade() -> None:\n    pass\n");
}

void AlembicParserTest::readsBothTemplates()
{
    QFETCH(QString, text);
    QList<Error> warnings;
    Result<Revision> revision = parse(text, &warnings);
    QVERIFY2(revision.ok(), qPrintable(errorText(revision)));
    QCOMPARE(revision->id, QStringLiteral("1975ea83b712"));
    QCOMPARE(revision->downRevisions, QStringList { QStringLiteral("ae1027a6acf2") });
    QCOMPARE(revision->branchLabels.value(), QStringList { QStringLiteral("billing") });
    QCOMPARE(revision->dependsOn.value(), QStringList());
    QCOMPARE(revision->message, QStringLiteral("Add email verification"));
    QCOMPARE(revision->longMessage(),
        QStringLiteral("Add email verification\n\nRevision ID: 1975ea83b712\nRevises: ae1027a6acf2\nCreate Date: "
                       "2026-11-24 10:15:00.123456"));
    QCOMPARE(revision->createDate, QDateTime(QDate(2026, 11, 24), QTime(10, 15, 0, 123)));
    QCOMPARE(revision->format, RevisionFormat::Alembic);
    QCOMPARE(revision->filePath(), kPath);
    QVERIFY(revision->line > 10);
    QCOMPARE(warnings.size(), 0);
}

void AlembicParserTest::readsValuesAsPythonWould_data()
{
    QTest::addColumn<QString>("assignments");
    QTest::addColumn<QStringList>("down");
    QTest::addColumn<QStringList>("depends");
    QTest::newRow("none-is-a-base") << QStringLiteral("down_revision = None\n") << QStringList() << QStringList();
    QTest::newRow("empty-tuple-is-a-base") << QStringLiteral("down_revision = ()\n") << QStringList() << QStringList();
    QTest::newRow("merge-as-tuple") << QStringLiteral("down_revision = ('a1', 'b2')\n")
                                    << QStringList { QStringLiteral("a1"), QStringLiteral("b2") } << QStringList();
    QTest::newRow("merge-as-list") << QStringLiteral("down_revision = [\n    \"a1\",\n    \"b2\",\n]\n")
                                   << QStringList { QStringLiteral("a1"), QStringLiteral("b2") } << QStringList();
    QTest::newRow("bare-tuple") << QStringLiteral("down_revision = 'a1', 'b2'\n")
                                << QStringList { QStringLiteral("a1"), QStringLiteral("b2") } << QStringList();
    QTest::newRow("parenthesised-string")
        << QStringLiteral("down_revision = ('a1')\n") << QStringList { QStringLiteral("a1") } << QStringList();
    QTest::newRow("name-bound-earlier") << QStringLiteral("PARENT = 'a1'\nSHARED = (PARENT, 'c3')\ndown_revision = "
                                                          "PARENT\ndepends_on = SHARED\n")
                                        << QStringList { QStringLiteral("a1") }
                                        << QStringList { QStringLiteral("a1"), QStringLiteral("c3") };
    QTest::newRow("last-assignment-wins") << QStringLiteral("down_revision = 'x9'\ndown_revision = 'a1'\n")
                                          << QStringList { QStringLiteral("a1") } << QStringList();
    QTest::newRow("chained-assignment") << QStringLiteral("down_revision = previous = 'a1'\n")
                                        << QStringList { QStringLiteral("a1") } << QStringList();
    QTest::newRow("unpacking") << QStringLiteral("down_revision, depends_on = 'a1', 'd4'\n")
                               << QStringList { QStringLiteral("a1") } << QStringList { QStringLiteral("d4") };
    QTest::newRow("adjacent-strings-and-escapes")
        << QStringLiteral("down_revision = 'a' \"1\"\ndepends_on = "
                          "'\\x64\\u0034'\n")
        << QStringList { QStringLiteral("a1") } << QStringList { QStringLiteral("d4") };
    QTest::newRow("comments-and-continuations")
        << QStringLiteral(
               "down_revision = ( # parents\n    'a1', # first\n    'b2'  # second\n)\ndepends_on = \\\n    'd4'\n")
        << QStringList { QStringLiteral("a1"), QStringLiteral("b2") } << QStringList { QStringLiteral("d4") };
    QTest::newRow("windows-line-ends") << QStringLiteral("down_revision = (\r\n    'a1',\r\n)\r\n")
                                       << QStringList { QStringLiteral("a1") } << QStringList();
}

void AlembicParserTest::readsValuesAsPythonWould()
{
    QFETCH(QString, assignments);
    QFETCH(QStringList, down);
    QFETCH(QStringList, depends);
    QList<Error> warnings;
    Result<Revision> revision = parse(QStringLiteral("revision = 'z9'\n") + assignments, &warnings);
    QVERIFY2(revision.ok(), qPrintable(errorText(revision)));
    QCOMPARE(revision->downRevisions, down);
    QCOMPARE(revision->dependsOn.value(), depends);
    QCOMPARE(warnings.size(), 0);
}

void AlembicParserTest::readsTheDocstring_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("module-docstring") << QStringLiteral("'''One line'''\nrevision = 'a1'\ndown_revision = None\n")
                                      << QStringLiteral("One line");
    QTest::newRow("after-a-comment-and-coding-line")
        << QStringLiteral("# -*- coding: utf-8 -*-\n# header\n\"\"\"Add users\n\nRevises: wrong\n\"\"\"\nrevision = "
                          "'a1'\ndown_revision = None\n")
        << QStringLiteral("Add users");
    // Python has no docstring here (Alembic shows no message); Retort reads
    // the string all the same.
    QTest::newRow("docstring-after-the-imports")
        << QStringLiteral("from alembic import op\nimport sqlalchemy as sa\n\n\"\"\"Add invoices\n\nRevision ID: "
                          "a1\n\"\"\"\nrevision = 'a1'\ndown_revision = None\n")
        << QStringLiteral("Add invoices");
    QTest::newRow("escapes-in-the-docstring")
        << QStringLiteral("\"Caf\\u00e9 \\\"menu\\\" table\"\nrevision = 'a1'\ndown_revision = None\n")
        << QStringLiteral("Caf\u00e9 \"menu\" table");
    QTest::newRow("no-docstring") << QStringLiteral("revision = 'a1'\ndown_revision = None\n") << QString();
}

void AlembicParserTest::readsTheDocstring()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    Result<Revision> revision = parse(text);
    QVERIFY2(revision.ok(), qPrintable(errorText(revision)));
    QCOMPARE(revision->message, message);
}

void AlembicParserTest::ignoresWhatIsNotAModuleLevelAssignment()
{
    const QString text = QStringLiteral(
        "\"\"\"Message\n\nrevision = 'docstring'\n\"\"\"\n"
        "revision = 'a1'\n"
        "down_revision = None\n"
        "if TYPE_CHECKING:\n    revision = 'indented'\n"
        "def upgrade():\n    down_revision = 'local'\n    op.execute('''\nrevision = 'in a string'\n''')\n"
        "class Helper:\n    depends_on = 'attribute'\n"
        "revision_note = \"revision = 'quoted'\"\n"
        "x = {'revision': 'key'}\n"
        "print(revision == 'a1')\n");
    Result<Revision> revision = parse(text);
    QVERIFY2(revision.ok(), qPrintable(errorText(revision)));
    QCOMPARE(revision->id, QStringLiteral("a1"));
    QCOMPARE(revision->line, 5);
    QCOMPARE(revision->downRevisions, QStringList());
    QCOMPARE(revision->dependsOn.value(), QStringList());
}

void AlembicParserTest::warnsAboutValuesOnlyPythonKnows()
{
    const QString text = QStringLiteral("from myapp import cli\nrevision = 'a1'\ndown_revision = None\n"
                                        "branch_labels = (cli.EXPAND,)\ndepends_on = compute()\n");
    QList<Error> warnings;
    Result<Revision> revision = parse(text, &warnings);
    QVERIFY2(revision.ok(), qPrintable(errorText(revision)));
    QCOMPARE(revision->branchLabels.value(), QStringList());
    QCOMPARE(revision->dependsOn.value(), QStringList());
    QCOMPARE(warnings.size(), 2);
    QCOMPARE(warnings.at(0).file, kPath);
    QCOMPARE(warnings.at(0).line, 4);
    QVERIFY2(warnings.at(0).message.contains(QStringLiteral("branch_labels = (cli.EXPAND,) cannot be read")),
        qPrintable(warnings.at(0).message));
    QVERIFY2(warnings.at(0).message.contains(QStringLiteral("[retort.names]")), qPrintable(warnings.at(0).message));
    QCOMPARE(warnings.at(1).line, 5);
    QVERIFY2(
        warnings.at(1).message.contains(QStringLiteral("depends_on = compute()")), qPrintable(warnings.at(1).message));
}

void AlembicParserTest::takesSuchValuesFromTheProjectConfig()
{
    const QString text = QStringLiteral("from myapp import cli\nfrom myapp.ids import PREVIOUS\nrevision = 'a1'\n"
                                        "down_revision = PREVIOUS\nbranch_labels = (cli.EXPAND,)\ndepends_on = "
                                        "cli.SHARED\n");
    const AlembicRevisionParser::Names names = {
        { QStringLiteral("cli.expand"), QStringLiteral("expand") },
        { QStringLiteral("previous"), QStringLiteral("z0") },
        { QStringLiteral("cli.shared"), QStringLiteral("s1, s2") },
    };
    QList<Error> warnings;
    Result<Revision> revision = parse(text, &warnings, names);
    QVERIFY2(revision.ok(), qPrintable(errorText(revision)));
    QCOMPARE(revision->downRevisions, QStringList { QStringLiteral("z0") });
    QCOMPARE(revision->branchLabels.value(), QStringList { QStringLiteral("expand") });
    QCOMPARE(revision->dependsOn.value(), (QStringList { QStringLiteral("s1"), QStringLiteral("s2") }));
    QCOMPARE(warnings.size(), 0);
}

void AlembicParserTest::takesTheRevisionIdFromALegacyFileName()
{
    Result<Revision> revision =
        parse(QStringLiteral("down_revision = None\n"), nullptr, {}, QStringLiteral("versions/4fa3b2c1.py"));
    QVERIFY2(revision.ok(), qPrintable(errorText(revision)));
    QCOMPARE(revision->id, QStringLiteral("4fa3b2c1"));
}

void AlembicParserTest::rejectsBadFiles_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("no-revision") << QStringLiteral("down_revision = None\n") << 1
                                 << QStringLiteral("no module-level `revision = \"...\"`");
    QTest::newRow("revision-only-python-knows")
        << QStringLiteral("import uuid\n\nrevision = uuid.uuid4().hex\ndown_revision = None\n") << 3
        << QStringLiteral("revision = uuid.uuid4().hex cannot be read without running Python");
    QTest::newRow("down-revision-only-python-knows")
        << QStringLiteral("revision = 'a1'\ndown_revision = latest()\n") << 2
        << QStringLiteral("down_revision = latest() cannot be read without running Python");
    QTest::newRow("no-down-revision") << QStringLiteral("\nrevision = 'a1'\n") << 2
                                      << QStringLiteral("no module-level `down_revision = ...`");
    QTest::newRow("revision-is-not-a-string") << QStringLiteral("revision = 42\ndown_revision = None\n") << 1
                                              << QStringLiteral("revision = 42 is not a valid revision id");
    QTest::newRow("revision-with-a-dash") << QStringLiteral("revision = 'a-1'\ndown_revision = None\n") << 1
                                          << QStringLiteral("is not a valid revision id");
    QTest::newRow("down-revision-not-strings") << QStringLiteral("revision = 'a1'\ndown_revision = ('b2', None)\n") << 2
                                               << QStringLiteral("is not a revision id, a tuple or list");
    QTest::newRow("own-parent") << QStringLiteral("revision = 'a1'\ndown_revision = 'a1'\n") << 2
                                << QStringLiteral("lists itself as its own down_revision");
    QTest::newRow("depends-on-itself") << QStringLiteral("revision = 'a1'\ndown_revision = None\ndepends_on = 'a1'\n")
                                       << 3 << QStringLiteral("depends on itself");
    QTest::newRow("string-never-closed") << QStringLiteral("revision = 'a1'\ndown_revision = None\nx = '''open\n\n")
                                         << 3 << QStringLiteral("a triple-quoted string that is never closed");
    QTest::newRow("string-not-closed-on-its-line")
        << QStringLiteral("revision = 'a1\ndown_revision = None\n") << 1 << QStringLiteral("not closed on its line");
    QTest::newRow("stray-backslash") << QStringLiteral("revision = 'a1'\ndown_revision = None \\ x\n") << 2
                                     << QStringLiteral("a backslash outside a string");
}

void AlembicParserTest::rejectsBadFiles()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, message);
    Result<Revision> revision = parse(text);
    QVERIFY(!revision.ok());
    QCOMPARE(revision.error().file, kPath);
    QCOMPARE(revision.error().line, line);
    QVERIFY2(revision.error().message.contains(message), qPrintable(revision.error().message));
}

void AlembicParserTest::readsTheDeclaredEncoding()
{
    Test::TemporaryProject project;
    const QString latin1 = project.writeFile(QStringLiteral("versions/a1_latin1.py"),
        "# -*- coding: latin-1 -*-\n\"\"\"Caf\xe9 table\"\"\"\nrevision = 'a1'\ndown_revision = None\n");
    Result<Revision> revision = AlembicRevisionParser::parseFile(latin1, {}, nullptr);
    QVERIFY2(revision.ok(), qPrintable(errorText(revision)));
    QCOMPARE(revision->message, QStringLiteral("Caf\u00e9 table"));

    const QString undeclared = project.writeFile(QStringLiteral("versions/b2_undeclared.py"),
        "revision = 'b2'\ndown_revision = None\n\"\"\"Caf\xe9 table\"\"\"\n");
    revision = AlembicRevisionParser::parseFile(undeclared, {}, nullptr);
    QVERIFY(!revision.ok());
    QCOMPARE(revision.error().file, undeclared);
    QCOMPARE(revision.error().line, 3);
    QVERIFY2(
        revision.error().message.contains(QStringLiteral("not valid UTF-8")), qPrintable(revision.error().message));

    const QString other = project.writeFile(QStringLiteral("versions/c3_other.py"),
        "#!/usr/bin/env python\n# vim: set fileencoding=koi8-r :\nrevision = 'c3'\ndown_revision = None\n");
    revision = AlembicRevisionParser::parseFile(other, {}, nullptr);
    QVERIFY(!revision.ok());
    QCOMPARE(revision.error().line, 2);
    QVERIFY2(revision.error().message.contains(QStringLiteral("koi8-r")), qPrintable(revision.error().message));
}

QTEST_GUILESS_MAIN(AlembicParserTest)
#include "tst_alembicparser.moc"
