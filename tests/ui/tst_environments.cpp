// Environments side by side: several connection profiles watched at once,
// on the graph, in the panel and the status bar; one made active; two
// compared (revisions, schemas) and one promoted to where another is,
// refused when a file changed since it ran there. Against the test server.
#include "branches/errorlabel.h"
#include "db/databasecontroller.h"
#include "editor/sqleditor.h"
#include "environments/comparedialog.h"
#include "environments/environmentactions.h"
#include "environments/environmenthistorydialog.h"
#include "environments/environmentmodel.h"
#include "environments/environmentset.h"
#include "environments/environmentspanel.h"
#include "executortestutil.h"
#include "graph/revisiongraphmodel.h"
#include "history/historymodel.h"
#include "history/historypage.h"
#include "mainwindow.h"
#include "profiles/profilestore.h"
#include "review/diffview.h"
#include "review/planstepmodel.h"
#include "run/rundialog.h"
#include "screenshots.h"
#include "settings/appearance.h"

#include <QAction>
#include <QDockWidget>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Retort;
using namespace Retort::Test;

namespace {

constexpr int kReadTimeoutMs = 30000;
constexpr int kRunTimeoutMs = 120000;

// r1 accounts, r2 orders, r3 invoices: a line of three.
void writeProject(const TemporaryProject &files)
{
    files.writeRevision(QStringLiteral("r1.sql"),
        revisionFile(QStringLiteral("r1"), {}, QStringLiteral("CREATE TABLE accounts (id int PRIMARY KEY);"),
            QStringLiteral("DROP TABLE accounts;")));
    files.writeRevision(QStringLiteral("r2.sql"),
        revisionFile(QStringLiteral("r2"), QStringLiteral("r1"),
            QStringLiteral("CREATE TABLE orders (id int PRIMARY KEY, account int REFERENCES accounts);"),
            QStringLiteral("DROP TABLE orders;")));
    files.writeRevision(QStringLiteral("r3.sql"),
        revisionFile(QStringLiteral("r3"), QStringLiteral("r2"), QStringLiteral("CREATE TABLE invoices (id int);"),
            QStringLiteral("DROP TABLE invoices;")));
}

ConnectionProfile profileFor(const QString &name, const ConnectionSettings &settings, bool production = false)
{
    ConnectionProfile profile;
    profile.name = name;
    profile.connection = settings;
    profile.connection.password.clear(); // a profile never holds one
    profile.production = production;
    profile.passwordSource = PasswordSource::Ask;
    // Drift checks replay on the test server, not a private one.
    profile.shadowUrl = qEnvironmentVariable("RETORT_TEST_PG_URL");
    return profile;
}

QStringList versionRows(const ConnectionSettings &settings)
{
    auto connection = DatabaseConnection::open(settings);
    if (!connection)
        return { connection.error().toString() };
    return column((*connection)->database(), QStringLiteral("SELECT version_num FROM alembic_version ORDER BY 1"));
}

bool waitIdle(MainWindow &window);

enum class ProjectType { Native, Alembic };

// dev at r3, staging at r2, production at r1, watched by `window`. The
// Alembic project is the same three revisions as Python files (with the
// same SQL), and each database is migrated by retort-cli through Alembic.
struct ThreeEnvironments {
    ScratchPostgresDatabase dev;
    ScratchPostgresDatabase staging;
    ScratchPostgresDatabase production;
    TemporaryProject files;
    QTemporaryDir alembicFolder;
    QString projectPath;
    QTemporaryDir profiles;
    QString error; // why they could not be made

    explicit ThreeEnvironments(ProjectType type = ProjectType::Native) { prepare(type, &error); }
    bool isValid() const { return error.isEmpty(); }

    bool prepare(ProjectType type, QString *why)
    {
        for (const ScratchPostgresDatabase *database : { &dev, &staging, &production }) {
            if (!database->isValid()) {
                *why = database->error();
                return false;
            }
        }
        writeProject(files);
        projectPath = files.path();
        const std::pair<const ScratchPostgresDatabase *, QString> targets[] = {
            { &dev, QStringLiteral("r3") },
            { &staging, QStringLiteral("r2") },
            { &production, QStringLiteral("r1") },
        };
        if (type == ProjectType::Alembic) {
            projectPath = alembicFolder.filePath(QStringLiteral("app"));
            *why = writeAlembicCopy(files.path(), projectPath, true);
            if (!why->isEmpty())
                return false;
            for (const auto &[database, revision] : targets) {
                const ProcessResult ran = runProcess(cliExecutable(),
                    { QStringLiteral("-p"), projectPath, QStringLiteral("--db"), database->url(),
                        QStringLiteral("upgrade"), revision },
                    projectPath);
                if (ran.exitCode != 0) {
                    *why = ran.err;
                    return false;
                }
            }
            return true;
        }
        const Project project = loadProject(files);
        for (const auto &[database, revision] : targets) {
            if (!migrateTo(project, database->settings(), revision)) {
                *why = QStringLiteral("could not migrate the databases");
                return false;
            }
        }
        return true;
    }

    // Opens the project in `window` and watches the three, read.
    bool openIn(MainWindow &window)
    {
        window.setInteractive(false);
        if (!window.openProject(projectPath))
            return false;
        watch(window);
        return waitIdle(window);
    }

    void watch(MainWindow &window)
    {
        EnvironmentSet *set = window.environmentActions()->environments();
        set->setProfileFile(profiles.filePath(QStringLiteral("profiles.conf")));
        set->setRefreshInterval(0);
        const std::pair<QString, const ScratchPostgresDatabase *> all[] = {
            { QStringLiteral("dev"), &dev },
            { QStringLiteral("staging"), &staging },
            { QStringLiteral("production"), &production },
        };
        for (const auto &[name, database] : all) {
            set->setPassword(name, database->settings().password);
            set->add(profileFor(name, database->settings(), name == QLatin1String("production")));
        }
    }
};

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

bool waitIdle(MainWindow &window)
{
    return QTest::qWaitFor([&window] { return !window.isBusy(); }, kReadTimeoutMs);
}

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
    void compareShowsRevisionsAndSchemas();
    void promoteRunsWhatRanOnTheSource();
    void promoteIsRefusedWhenAFileChanged();
    void watchingOnlyReads();
    void driftIsCheckedPerEnvironment();
    void alembicProjectStandsAndPromotes();
    void historyOfAnyEnvironment();
};

void EnvironmentsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString why;
    if (!postgresAvailable(&why))
        QSKIP(qPrintable(why));
    Appearance::instance().setColorScheme(Appearance::ColorScheme::Light);
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

void EnvironmentsTest::compareShowsRevisionsAndSchemas()
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

void EnvironmentsTest::promoteRunsWhatRanOnTheSource()
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

void EnvironmentsTest::promoteIsRefusedWhenAFileChanged()
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

void EnvironmentsTest::alembicProjectStandsAndPromotes()
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
