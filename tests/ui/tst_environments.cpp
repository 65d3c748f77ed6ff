// Environments side by side: several connection profiles watched at once,
// on the graph, in the panel and the status bar; one made active; each one
// checked for drift and its history read, by a role that only reads where
// it matters. Against the test server. (Comparing and promoting:
// tst_environmentcompare.cpp.)
#include "db/databasecontroller.h"
#include "editor/sqleditor.h"
#include "environments/comparedialog.h"
#include "environments/environmenthistorydialog.h"
#include "environments/environmentmodel.h"
#include "environments/environmentspanel.h"
#include "environmentstestutil.h"
#include "graph/revisiongraphmodel.h"
#include "history/historymodel.h"
#include "history/historypage.h"
#include "profiles/profilestore.h"
#include "review/diffview.h"
#include "screenshots.h"
#include "settings/appearance.h"

#include <QDockWidget>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Retort;
using namespace Retort::Test;

namespace {

// A listening socket that never accepts: the kernel completes the
// handshake, and a client then waits for a server that never speaks.
class SilentServer
{
public:
    SilentServer()
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_socket < 0 || ::bind(m_socket, reinterpret_cast<sockaddr *>(&address), length) != 0 ||
            ::listen(m_socket, 8) != 0 || ::getsockname(m_socket, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
    }
    ~SilentServer()
    {
        if (m_socket >= 0)
            ::close(m_socket);
    }
    int port() const { return m_port; }

private:
    int m_socket = -1;
    int m_port = 0;
};

int rowOf(const RevisionGraphModel *model, const QString &id)
{
    return model->rowOf(id);
}

} // namespace

class EnvironmentsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void graphShowsWhereEachEnvironmentStands();
    void anUnreachableEnvironmentHoldsUpNoOther();
    void makingOneActiveConnectsTheWindow();
    void environmentsAreRememberedPerProject();
    void watchingOnlyReads();
    void driftIsCheckedPerEnvironment();
    void historyOfAnyEnvironment();
};

void EnvironmentsTest::initTestCase()
{
    const QString why = prepareEnvironmentsSuite();
    if (!why.isEmpty())
        QSKIP(qPrintable(why));
}

void EnvironmentsTest::init()
{
    QSettings().remove(QStringLiteral("environments")); // each test starts with none watched
}

void EnvironmentsTest::graphShowsWhereEachEnvironmentStands()
{
    ThreeEnvironments environments;
    QVERIFY2(environments.isValid(), qPrintable(environments.error));
    MainWindow window;
    QVERIFY(environments.openIn(window));

    EnvironmentSet *set = window.environmentActions()->environments();
    QCOMPARE(set->count(), 3);
    for (const Environment &environment : set->environments())
        QCOMPARE(environment.reach, Environment::Reach::Reachable);
    QCOMPARE(set->at(0).rows, QStringList { QStringLiteral("r3") });
    QCOMPARE(set->at(1).rows, QStringList { QStringLiteral("r2") });
    QCOMPARE(set->at(2).rows, QStringList { QStringLiteral("r1") });
    QCOMPARE(set->at(2).pending, 2);
    QCOMPARE(set->at(0).pending, 0);
    // Production is red; the others differ from it and from each other.
    QCOMPARE(set->at(2).hue, 0);
    QVERIFY(set->at(0).hue != set->at(1).hue && set->at(0).hue != 0 && set->at(1).hue != 0);

    // A column per environment, and each one's marker on its revision.
    const RevisionGraphModel *model = window.graphModel();
    QCOMPARE(model->columnCount(), int(RevisionGraphModel::ColumnCount) + 3);
    QCOMPARE(
        model->headerData(RevisionGraphModel::ColumnCount + 1, Qt::Horizontal).toString(), QStringLiteral("staging"));
    const int r2 = model->project().graph.indexOf(QStringLiteral("r2"));
    QCOMPARE(model->environmentState(0, r2), RevisionState::Applied);
    QCOMPARE(model->environmentState(1, r2), RevisionState::Current);
    QCOMPARE(model->environmentState(2, r2), RevisionState::Pending);
    const QModelIndex stagingCell =
        model->index(rowOf(model, QStringLiteral("r2")), RevisionGraphModel::ColumnCount + 1);
    QCOMPARE(stagingCell.data().toString(), QStringLiteral("current"));
    const QVariantList marks = model->index(rowOf(model, QStringLiteral("r2")), RevisionGraphModel::LabelsColumn)
                                   .data(RevisionGraphModel::EnvironmentMarksRole)
                                   .toList();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().toList().value(0).toString(), QStringLiteral("staging"));

    // The status bar names each one's position; the panel lists them.
    const QString status = window.environmentActions()->statusText();
    QVERIFY2(status.contains(QLatin1String("production: r1, 2 pending")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("dev: r3, 0 pending")), qPrintable(status));
    QTableView *panel = window.environmentActions()->panel()->view();
    QCOMPARE(panel->model()->rowCount(), 3);
    QCOMPARE(panel->model()->index(2, EnvironmentModel::PendingColumn).data().toInt(), 2);

    window.environmentActions()->dock()->show();
    window.resize(1400, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(saveScreenshot(&window, QStringLiteral("environments")));
    // Dark colours: the markers and columns keep their hues, readable on the dark base.
    Appearance::instance().setColorScheme(Appearance::ColorScheme::Dark);
    const auto light = qScopeGuard([] { Appearance::instance().setColorScheme(Appearance::ColorScheme::Light); });
    QTest::qWait(100); // the palette reaches the widgets through the event loop
    QVERIFY(saveScreenshot(&window, QStringLiteral("environments-dark")));
}

