// Two environments compared (revisions, schemas) and one promoted to where
// another is, native and Alembic, refused when a file changed since it ran
// there. Against the test server.
#include "branches/errorlabel.h"
#include "editor/sqleditor.h"
#include "environments/comparedialog.h"
#include "environmentstestutil.h"
#include "graph/revisiongraphmodel.h"
#include "review/diffview.h"
#include "review/planstepmodel.h"
#include "run/rundialog.h"
#include "screenshots.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>

using namespace Retort;
using namespace Retort::Test;

namespace {

// The run dialog a promotion opened, once it has planned; null if none did.
RunDialog *plannedRunDialog(MainWindow &window)
{
    RunDialog *run = nullptr;
    const bool planned = QTest::qWaitFor(
        [&window, &run] {
            run = window.findChild<RunDialog *>();
            return run && run->isPlanned();
        },
        kRunTimeoutMs);
    return planned ? run : nullptr;
}

// Asks `dialog` to promote `to` to where `from` is: the refusal it shows,
// or nothing when it promoted instead (or never finished its check).
QString promotionRefusal(CompareDialog *dialog, const QString &from, const QString &to)
{
    dialog->setPair(from, to);
    QSignalSpy promoted(dialog, &CompareDialog::promoteRequested);
    dialog->promote();
    if (!QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, kReadTimeoutMs) || promoted.count() > 0)
        return {};
    return dialog->findChild<ErrorLabel *>()->errorText();
}

} // namespace

class EnvironmentCompareTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void compareShowsRevisionsAndSchemas();
    void promoteRunsWhatRanOnTheSource();
    void promoteIsRefusedWhenAFileChanged();
    void alembicProjectStandsAndPromotes();
};

void EnvironmentCompareTest::initTestCase()
{
    const QString why = prepareEnvironmentsSuite();
    if (!why.isEmpty())
        QSKIP(qPrintable(why));
}

void EnvironmentCompareTest::init()
{
    QSettings().remove(QStringLiteral("environments")); // each test starts with none watched
}

void EnvironmentCompareTest::compareShowsRevisionsAndSchemas()
{
    ThreeEnvironments environments;
    QVERIFY2(environments.isValid(), qPrintable(environments.error));
    MainWindow window;
    QVERIFY(environments.openIn(window));

    CompareDialog *dialog = window.environmentActions()->compare(QStringLiteral("staging"));
    QVERIFY(dialog);
    dialog->setPair(QStringLiteral("staging"), QStringLiteral("production"));
    QCOMPARE(dialog->onlyIn(QStringLiteral("staging")), QStringList { QStringLiteral("r2") });
    QCOMPARE(dialog->onlyIn(QStringLiteral("production")), QStringList());
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, kReadTimeoutMs));
    QVERIFY2(dialog->schemaSummary().contains(QLatin1String("change")), qPrintable(dialog->schemaSummary()));
    // Left: production as it is; right: staging, with orders.
    QVERIFY(!dialog->schemaDiff()->leftEditor()->text().contains(QLatin1String("orders")));
    QVERIFY(dialog->schemaDiff()->rightEditor()->text().contains(QLatin1String("CREATE TABLE public.orders")));

    dialog->setPair(QStringLiteral("dev"), QStringLiteral("staging"));
    QCOMPARE(dialog->onlyIn(QStringLiteral("dev")), QStringList { QStringLiteral("r3") });
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, kReadTimeoutMs));
    QVERIFY(dialog->schemaDiff()->rightEditor()->text().contains(QLatin1String("invoices")));
    dialog->findChild<QTabWidget *>()->setCurrentIndex(1);
    dialog->resize(1100, 640);
    QVERIFY(saveScreenshot(dialog, QStringLiteral("environments-compare")));
}

void EnvironmentCompareTest::promoteRunsWhatRanOnTheSource()
{
    ThreeEnvironments environments;
    QVERIFY2(environments.isValid(), qPrintable(environments.error));
    MainWindow window;
    QVERIFY(environments.openIn(window));

    CompareDialog *dialog = window.environmentActions()->compare();
    dialog->setPair(QStringLiteral("staging"), QStringLiteral("production"));
    dialog->promote();
    // The guided run opens on production, planned to where staging is.
    RunDialog *run = plannedRunDialog(window);
    QVERIFY(run);
    QVERIFY2(dialog->promotionText().contains(QLatin1String("r2")), qPrintable(dialog->promotionText()));
    QCOMPARE(run->steps()->rowCount(), 1);
    // Production: the database's name is typed before it runs.
    QVERIFY(!run->runButton()->isEnabled());
    run->confirmationEdit()->setText(environments.production.settings().database);
    QVERIFY(run->runButton()->isEnabled());
    QTest::mouseClick(run->runButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([run] { return run->hasFinished(); }, kRunTimeoutMs));
    QCOMPARE(versionRows(environments.production.settings()), QStringList { QStringLiteral("r2") });
    // The panel and the graph follow.
    EnvironmentSet *set = window.environmentActions()->environments();
    QVERIFY(QTest::qWaitFor([set] { return set->at(2).rows == QStringList { QStringLiteral("r2") }; }, kReadTimeoutMs));
    QVERIFY(waitIdle(window));
    QCOMPARE(dialog->onlyIn(QStringLiteral("staging")), QStringList());
}

