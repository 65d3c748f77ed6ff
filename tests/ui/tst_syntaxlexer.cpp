#include "editor/sqleditor.h"
#include "editor/syntaxlexer.h"

#include <KSyntaxHighlighting/Theme>
#include <QTest>

using namespace Retort;
using Style = KSyntaxHighlighting::Theme::TextStyle;

class SyntaxLexerTest : public QObject
{
    Q_OBJECT
private slots:
    void stylesKeywordsStringsAndComments_data();
    void stylesKeywordsStringsAndComments();
    void countsBytesNotCharacters();
    void reHighlightsFromTheEditedLine();
    void foldsTheSectionsOfARevisionFile();
};

void SyntaxLexerTest::stylesKeywordsStringsAndComments_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("word"); // first occurrence is checked
    QTest::addColumn<QList<int>>("styles"); // any of these
    // PostgreSQL's standard strings take no backslash escapes, so its
    // definition styles them as verbatim strings (the quotes as strings).
    const QList<int> string { int(Style::String), int(Style::VerbatimString) };

    const QString sql = QStringLiteral("-- add a column\nALTER TABLE users ADD COLUMN note text DEFAULT 'none';\n");
    QTest::newRow("postgresql-keyword") << QStringLiteral("SQL (PostgreSQL)") << sql << QStringLiteral("ALTER")
                                        << QList<int> { int(Style::Keyword) };
    QTest::newRow("postgresql-string") << QStringLiteral("SQL (PostgreSQL)") << sql << QStringLiteral("'none'")
                                       << string;
    QTest::newRow("postgresql-comment") << QStringLiteral("SQL (PostgreSQL)") << sql << QStringLiteral("add a")
                                        << QList<int> { int(Style::Comment) };
    QTest::newRow("postgresql-identifier")
        << QStringLiteral("SQL (PostgreSQL)") << sql << QStringLiteral("users") << QList<int> { int(Style::Normal) };
    QTest::newRow("postgresql-data-type")
        << QStringLiteral("SQL (PostgreSQL)") << sql << QStringLiteral("text") << QList<int> { int(Style::DataType) };
    QTest::newRow("sqlite-keyword") << QStringLiteral("SQL") << sql << QStringLiteral("TABLE")
                                    << QList<int> { int(Style::Keyword) };
    QTest::newRow("sqlite-string") << QStringLiteral("SQL") << sql << QStringLiteral("'none'") << string;
    const QString python =
        QStringLiteral("\"\"\"Add a note\"\"\"\nfrom alembic import op\n\ndef upgrade():\n    op.execute('x')\n");
    QTest::newRow("python-keyword") << QStringLiteral("Python") << python << QStringLiteral("def")
                                    << QList<int> { int(Style::Keyword) };
    QTest::newRow("python-string") << QStringLiteral("Python") << python << QStringLiteral("'x'") << string;
}

void SyntaxLexerTest::stylesKeywordsStringsAndComments()
{
    QFETCH(QString, language);
    QFETCH(QString, text);
    QFETCH(QString, word);
    QFETCH(QList<int>, styles);
    SqlEditor editor;
    editor.setLanguage(language);
    QCOMPARE(editor.language(), language);
    editor.setText(text);
    const int at = int(text.indexOf(word));
    QVERIFY(at >= 0);
    // Every character of the word, not just the first.
    for (int i = at; i < at + word.size(); ++i)
        QVERIFY2(styles.contains(editor.styleAt(i)),
            qPrintable(QStringLiteral("style %1 at %2").arg(editor.styleAt(i)).arg(i)));
}