void EnvironmentsTest::anUnreachableEnvironmentHoldsUpNoOther()
{
    ThreeEnvironments environments;
    QVERIFY2(environments.isValid(), qPrintable(environments.error));
    // A server that accepts and never answers: libpq waits for it until
    // the environments' connect timeout.
    SilentServer silent;
    QVERIFY(silent.port() > 0);
    ConnectionSettings nowhere = environments.staging.settings();
    nowhere.port = silent.port();
    ConnectionSettings refused = environments.staging.settings();
    refused.port = 1;

    MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openProject(environments.files.path()));
    EnvironmentSet *set = window.environmentActions()->environments();
    set->setRefreshInterval(0);
    for (const QString &name : { QStringLiteral("silent"), QStringLiteral("refused"), QStringLiteral("staging") })
        set->setPassword(name, environments.staging.settings().password);
    set->add(profileFor(QStringLiteral("silent"), nowhere));
    set->add(profileFor(QStringLiteral("refused"), refused));
    set->add(profileFor(QStringLiteral("staging"), environments.staging.settings()));

    // While the silent one keeps its read waiting, the window answers and
    // the others are read.
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&ticks] { ++ticks; });
    timer.start(20);
    QVERIFY(QTest::qWaitFor([set] { return set->at(2).reach == Environment::Reach::Reachable; }, kReadTimeoutMs));
    QVERIFY(QTest::qWaitFor([set] { return set->at(1).reach == Environment::Reach::Unreachable; }, kReadTimeoutMs));
    QCOMPARE(set->at(0).reach, Environment::Reach::Reading);
    QVERIFY(waitIdle(window));
    QVERIFY2(ticks > 20, qPrintable(QString::number(ticks)));
    QCOMPARE(set->at(0).reach, Environment::Reach::Unreachable);
    QVERIFY2(set->at(1).error.contains(refused.displayName()), qPrintable(set->at(1).error));
    QCOMPARE(set->at(2).rows, QStringList { QStringLiteral("r2") });
    QVERIFY(window.environmentActions()->statusText().contains(QLatin1String("silent: unreachable")));
    // Unread: neither applied nor pending on the graph.
    const int r1 = window.graphModel()->project().graph.indexOf(QStringLiteral("r1"));
    QCOMPARE(window.graphModel()->environmentState(0, r1), RevisionState::Unknown);
}

