#include "editor/sqleditor.h"
#include "review/diffview.h"

#include <KSyntaxHighlighting/Theme>
#include <QTest>

using namespace Retort;

namespace {

QList<int> markedLines(SqlEditor *editor, int marker)
{
    QList<int> lines;
    for (int line = 0; line < editor->lines(); ++line) {
        if (editor->markersAtLine(line) & (1 << marker))
            lines.append(line);
    }
    return lines;
}

} // namespace

class DiffViewTest : public QObject
{
    Q_OBJECT
private slots:
    void showsAnEditUnified();
    void alignsAnEditSideBySide();
    void showsNewSqlAsAdded();
};

void DiffViewTest::showsAnEditUnified()
{
    DiffView view;
    view.setTexts(QStringLiteral("ALTER TABLE users\n  ADD COLUMN note text;\nSELECT 1;\n"),
        QStringLiteral("ALTER TABLE users\n  ADD COLUMN note text NOT NULL;\nSELECT 1;\n"),
        QStringLiteral("SQL (PostgreSQL)"), QStringLiteral("What ran"), QStringLiteral("The file now"));
    QCOMPARE(view.mode(), DiffView::Unified);
    QCOMPARE(view.unifiedText(),
        QStringLiteral(" ALTER TABLE users\n-  ADD COLUMN note text;\n+  ADD COLUMN note text NOT NULL;\n SELECT 1;"));
    SqlEditor *editor = view.unifiedEditor();
    QCOMPARE(editor->language(), QStringLiteral("SQL (PostgreSQL)"));
    // Highlighted as SQL, with the changed lines marked.
    QCOMPARE(editor->styleAt(0), int(KSyntaxHighlighting::Theme::Keyword));
    QCOMPARE(markedLines(editor, SqlEditor::RemovedLine), QList<int> { 1 });
    QCOMPARE(markedLines(editor, SqlEditor::AddedLine), QList<int> { 2 });
}

void DiffViewTest::alignsAnEditSideBySide()
{
    DiffView view;
    view.setMode(DiffView::SideBySide);
    view.setTexts(QStringLiteral("a;\nb;\nc;\n"), QStringLiteral("a;\nB;\nx;\ny;\nc;\n"), QStringLiteral("SQL"),
        QStringLiteral("before"), QStringLiteral("after"));
    QCOMPARE(view.mode(), DiffView::SideBySide);
    // Rows line up: the extra new lines face blank lines on the left.
    QCOMPARE(view.leftEditor()->text(), QStringLiteral("a;\nb;\n\n\nc;"));
    QCOMPARE(view.rightEditor()->text(), QStringLiteral("a;\nB;\nx;\ny;\nc;"));
    QCOMPARE(markedLines(view.leftEditor(), SqlEditor::RemovedLine), QList<int> { 1 });
    QCOMPARE(markedLines(view.rightEditor(), SqlEditor::AddedLine), (QList<int> { 1, 2, 3 }));
    // The margins number the lines of each text, not the rows.
    QCOMPARE(view.rightEditor()->marginTextAt(4), QStringLiteral("5"));
    QCOMPARE(view.leftEditor()->marginTextAt(4), QStringLiteral("3"));
    QCOMPARE(view.leftEditor()->marginTextAt(2), QString());
}

void DiffViewTest::showsNewSqlAsAdded()
{
    DiffView view;
    view.setTexts({}, QStringLiteral("CREATE TABLE t (id int);\nDROP TABLE u;"), QStringLiteral("SQL"), {}, {});
    QCOMPARE(view.unifiedText(), QStringLiteral("+CREATE TABLE t (id int);\n+DROP TABLE u;"));
    QCOMPARE(markedLines(view.unifiedEditor(), SqlEditor::AddedLine), (QList<int> { 0, 1 }));
    view.clear();
    QCOMPARE(view.unifiedText(), QString());
}

QTEST_MAIN(DiffViewTest)
#include "tst_diffview.moc"
