// Connection profiles: saved and reloaded without the password reaching the
// settings file, passwords in a real system keychain (gnome-keyring on a
// private D-Bus session, see tests/support/with_keyring.sh), and "Test
// connection" against the real PostgreSQL server.
#include "profiles/passwordvault.h"
#include "profiles/profileeditor.h"
#include "profiles/profilesdialog.h"
#include "profiles/profilestore.h"
#include "screenshots.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Retort;

namespace {

// What the keychain holds for `key`, or a null string when it holds nothing.
QString keychainValue(const QString &key)
{
    PasswordVault vault;
    QSignalSpy read(&vault, &PasswordVault::passwordRead);
    QSignalSpy failed(&vault, &PasswordVault::failed);
    vault.read(key);
    if (!QTest::qWaitFor([&] { return read.count() + failed.count() > 0; }, 10000))
        return QStringLiteral("<keychain timeout>");
    return read.isEmpty() ? QString() : read.first().at(1).toString();
}

void storeInKeychain(const QString &key, const QString &password)
{
    PasswordVault vault;
    QSignalSpy written(&vault, &PasswordVault::passwordWritten);
    vault.write(key, password);
    QVERIFY(written.wait(10000));
}

// Answers the next modal message box (Remove Profile?) with Yes.
void answerNextQuestionWithYes()
{
    QTimer::singleShot(0, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Yes)->click();
    });
}

void choosePasswordSource(ProfileEditor *editor, PasswordSource source)
{
    editor->passwordSourceBox()->setCurrentIndex(editor->passwordSourceBox()->findData(int(source)));
}

} // namespace

class ProfilesTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void savesAndReloadsWithoutThePasswordInTheSettingsFile();
    void testConnectionUsesTheKeychainPassword();
    void wrongPasswordFailsClearlyWithoutShowingIt();
    void renamingMovesTheKeychainEntry();
    void leavingTheKeychainOrRemovingDeletesTheEntry();
    void pastedUrlFillsTheFormAndTheURLFieldForgetsThePassword();
    void keychainUnavailableSavesNothingInClear();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString settingsFile() const { return m_dir->filePath(QStringLiteral("profiles.conf")); }
    QString settingsText() const
    {
        QFile file(settingsFile());
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }
};

void ProfilesTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void ProfilesTest::savesAndReloadsWithoutThePasswordInTheSettingsFile()
{
    if (qEnvironmentVariableIsSet("RETORT_TEST_NO_KEYRING"))
        QSKIP("runs with a keyring");
    ProfileStore store(settingsFile());
    PasswordVault vault;
    ConnectionProfile expected;
    {
        ProfilesDialog dialog(store, &vault);
        ProfileEditor *editor = dialog.editor();
        editor->nameField()->setText(QStringLiteral("Staging"));
        QString error;
        QVERIFY(
            editor->applyUrl(QStringLiteral("postgresql://app@db.staging.example:6543/shop?sslmode=require"), &error));
        choosePasswordSource(editor, PasswordSource::Keychain);
        QTest::keyClicks(editor->passwordField(), QStringLiteral("s3cret-Staging"));
        editor->productionBox()->setChecked(true);
        QSignalSpy written(&vault, &PasswordVault::passwordWritten);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(written.wait(10000));
        QVERIFY(editor->passwordField()->text().isEmpty()); // not kept in the form either
        expected = editor->profile();
    }
    QVERIFY(!settingsText().isEmpty());
    QVERIFY2(!settingsText().contains(QStringLiteral("s3cret")), qPrintable(settingsText()));
    QCOMPARE(keychainValue(QStringLiteral("profile/Staging")), QStringLiteral("s3cret-Staging"));

    ProfileStore reloaded(settingsFile());
    PasswordVault otherVault;
    ProfilesDialog dialog(reloaded, &otherVault);
    dialog.selectProfile(QStringLiteral("Staging"));
    const ConnectionProfile shown = dialog.editor()->profile();
    QCOMPARE(shown, expected);
    QCOMPARE(shown.connection.host, QStringLiteral("db.staging.example"));
    dialog.show();
    QVERIFY(Test::saveScreenshot(&dialog, QStringLiteral("connection-profiles")));
    QCOMPARE(shown.connection.port, 6543);
    QCOMPARE(shown.connection.options.value(QStringLiteral("sslmode")), QStringLiteral("require"));
    QVERIFY(shown.production);
    QCOMPARE(shown.passwordSource, PasswordSource::Keychain);
}