void EnvironmentsTest::makingOneActiveConnectsTheWindow()
{
    ThreeEnvironments environments;
    QVERIFY2(environments.isValid(), qPrintable(environments.error));
    MainWindow window;
    QVERIFY(environments.openIn(window));
    EnvironmentActions *actions = window.environmentActions();
    QVERIFY(actions->activateEnvironment.at(1)->isVisible());
    QVERIFY(!actions->activateEnvironment.at(3)->isVisible()); // only three
    QCOMPARE(actions->activateEnvironment.at(1)->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_2));

    actions->activateEnvironment.at(1)->trigger();
    QVERIFY(QTest::qWaitFor([&window] { return window.database()->hasState(); }, kReadTimeoutMs));
    QVERIFY(waitIdle(window));
    QCOMPARE(window.database()->profileName(), QStringLiteral("staging"));
    QCOMPARE(actions->environments()->active(), QStringLiteral("staging"));
    QCOMPARE(window.database()->currentRows(), QStringList { QStringLiteral("r2") });
    QVERIFY(!actions->activateEnvironment.at(1)->isEnabled()); // active already
    QVERIFY(window.isProductionConnection() == false);

    // Production: the window knows it is production, from the profile.
    actions->activate(QStringLiteral("production"));
    QVERIFY(QTest::qWaitFor(
        [&window] {
            return window.database()->hasState() && window.database()->profileName() == QLatin1String("production");
        },
        kReadTimeoutMs));
    QVERIFY(window.isProductionConnection());
    QCOMPARE(actions->environments()->active(), QStringLiteral("production"));
    QVERIFY(actions->activateEnvironment.at(1)->isEnabled());
}

void EnvironmentsTest::environmentsAreRememberedPerProject()
{
    ThreeEnvironments environments;
    QVERIFY2(environments.isValid(), qPrintable(environments.error));
    const QString profileFile = environments.profiles.filePath(QStringLiteral("profiles.conf"));
    ProfileStore store(profileFile);
    for (const auto &[name, database] : { std::pair(QStringLiteral("dev"), &environments.dev),
             std::pair(QStringLiteral("staging"), &environments.staging) })
        QVERIFY(store.save(profileFor(name, database->settings())));
    QList<int> hues;
    {
        MainWindow window;
        window.setInteractive(false);
        EnvironmentSet *set = window.environmentActions()->environments();
        set->setProfileFile(profileFile);
        QVERIFY(window.openProject(environments.files.path()));
        QCOMPARE(set->count(), 0);
        set->add(*store.profile(QStringLiteral("staging")));
        set->add(*store.profile(QStringLiteral("dev")));
        for (const Environment &environment : set->environments())
            hues.append(environment.hue);
        QVERIFY(waitIdle(window));
    }
    MainWindow again;
    again.setInteractive(false);
    EnvironmentSet *set = again.environmentActions()->environments();
    set->setProfileFile(profileFile);
    QVERIFY(again.openProject(environments.files.path()));
    QCOMPARE(set->count(), 2);
    QCOMPARE(set->at(0).name(), QStringLiteral("staging"));
    QCOMPARE(set->at(1).name(), QStringLiteral("dev"));
    QCOMPARE(QList<int>({ set->at(0).hue, set->at(1).hue }), hues); // the same colours each time
    // Their passwords are asked each time, and were not kept anywhere.
    QVERIFY(QTest::qWaitFor([set] { return set->at(0).reach == Environment::Reach::NeedsPassword; }, kReadTimeoutMs));
    QVERIFY(waitIdle(again));
    // Another project watches none of them.
    TemporaryProject other;
    writeProject(other);
    QVERIFY(again.openProject(other.path()));
    QCOMPARE(set->count(), 0);
}

void EnvironmentsTest::watchingOnlyReads()
{
    ThreeEnvironments environments;
    QVERIFY2(environments.isValid(), qPrintable(environments.error));
    ReadOnlyRole reader(environments.staging.settings(), QStringLiteral("retort_env_reader"));
    QVERIFY2(reader.isValid(), qPrintable(reader.error()));
    MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openProject(environments.files.path()));
    EnvironmentSet *set = window.environmentActions()->environments();
    set->setRefreshInterval(0);
    set->setPassword(QStringLiteral("audit"), reader.password());
    set->add(profileFor(QStringLiteral("audit"), reader.settings()));
    set->setPassword(QStringLiteral("dev"), environments.dev.settings().password);
    set->add(profileFor(QStringLiteral("dev"), environments.dev.settings()));
    QVERIFY(waitIdle(window));
    // A role that cannot write reads it all: watching writes nothing.
    QCOMPARE(set->at(0).reach, Environment::Reach::Reachable);
    QCOMPARE(set->at(0).rows, QStringList { QStringLiteral("r2") });
    CompareDialog *dialog = window.environmentActions()->compare(QStringLiteral("audit"));
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, kReadTimeoutMs));
    QVERIFY2(!dialog->schemaSummary().contains(QLatin1String("Cannot")), qPrintable(dialog->schemaSummary()));
    QVERIFY(dialog->schemaDiff()->leftEditor()->text().contains(QLatin1String("orders")));
}

