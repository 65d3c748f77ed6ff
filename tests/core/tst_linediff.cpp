#include "diff/linediff.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Retort;

namespace {

// The diff as `diff -u` would print its body: " kept", "-removed", "+added".
QString render(const QList<DiffLine> &diff)
{
    QStringList lines;
    for (const DiffLine &line : diff) {
        const char mark = line.kind == DiffLine::Same ? ' ' : line.kind == DiffLine::Removed ? '-' : '+';
        lines.append(QLatin1Char(mark) + line.text);
    }
    return lines.join(QLatin1Char('\n'));
}

QStringList letters(const char *text)
{
    QStringList result;
    for (const char *c = text; *c; ++c)
        result.append(QString(QLatin1Char(*c)));
    return result;
}

} // namespace

class LineDiffTest : public QObject
{
    Q_OBJECT
private slots:
    void findsTheShortestEdit_data();
    void findsTheShortestEdit();
    void editsNoMoreThanNeeded();
    void replaysIntoBothTexts();
    void pairsChangesSideBySide();
    void splitsTextIntoLines_data();
    void splitsTextIntoLines();
};

void LineDiffTest::findsTheShortestEdit_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QStringList>("after");
    QTest::addColumn<QString>("expected");
    QTest::newRow("identical") << letters("abc") << letters("abc") << QStringLiteral(" a\n b\n c");
    QTest::newRow("both-empty") << QStringList() << QStringList() << QString();
    QTest::newRow("all-added") << QStringList() << letters("ab") << QStringLiteral("+a\n+b");
    QTest::newRow("all-removed") << letters("ab") << QStringList() << QStringLiteral("-a\n-b");
    QTest::newRow("line-changed") << letters("abc") << letters("aXc") << QStringLiteral(" a\n-b\n+X\n c");
    QTest::newRow("line-inserted-at-start") << letters("bc") << letters("abc") << QStringLiteral("+a\n b\n c");
    QTest::newRow("line-appended") << letters("ab") << letters("abc") << QStringLiteral(" a\n b\n+c");
    QTest::newRow("statement-edited-in-migration")
        << QStringList { QStringLiteral("ALTER TABLE users"), QStringLiteral("  ADD COLUMN note text;"),
               QStringLiteral("CREATE INDEX ix ON users (note);") }
        << QStringList { QStringLiteral("ALTER TABLE users"), QStringLiteral("  ADD COLUMN note text NOT NULL;"),
               QStringLiteral("CREATE INDEX ix ON users (note);") }
        << QStringLiteral(" ALTER TABLE users\n-  ADD COLUMN note text;\n+  ADD COLUMN note text NOT NULL;\n CREATE "
                          "INDEX ix ON users (note);");
}

void LineDiffTest::findsTheShortestEdit()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    QFETCH(QString, expected);
    QCOMPARE(render(diffLines(before, after)), expected);
}

// The example of Myers' paper: several scripts of five edits exist, none
// shorter.
void LineDiffTest::editsNoMoreThanNeeded()
{
    int edits = 0;
    for (const DiffLine &line : diffLines(letters("abcabba"), letters("cbabac")))
        edits += line.kind != DiffLine::Same;
    QCOMPARE(edits, 5);
}

// On random texts: taking the kept and removed lines gives back the old
// text, the kept and added ones the new text, line numbers included; and
// no diff is longer than deleting everything and adding it back.
void LineDiffTest::replaysIntoBothTexts()
{
    QRandomGenerator random(7);
    for (int round = 0; round < 300; ++round) {
        QStringList before;
        QStringList after;
        for (int i = random.bounded(30); i > 0; --i)
            before.append(QString(QLatin1Char(char('a' + random.bounded(4)))));
        for (int i = random.bounded(30); i > 0; --i)
            after.append(QString(QLatin1Char(char('a' + random.bounded(4)))));
        const QList<DiffLine> diff = diffLines(before, after);
        QStringList oldSide;
        QStringList newSide;
        int edits = 0;
        for (const DiffLine &line : diff) {
            if (line.kind != DiffLine::Added) {
                QCOMPARE(line.oldLine, int(oldSide.size()));
                oldSide.append(line.text);
            }
            if (line.kind != DiffLine::Removed) {
                QCOMPARE(line.newLine, int(newSide.size()));
                newSide.append(line.text);
            }
            edits += line.kind != DiffLine::Same;
        }
        QCOMPARE(oldSide, before);
        QCOMPARE(newSide, after);
        QVERIFY(edits <= before.size() + after.size());
    }
}

void LineDiffTest::pairsChangesSideBySide()
{
    const QList<DiffRow> rows = sideBySideRows(diffLines(letters("abcd"), letters("aXYd")));
    const QList<DiffRow> expected { { DiffRow::Same, 0, 0 }, { DiffRow::Changed, 1, 1 }, { DiffRow::Changed, 2, 2 },
        { DiffRow::Same, 3, 3 } };
    QCOMPARE(rows, expected);
    const QList<DiffRow> uneven = sideBySideRows(diffLines(letters("abc"), letters("aXYZc")));
    const QList<DiffRow> expectedUneven { { DiffRow::Same, 0, 0 }, { DiffRow::Changed, 1, 1 },
        { DiffRow::Added, -1, 2 }, { DiffRow::Added, -1, 3 }, { DiffRow::Same, 2, 4 } };
    QCOMPARE(uneven, expectedUneven);
}

void LineDiffTest::splitsTextIntoLines_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("lines");
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("no-final-newline") << QStringLiteral("a\nb") << letters("ab");
    QTest::newRow("final-newline") << QStringLiteral("a\nb\n") << letters("ab");
    QTest::newRow("crlf") << QStringLiteral("a\r\nb\r\n") << letters("ab");
    QTest::newRow("blank-line-kept") << QStringLiteral("a\n\nb")
                                     << QStringList { QStringLiteral("a"), QString(), QStringLiteral("b") };
}

void LineDiffTest::splitsTextIntoLines()
{
    QFETCH(QString, text);
    QFETCH(QStringList, lines);
    QCOMPARE(diffableLines(text), lines);
}

QTEST_GUILESS_MAIN(LineDiffTest)
#include "tst_linediff.moc"