void ProfilesTest::testConnectionUsesTheKeychainPassword()
{
    if (qEnvironmentVariableIsSet("RETORT_TEST_NO_KEYRING"))
        QSKIP("runs with a keyring");
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    ConnectionProfile profile;
    profile.name = QStringLiteral("Scratch");
    profile.connection = scratch.settings();
    profile.connection.password.clear();
    profile.passwordSource = PasswordSource::Keychain;
    ProfileStore store(settingsFile());
    QVERIFY(store.save(profile).ok());
    storeInKeychain(profile.keychainKey(), scratch.settings().password);

    PasswordVault vault;
    ProfilesDialog dialog(store, &vault);
    dialog.selectProfile(profile.name);
    QSignalSpy finished(&dialog, &ProfilesDialog::testFinished);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(!dialog.testButton()->isEnabled()); // the work runs off the GUI thread
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("Connected: PostgreSQL")),
        qPrintable(finished.first().at(1).toString()));
    QVERIFY(dialog.testButton()->isEnabled());
}

void ProfilesTest::wrongPasswordFailsClearlyWithoutShowingIt()
{
    if (qEnvironmentVariableIsSet("RETORT_TEST_NO_KEYRING"))
        QSKIP("runs with a keyring");
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    ProfileStore store(settingsFile());
    PasswordVault vault;
    ProfilesDialog dialog(store, &vault);
    ProfileEditor *editor = dialog.editor();
    editor->nameField()->setText(QStringLiteral("Wrong"));
    ConnectionSettings settings = scratch.settings();
    settings.password.clear();
    QString error;
    QVERIFY(editor->applyUrl(settings.url(), &error));
    choosePasswordSource(editor, PasswordSource::Keychain);
    editor->passwordField()->setText(QStringLiteral("definitely-wrong-pw"));
    QSignalSpy finished(&dialog, &ProfilesDialog::testFinished);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    const QString message = finished.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("password authentication failed")), qPrintable(message));
    QVERIFY(!message.contains(QStringLiteral("definitely-wrong-pw")));
    QVERIFY(!dialog.statusLabel()->text().contains(QStringLiteral("definitely-wrong-pw")));
}

void ProfilesTest::renamingMovesTheKeychainEntry()
{
    if (qEnvironmentVariableIsSet("RETORT_TEST_NO_KEYRING"))
        QSKIP("runs with a keyring");
    ConnectionProfile profile;
    profile.name = QStringLiteral("Old name");
    profile.connection.database = QStringLiteral("app");
    profile.passwordSource = PasswordSource::Keychain;
    ProfileStore store(settingsFile());
    QVERIFY(store.save(profile).ok());
    storeInKeychain(profile.keychainKey(), QStringLiteral("moving-pw"));

    PasswordVault vault;
    ProfilesDialog dialog(store, &vault);
    dialog.selectProfile(profile.name);
    dialog.editor()->nameField()->setText(QStringLiteral("New name"));
    QSignalSpy removed(&vault, &PasswordVault::passwordRemoved);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QVERIFY(removed.wait(10000));
    QCOMPARE(keychainValue(QStringLiteral("profile/New name")), QStringLiteral("moving-pw"));
    QCOMPARE(keychainValue(QStringLiteral("profile/Old name")), QString());
    QCOMPARE(store.profiles().size(), 1);
    QCOMPARE(store.profiles().first().name, QStringLiteral("New name"));
}

