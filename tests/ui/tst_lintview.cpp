// The desktop's lint pieces: the findings list (one row per finding, with
// the lock and the live facts), the squiggles in the editor over each
// finding's statement range, and Help > Lint Rules from the rule data.
#include "editor/sqleditor.h"
#include "lint/findingmarks.h"
#include "lint/findingsview.h"
#include "lint/linter.h"
#include "lint/lintfindingmodel.h"
#include "lint/lintrules.h"
#include "lint/lintrulesdialog.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <QTextBrowser>

using namespace Retort;

class LintViewTest : public QObject
{
    Q_OBJECT
private slots:
    void findingsList();
    void squigglesOverStatementRanges();
    void rulesReferenceHasEveryRule();
};

namespace {

const QString kSql =
    QStringLiteral("SELECT 1;\n  CREATE INDEX ix\n    ON orders (a);\nALTER TABLE t ADD COLUMN c text NOT NULL;\n");

QList<LintFinding> findings()
{
    LintSettings settings;
    settings.disabled = { QStringLiteral("missing-lock-timeout"), QStringLiteral("missing-statement-timeout") };
    Linter linter(17, settings);
    return linter.lint({ kSql, 1, QStringLiteral("a.sql"), {}, false });
}

} // namespace

void LintViewTest::findingsList()
{
    FindingsView view;
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<LintFinding> list = findings();
    QCOMPARE(list.size(), 2);
    list[0].live.checked = true;
    list[0].live.totalBytes = 2048;
    list[0].live.rowEstimate = 1500;
    list[0].live.dataCheck = QStringLiteral("no duplicated value(s) of (a): the statement will succeed");
    view.setFindings(list);
    QCOMPARE(view.model()->rowCount(), 2);
    const auto cell = [&](int row, int column) { return view.model()->index(row, column).data().toString(); };
    QCOMPARE(cell(0, LintFindingModel::RuleColumn), QStringLiteral("create-index-blocking"));
    QCOMPARE(cell(0, LintFindingModel::LineColumn), QStringLiteral("2"));
    QCOMPARE(cell(0, LintFindingModel::LockColumn), QStringLiteral("SHARE"));
    QVERIFY2(cell(0, LintFindingModel::TableColumn).startsWith(QLatin1String("orders (")), qPrintable(cell(0, 4)));
    QCOMPARE(cell(0, LintFindingModel::DataColumn), list[0].live.dataCheck);
    QCOMPARE(cell(1, LintFindingModel::SeverityColumn), QStringLiteral("error"));
    QVERIFY(view.title().contains(QLatin1String("1 error")));
}

void LintViewTest::squigglesOverStatementRanges()
{
    SqlEditor editor;
    editor.setText(kSql);
    FindingMarks marks(&editor);
    marks.setFindings(findings());
    // The index statement spans lines 2-3 (0-based 1-2) from column 2.
    QVERIFY(!marks.isMarked(1, 0, LintSeverity::Warning));
    QVERIFY(marks.isMarked(1, 3, LintSeverity::Warning));
    QVERIFY(marks.isMarked(2, 6, LintSeverity::Warning));
    QVERIFY(marks.isMarked(3, 5, LintSeverity::Error));
    QVERIFY(!marks.isMarked(0, 3, LintSeverity::Warning));
    QCOMPARE(marks.findingsAt(2, 6).size(), 1);
    QCOMPARE(marks.findingsAt(2, 6).first().rule, QStringLiteral("create-index-blocking"));
    marks.setFindings({});
    QVERIFY(!marks.isMarked(1, 3, LintSeverity::Warning));
}

void LintViewTest::rulesReferenceHasEveryRule()
{
    LintRulesDialog dialog;
    const QString text = dialog.browser()->toPlainText();
    for (const LintRule &rule : lintRules())
        QVERIFY2(text.contains(QLatin1String(rule.id)), rule.id);
}

QTEST_MAIN(LintViewTest)
#include "tst_lintview.moc"