void EnvironmentsTest::driftIsCheckedPerEnvironment()
{
    ThreeEnvironments environments;
    QVERIFY2(environments.isValid(), qPrintable(environments.error));
    {
        // A table made by hand on staging, outside any migration.
        auto connection = DatabaseConnection::open(environments.staging.settings());
        QVERIFY(connection);
        QSqlQuery query((*connection)->database());
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE hotfix (id int)")));
    }
    MainWindow window;
    QVERIFY(environments.openIn(window));
    EnvironmentActions *actions = window.environmentActions();
    actions->checkDrift(QStringLiteral("staging"));
    actions->checkDrift(QStringLiteral("dev"));
    EnvironmentSet *set = actions->environments();
    QCOMPARE(set->at(1).drift, Environment::Drift::Checking);
    QVERIFY(QTest::qWaitFor([&window] { return !window.isBusy(); }, kRunTimeoutMs));
    QCOMPARE(set->at(0).drift, Environment::Drift::None);
    QCOMPARE(set->at(1).drift, Environment::Drift::Drifted);
    QVERIFY2(set->at(1).driftDetail.contains(QLatin1String("hotfix")), qPrintable(set->at(1).driftDetail));
    QCOMPARE(set->at(2).drift, Environment::Drift::Unchecked);
    QCOMPARE(actions->panel()->view()->model()->index(1, EnvironmentModel::DriftColumn).data().toString(),
        QStringLiteral("drifted"));
    QVERIFY(actions->statusText().contains(QLatin1String("staging: r2, 1 pending, drifted")));
}

// What ran on an environment that is not the window's connection, from
// the panel: its own retort_history, read on a connection of its own.
void EnvironmentsTest::historyOfAnyEnvironment()
{
    ThreeEnvironments environments;
    QVERIFY2(environments.isValid(), qPrintable(environments.error));
    MainWindow window;
    QVERIFY(environments.openIn(window));
    EnvironmentsPanel *panel = window.environmentActions()->panel();
    QToolButton *history = nullptr;
    for (QToolButton *button : panel->findChildren<QToolButton *>()) {
        if (button->text() == QLatin1String("History"))
            history = button;
    }
    QVERIFY(history);
    QVERIFY(!history->isEnabled()); // nothing selected
    panel->view()->selectRow(1); // staging
    QVERIFY(history->isEnabled());
    history->click();
    auto *dialog = window.findChild<EnvironmentHistoryDialog *>();
    QVERIFY(dialog);
    QSignalSpy shown(dialog, &EnvironmentHistoryDialog::historyShown);
    QVERIFY(!dialog->isReading() || shown.wait(kReadTimeoutMs));
    // Staging ran r1 and r2: two runs, newest first.
    QCOMPARE(dialog->page()->model()->rowCount(), 2);
    QVERIFY2(dialog->page()->summary().contains(QLatin1String("2 runs recorded on staging")),
        qPrintable(dialog->page()->summary()));
    QVERIFY(dialog->windowTitle().contains(QLatin1String("staging")));
    dialog->resize(900, 520);
    QVERIFY(saveScreenshot(dialog, QStringLiteral("environment-history")));
    dialog->close();

    // Production, from the actions: one run.
    EnvironmentHistoryDialog *production = window.environmentActions()->showHistory(QStringLiteral("production"));
    QVERIFY(production);
    QSignalSpy productionShown(production, &EnvironmentHistoryDialog::historyShown);
    QVERIFY(!production->isReading() || productionShown.wait(kReadTimeoutMs));
    QCOMPARE(production->page()->model()->rowCount(), 1);
    production->close();
}

QTEST_MAIN(EnvironmentsTest)
#include "tst_environments.moc"