void EnvironmentCompareTest::promoteIsRefusedWhenAFileChanged()
{
    ThreeEnvironments environments;
    QVERIFY2(environments.isValid(), qPrintable(environments.error));
    // r3 ran on dev; then its file changed.
    environments.files.writeRevision(QStringLiteral("r3.sql"),
        revisionFile(QStringLiteral("r3"), QStringLiteral("r2"),
            QStringLiteral("CREATE TABLE invoices (id int, total numeric);"), QStringLiteral("DROP TABLE invoices;")));
    MainWindow window;
    QVERIFY(environments.openIn(window));
    CompareDialog *dialog = window.environmentActions()->compare();
    const QString refusal = promotionRefusal(dialog, QStringLiteral("dev"), QStringLiteral("staging"));
    QVERIFY(!window.findChild<RunDialog *>());
    QVERIFY2(refusal.contains(QLatin1String("r3")), qPrintable(refusal));
    QCOMPARE(versionRows(environments.staging.settings()), QStringList { QStringLiteral("r2") });
}

void EnvironmentCompareTest::alembicProjectStandsAndPromotes()
{
    ThreeEnvironments environments(ProjectType::Alembic);
    QVERIFY2(environments.isValid(), qPrintable(environments.error));
    MainWindow window;
    QVERIFY(environments.openIn(window));
    QCOMPARE(window.project().kind, ProjectKind::Alembic);

    // Where each stands, read from Alembic's version table.
    EnvironmentSet *set = window.environmentActions()->environments();
    QCOMPARE(set->at(0).rows, QStringList { QStringLiteral("r3") });
    QCOMPARE(set->at(1).rows, QStringList { QStringLiteral("r2") });
    QCOMPARE(set->at(2).rows, QStringList { QStringLiteral("r1") });
    QCOMPARE(set->at(2).pending, 2);
    const RevisionGraphModel *model = window.graphModel();
    const int r2 = model->project().graph.indexOf(QStringLiteral("r2"));
    QCOMPARE(model->environmentState(1, r2), RevisionState::Current);
    QCOMPARE(model->environmentState(2, r2), RevisionState::Pending);

    // Compare: the schemas differ by the orders table.
    CompareDialog *dialog = window.environmentActions()->compare();
    dialog->setPair(QStringLiteral("staging"), QStringLiteral("production"));
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, kReadTimeoutMs));
    QCOMPARE(dialog->onlyIn(QStringLiteral("staging")), QStringList { QStringLiteral("r2") });
    QVERIFY(!dialog->schemaDiff()->leftEditor()->text().contains(QLatin1String("orders")));
    QVERIFY(dialog->schemaDiff()->rightEditor()->text().contains(QLatin1String("CREATE TABLE public.orders")));

    // Promote: what Alembic ran on staging (recorded by Retort) runs on
    // production, through Alembic, after the name is typed.
    dialog->promote();
    RunDialog *run = plannedRunDialog(window);
    QVERIFY(run);
    QCOMPARE(run->steps()->rowCount(), 1);
    QVERIFY2(run->editor()->text().contains(QLatin1String("-- Running upgrade r1 -> r2")),
        qPrintable(run->editor()->text()));
    QVERIFY(!run->runButton()->isEnabled());
    run->confirmationEdit()->setText(environments.production.settings().database);
    QTest::mouseClick(run->runButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([run] { return run->hasFinished(); }, kRunTimeoutMs));
    QVERIFY2(run->log()->toPlainText().contains(QLatin1String("Running upgrade r1 -> r2")),
        qPrintable(run->log()->toPlainText()));
    QCOMPARE(versionRows(environments.production.settings()), QStringList { QStringLiteral("r2") });
    QVERIFY(QTest::qWaitFor([set] { return set->at(2).rows == QStringList { QStringLiteral("r2") }; }, kReadTimeoutMs));

    // A Python file changed after it ran on dev: promoting dev is refused.
    const QString r3File = environments.projectPath + QStringLiteral("/alembic/versions/r3.py");
    QFile file(r3File);
    QVERIFY2(file.open(QIODevice::Append), qPrintable(r3File));
    file.write("\n# reviewed again\n");
    file.close();
    QVERIFY(waitIdle(window));
    const QString refusal = promotionRefusal(dialog, QStringLiteral("dev"), QStringLiteral("staging"));
    QVERIFY2(refusal.contains(QLatin1String("r3")), qPrintable(refusal));
    QCOMPARE(versionRows(environments.staging.settings()), QStringList { QStringLiteral("r2") });
}

QTEST_MAIN(EnvironmentCompareTest)
#include "tst_environmentcompare.moc"
