#include "db/connectdialog.h"
#include "db/databasesession.h"
#include "editor/editorpage.h"
#include "editor/sqleditor.h"
#include "graph/revisiongraphmodel.h"
#include "mainwindow.h"
#include "testsupport.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Retort;

namespace {

// Answers the next modal dialog (a password prompt, a question) once it is
// up, the way a user would.
void answerNextDialog(const std::function<void(QWidget *)> &answer)
{
    auto *timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer] {
        if (QWidget *dialog = QApplication::activeModalWidget()) {
            timer->deleteLater();
            timer->stop();
            answer(dialog);
        }
    });
    timer->start(20);
}

void clickButton(QWidget *dialog, QMessageBox::StandardButton which)
{
    auto *box = qobject_cast<QMessageBox *>(dialog);
    QVERIFY(box);
    box->button(which)->click();
}

} // namespace

class DatabaseSessionTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void connectsAndWorksOffTheGuiThread();
    void saysWhenThePasswordIsMissingOrWrong();
    void asksForThePasswordAndNeverStoresIt();
    void screenshotsNeverWaitForAPassword();
    void rememberedConnectionsHoldNoPassword();
    void asksBeforeMakingASqliteFile();
    void warnsBeforeEditingAnAppliedRevision();
    void workingIsShownOnlyWhileBusy();
};

void DatabaseSessionTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void DatabaseSessionTest::connectsAndWorksOffTheGuiThread()
{
    QTemporaryDir dir;
    ConnectionSettings settings;
    settings.dialect = Dialect::SQLite;
    settings.sqlitePath = dir.filePath(QStringLiteral("a.sqlite"));
    DatabaseSession session;
    QSignalSpy opened(&session, &DatabaseSession::opened);
    session.open(settings);
    QVERIFY(opened.wait(10000));
    QVERIFY(session.isOpen());
    bool done = false;
    QThread *workThread = nullptr;
    session.run<QThread *>(
        [](DatabaseConnection *connection) {
            return connection && connection->database().isOpen() ? QThread::currentThread() : nullptr;
        },
        this,
        [&](QThread *thread) {
            workThread = thread;
            done = true;
        });
    QVERIFY(QTest::qWaitFor([&done] { return done; }, 10000));
    QVERIFY(workThread);
    QVERIFY(workThread != QThread::currentThread());
}

void DatabaseSessionTest::saysWhenThePasswordIsMissingOrWrong()
{
    Test::ScratchPostgresDatabase database;
    if (!database.isValid())
        QSKIP("no PostgreSQL server: run the tests with ./dev test");
    for (const QString &password : { QString(), QStringLiteral("not-the-password") }) {
        ConnectionSettings settings = database.settings();
        settings.password = password;
        DatabaseSession session;
        QSignalSpy failed(&session, &DatabaseSession::openFailed);
        session.open(settings);
        QVERIFY(failed.wait(15000));
        QVERIFY2(failed.first().at(1).toBool(), qPrintable(failed.first().at(0).value<Error>().message));
        QVERIFY(!session.isOpen());
    }
}

void DatabaseSessionTest::asksForThePasswordAndNeverStoresIt()
{
    Test::ScratchPostgresDatabase database;
    if (!database.isValid())
        QSKIP("no PostgreSQL server: run the tests with ./dev test");
    ConnectionSettings settings = database.settings();
    const QString password = settings.password;
    QVERIFY(!password.isEmpty());
    settings.password.clear();

    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    answerNextDialog([password](QWidget *dialog) {
        auto *input = qobject_cast<QInputDialog *>(dialog);
        QVERIFY(input);
        QCOMPARE(input->textEchoMode(), QLineEdit::Password);
        input->setTextValue(password);
        input->accept();
    });
    window.connectToDatabase(settings);
    QVERIFY(QTest::qWaitFor([&window] { return window.statusText().contains(QLatin1String("Connected to")); }, 20000));
    QVERIFY(QTest::qWaitFor([&window] { return !window.isBusy(); }, 20000));
    QVERIFY2(window.statusText().contains(QLatin1String("At: base")), qPrintable(window.statusText()));
    window.close(); // saves the layout and settings

    // Nothing written anywhere holds it.
    QSettings stored;
    stored.sync();
    QFile file(stored.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains(settings.database.toUtf8())); // the connection is remembered...
    QVERIFY(!content.contains(password.toUtf8())); // ...without its password
}

