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

// The length of the longest common subsequence, by the textbook table: a
// shortest edit script keeps exactly that many lines.
int commonLines(const QStringList &a, const QStringList &b)
{
    QList<QList<int>> table(a.size() + 1, QList<int>(b.size() + 1, 0));
    for (qsizetype i = 1; i <= a.size(); ++i) {
        for (qsizetype j = 1; j <= b.size(); ++j) {
            table[i][j] =
                a.at(i - 1) == b.at(j - 1) ? table[i - 1][j - 1] + 1 : std::max(table[i - 1][j], table[i][j - 1]);
        }
    }
    return table[a.size()][b.size()];
}

// Checks that `diff` replays into both texts, line numbers included, and
// returns how many lines it edits.
int replayedEdits(const QList<DiffLine> &diff, const QStringList &before, const QStringList &after)
{
    QStringList oldSide;
    QStringList newSide;
    int edits = 0;
    for (const DiffLine &line : diff) {
        if (line.kind != DiffLine::Added) {
            if (line.oldLine != int(oldSide.size()))
                return -1;
            oldSide.append(line.text);
        }
        if (line.kind != DiffLine::Removed) {
            if (line.newLine != int(newSide.size()))
                return -1;
            newSide.append(line.text);
        }
        edits += line.kind != DiffLine::Same;
    }
    return oldSide == before && newSide == after ? edits : -1;
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
    void handlesLongTexts_data();
    void handlesLongTexts();
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
        const int edits = replayedEdits(diffLines(before, after), before, after);
        // As short as can be: everything not in the longest common subsequence.
        QCOMPARE(edits, int(before.size() + after.size()) - 2 * commonLines(before, after));
    }
}

// Texts as long as a review of thousands of migrations: memory must stay
// linear (the greedy search kept a frontier per edit step and needed
// gigabytes for 70,000 added lines).
void LineDiffTest::handlesLongTexts_data()
{
    QTest::addColumn<int>("lines");
    QTest::addColumn<int>("editEvery"); // 0: the old text is empty
    QTest::addColumn<int>("expectedEdits");
    QTest::newRow("100000-lines-added") << 100000 << 0 << 100000;
    QTest::newRow("20000-lines-one-in-50-changed") << 20000 << 50 << 2 * 400;
    QTest::newRow("20000-lines-one-in-2-changed") << 20000 << 2 << 2 * 10000;
}

void LineDiffTest::handlesLongTexts()
{
    QFETCH(int, lines);
    QFETCH(int, editEvery);
    QFETCH(int, expectedEdits);
    QStringList before;
    QStringList after;
    for (int i = 0; i < lines; ++i) {
        const QString line = QStringLiteral("ALTER TABLE t%1 ADD COLUMN c%1 integer;").arg(i);
        if (editEvery > 0)
            before.append(line);
        after.append(editEvery > 0 && i % editEvery == 0 ? line + QStringLiteral(" -- edited") : line);
    }
    QCOMPARE(replayedEdits(diffLines(before, after), before, after), expectedEdits);
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