void SyntaxLexerTest::countsBytesNotCharacters()
{
    // Before the string: characters of two, three and four UTF-8 bytes, and
    // one that is two UTF-16 units. A lexer that mixed up the two counts
    // would style the wrong bytes.
    SqlEditor editor;
    editor.setLanguage(QStringLiteral("SQL (PostgreSQL)"));
    const QString text = QStringLiteral("SELECT 'é€😀' AS x, 'plain' FROM t;\n");
    editor.setText(text);
    const int plain = int(text.indexOf(QLatin1String("'plain'")));
    for (int i = plain; i < plain + 7; ++i)
        QVERIFY(editor.styleAt(i) == int(Style::String) || editor.styleAt(i) == int(Style::VerbatimString));
    QCOMPARE(editor.styleAt(int(text.indexOf(QLatin1String("FROM")))), int(Style::Keyword));
    QCOMPARE(editor.styleAt(int(text.indexOf(QLatin1String(" AS")))), int(Style::Normal));
}

void SyntaxLexerTest::reHighlightsFromTheEditedLine()
{
    SqlEditor editor;
    editor.setReadOnly(false);
    editor.setLanguage(QStringLiteral("SQL (PostgreSQL)"));
    QStringList lines;
    for (int i = 0; i < 40; ++i)
        lines.append(QStringLiteral("INSERT INTO t VALUES (%1);").arg(i));
    editor.setText(lines.join(QLatin1Char('\n')));
    QCOMPARE(editor.styleAt(0), int(Style::Keyword));
    QCOMPARE(editor.syntaxLexer()->lastFirstLine(), 0);

    // Opening a block comment on line 20 turns the lines after it into
    // comment, and highlighting resumes at line 20, not at the top.
    editor.insertAt(QStringLiteral("/* "), 20, 0);
    QCOMPARE(
        editor.styleAt(int(editor.text().indexOf(QLatin1String("INSERT INTO t VALUES (25)")))), int(Style::Comment));
    QCOMPARE(editor.syntaxLexer()->lastFirstLine(), 20);
    QCOMPARE(
        editor.styleAt(int(editor.text().indexOf(QLatin1String("INSERT INTO t VALUES (19)")))), int(Style::Keyword));

    // Closing it on line 30 restores the keywords after it.
    editor.insertAt(QStringLiteral("*/ "), 30, 0);
    QCOMPARE(
        editor.styleAt(int(editor.text().indexOf(QLatin1String("INSERT INTO t VALUES (35)")))), int(Style::Keyword));
    QCOMPARE(editor.syntaxLexer()->lastFirstLine(), 30);
    QCOMPARE(
        editor.styleAt(int(editor.text().indexOf(QLatin1String("INSERT INTO t VALUES (25)")))), int(Style::Comment));
}

void SyntaxLexerTest::foldsTheSectionsOfARevisionFile()
{
    SqlEditor editor;
    editor.setLanguage(QStringLiteral("SQL (PostgreSQL)"));
    editor.setText(QStringLiteral("-- revision: a\n-- message: m\n\n-- migrate:upgrade\nCREATE TABLE t (id int);\n"
                                  "SELECT 1;\n\n-- migrate:downgrade\nDROP TABLE t;\n"));
    editor.styleAt(0); // highlights everything
    const auto level = [&editor](
                           int line) { return int(editor.SendScintilla(QsciScintillaBase::SCI_GETFOLDLEVEL, line)); };
    const int header = QsciScintillaBase::SC_FOLDLEVELHEADERFLAG;
    QVERIFY(level(3) & header);
    QVERIFY(level(7) & header);
    QVERIFY(!(level(4) & header));
    QVERIFY((level(4) & QsciScintillaBase::SC_FOLDLEVELNUMBERMASK) >
        (level(3) & QsciScintillaBase::SC_FOLDLEVELNUMBERMASK));
    // Folding the upgrade section hides its statements, not the downgrade.
    editor.foldLine(3);
    QVERIFY(!editor.SendScintilla(QsciScintillaBase::SCI_GETLINEVISIBLE, 5));
    QVERIFY(editor.SendScintilla(QsciScintillaBase::SCI_GETLINEVISIBLE, 8));
}

QTEST_MAIN(SyntaxLexerTest)
#include "tst_syntaxlexer.moc"