void DatabaseSessionTest::screenshotsNeverWaitForAPassword()
{
    Test::ScratchPostgresDatabase database;
    if (!database.isValid())
        QSKIP("no PostgreSQL server: run the tests with ./dev test");
    ConnectionSettings settings = database.settings();
    settings.password.clear();
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("shot.png"));
    // PGPASSFILE pointing nowhere: libpq must not find the password elsewhere.
    const Test::ProcessResult result = Test::runProcess(Test::guiExecutable(),
        { QStringLiteral("--screenshot"), file, QStringLiteral("-p"), Test::demoProjectDirectory(),
            QStringLiteral("--db"), settings.url() },
        {}, { QStringLiteral("PGPASSFILE=") + dir.filePath(QStringLiteral("none")) }, {}, 60000);
    QCOMPARE(result.exitCode, 0);
    QVERIFY(QFile::exists(file));
}

void DatabaseSessionTest::rememberedConnectionsHoldNoPassword()
{
    ConnectionSettings settings;
    settings.host = QStringLiteral("db.example.com");
    settings.database = QStringLiteral("app");
    settings.user = QStringLiteral("deploy");
    settings.password = QStringLiteral("s3cret-Pa55");
    ConnectDialog::remember(settings);
    const QStringList recent = ConnectDialog::recentUrls();
    QCOMPARE(recent.first(), QStringLiteral("postgresql://deploy@db.example.com/app"));
    for (const QString &url : recent)
        QVERIFY(!url.contains(QLatin1String("s3cret")));
}

void DatabaseSessionTest::asksBeforeMakingASqliteFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("typo.sqlite"));
    ConnectDialog dialog(dir.path());
    dialog.findChild<QComboBox *>()->setEditText(QStringLiteral("sqlite:///") + path);
    answerNextDialog([](QWidget *question) { clickButton(question, QMessageBox::Cancel); });
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    answerNextDialog([](QWidget *question) { clickButton(question, QMessageBox::Yes); });
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.settings().sqlitePath, path);
    // Only connecting makes the file; the dialog does not.
    QVERIFY(!QFile::exists(path));
}

void DatabaseSessionTest::warnsBeforeEditingAnAppliedRevision()
{
    Test::TemporaryProject project;
    const QString path = project.writeRevision(
        QStringLiteral("a.sql"), Test::TemporaryProject::nativeRevision(QStringLiteral("a"), {}, QStringLiteral("A")));
    EditorPage page;
    page.showFile(QStringLiteral("a"), path, QStringLiteral("SQL"), QStringLiteral("production.sqlite"));
    QVERIFY(page.editor()->isReadOnly());
    QString question;
    answerNextDialog([&question](QWidget *dialog) {
        question = qobject_cast<QMessageBox *>(dialog)->text();
        clickButton(dialog, QMessageBox::Cancel);
    });
    QVERIFY(!page.startEditing());
    QVERIFY(question.contains(QLatin1String("already applied to production.sqlite")));
    QVERIFY(page.editor()->isReadOnly());
    answerNextDialog([](QWidget *dialog) { clickButton(dialog, QMessageBox::Yes); });
    QVERIFY(page.startEditing());
    QVERIFY(!page.editor()->isReadOnly());
    // Not applied anywhere: no question.
    page.showFile(QStringLiteral("a"), path, QStringLiteral("SQL"), {});
    page.stopEditing();
    QVERIFY(page.startEditing());
}

// The status bar's "Working…" goes when the last part of the window's work
// ends (the database's state, the review, the schema check), not only when
// the database's status changes: a screenshot of an idle window showed it.
void DatabaseSessionTest::workingIsShownOnlyWhileBusy()
{
    QTemporaryDir dir;
    const QString url = QStringLiteral("sqlite:///") + dir.filePath(QStringLiteral("demo.sqlite"));
    const Test::ProcessResult upgraded = Test::runProcess(Test::cliExecutable(),
        { QStringLiteral("-p"), Test::demoProjectDirectory(), QStringLiteral("--db"), url, QStringLiteral("upgrade") });
    QVERIFY2(upgraded.exitCode == 0, qPrintable(upgraded.err));

    MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.setDatabaseUrl(url);
    window.show();
    QVERIFY(QTest::qWaitFor([&window] { return window.statusText().contains(QLatin1String("Connected to")); }, 20000));
    QVERIFY(QTest::qWaitFor([&window] { return !window.isBusy(); }, 20000));
    QCoreApplication::processEvents();
    QVERIFY(!window.isBusy());
    QVERIFY2(!window.statusText().contains(QStringLiteral("Working")), qPrintable(window.statusText()));
}

QTEST_MAIN(DatabaseSessionTest)
#include "tst_databasesession.moc"