void ProfilesTest::leavingTheKeychainOrRemovingDeletesTheEntry()
{
    if (qEnvironmentVariableIsSet("RETORT_TEST_NO_KEYRING"))
        QSKIP("runs with a keyring");
    ProfileStore store(settingsFile());
    for (const QString &name : { QStringLiteral("Switched"), QStringLiteral("Removed") }) {
        ConnectionProfile profile;
        profile.name = name;
        profile.connection.database = QStringLiteral("app");
        profile.passwordSource = PasswordSource::Keychain;
        QVERIFY(store.save(profile).ok());
        storeInKeychain(profile.keychainKey(), QStringLiteral("pw-") + name);
    }
    PasswordVault vault;
    ProfilesDialog dialog(store, &vault);
    QSignalSpy removed(&vault, &PasswordVault::passwordRemoved);

    dialog.selectProfile(QStringLiteral("Switched"));
    choosePasswordSource(dialog.editor(), PasswordSource::Ask);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QVERIFY(removed.wait(10000));
    QCOMPARE(keychainValue(QStringLiteral("profile/Switched")), QString());
    QCOMPARE(store.profile(QStringLiteral("Switched"))->passwordSource, PasswordSource::Ask);

    dialog.selectProfile(QStringLiteral("Removed"));
    answerNextQuestionWithYes();
    QMetaObject::invokeMethod(&dialog, [&dialog] {
        for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
            if (button->text() == ProfilesDialog::tr("&Remove"))
                button->click();
        }
    });
    QVERIFY(removed.wait(10000));
    QVERIFY(!store.profile(QStringLiteral("Removed")));
    QCOMPARE(keychainValue(QStringLiteral("profile/Removed")), QString());
}

void ProfilesTest::pastedUrlFillsTheFormAndTheURLFieldForgetsThePassword()
{
    ProfileStore store(settingsFile());
    PasswordVault vault;
    ProfilesDialog dialog(store, &vault);
    ProfileEditor *editor = dialog.editor();
    editor->urlField()->setText(QStringLiteral("postgresql://deploy:p%40ss@10.0.0.5:5433/orders?sslmode=verify-full"));
    QMetaObject::invokeMethod(editor->urlField(), "editingFinished");
    const ConnectionProfile profile = editor->profile();
    QCOMPARE(profile.connection.host, QStringLiteral("10.0.0.5"));
    QCOMPARE(profile.connection.port, 5433);
    QCOMPARE(profile.connection.user, QStringLiteral("deploy"));
    QCOMPARE(profile.connection.database, QStringLiteral("orders"));
    QCOMPARE(profile.connection.options.value(QStringLiteral("sslmode")), QStringLiteral("verify-full"));
    QCOMPARE(profile.passwordSource, PasswordSource::Keychain);
    QCOMPARE(editor->passwordField()->text(), QStringLiteral("p@ss"));
    QVERIFY(editor->urlField()->text().isEmpty());

    editor->urlField()->setText(QStringLiteral("mysql://deploy:p@ss@host/db"));
    QMetaObject::invokeMethod(editor->urlField(), "editingFinished");
    QVERIFY(editor->urlField()->text().isEmpty());
    for (QLabel *label : editor->findChildren<QLabel *>())
        QVERIFY(!label->text().contains(QStringLiteral("p@ss")));
}

void ProfilesTest::keychainUnavailableSavesNothingInClear()
{
    if (!qEnvironmentVariableIsSet("RETORT_TEST_NO_KEYRING"))
        QSKIP("runs without a keyring (ctest: profiles-no-keyring)");
    ProfileStore store(settingsFile());
    PasswordVault vault;
    ProfilesDialog dialog(store, &vault);
    ProfileEditor *editor = dialog.editor();
    editor->nameField()->setText(QStringLiteral("Offline"));
    QString error;
    QVERIFY(editor->applyUrl(QStringLiteral("postgresql://u@h/db"), &error));
    choosePasswordSource(editor, PasswordSource::Keychain);
    editor->passwordField()->setText(QStringLiteral("no-keychain-pw"));
    QSignalSpy failed(&dialog, &ProfilesDialog::keychainFailed);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QVERIFY(failed.wait(20000));
    QVERIFY2(
        dialog.statusLabel()->text().contains(QStringLiteral("keychain")), qPrintable(dialog.statusLabel()->text()));
    QVERIFY(store.profile(QStringLiteral("Offline")));
    QVERIFY(!settingsText().contains(QStringLiteral("no-keychain-pw")));
    // Nowhere else on disk either: QtKeychain's plain-text fallback is off.
    const QString home = qEnvironmentVariable("HOME");
    QVERIFY(!home.isEmpty());
    const Test::ProcessResult grep = Test::runProcess(
        QStringLiteral("grep"), { QStringLiteral("-rl"), QStringLiteral("no-keychain-pw"), home, m_dir->path() });
    QCOMPARE(grep.out, QString());
}

QTEST_MAIN(ProfilesTest)
#include "tst_profiles.moc"
