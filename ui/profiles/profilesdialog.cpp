#include "profilesdialog.h"

#include "db/serverprobe.h"
#include "passwordvault.h"
#include "profileeditor.h"
#include "profiles/profilestore.h"
#include "settings/dialoggeometry.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Retort {

ProfilesDialog::ProfilesDialog(ProfileStore &store, PasswordVault *vault, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_vault(vault)
{
    setWindowTitle(tr("Connection Profiles"));
    m_names = new QStringListModel(this);
    m_list = new QListView(this);
    m_list->setModel(m_names);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *add = new QPushButton(tr("&New"), this);
    auto *duplicate = new QPushButton(tr("D&uplicate"), this);
    auto *remove = new QPushButton(tr("&Remove"), this);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(duplicate);
    listButtons->addWidget(remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(listButtons);

    m_editor = new ProfileEditor(this);
    m_test = new QPushButton(tr("&Test Connection"), this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_status, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(m_editor);
    right->addLayout(testRow);
    right->addStretch();

    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(QDialogButtonBox::Save);
    m_connect = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Close);
    m_save->setShortcut(QKeySequence::Save);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(buttons);

    connect(add, &QPushButton::clicked, this, &ProfilesDialog::addProfile);
    connect(duplicate, &QPushButton::clicked, this, &ProfilesDialog::duplicateProfile);
    connect(remove, &QPushButton::clicked, this, &ProfilesDialog::removeProfile);
    connect(m_save, &QPushButton::clicked, this, &ProfilesDialog::save);
    connect(m_test, &QPushButton::clicked, this, &ProfilesDialog::testConnection);
    connect(m_connect, &QPushButton::clicked, this, &ProfilesDialog::connectToProfile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { showProfile(current.data().toString()); });
    connect(&m_probe, &QFutureWatcher<Result<QString>>::finished, this, [this] {
        const Result<QString> result = m_probe.result();
        m_test->setEnabled(true);
        const QString message = result ? tr("Connected: %1").arg(*result) : result.error().toString();
        setStatus(message, !result);
        emit testFinished(result.ok(), message);
    });
    connect(m_vault, &PasswordVault::failed, this, [this](const QString &, const QString &message, bool notFound) {
        if (notFound)
            return;
        setStatus(tr("The system keychain did not answer: %1").arg(message), true);
        emit keychainFailed(message);
    });

    reloadList({});
    if (m_names->rowCount() == 0)
        addProfile();
    rememberGeometry(this, QStringLiteral("profiles"), QSize(820, 480));
}

QHash<QString, QString> &ProfilesDialog::sessionPasswords()
{
    static QHash<QString, QString> passwords;
    return passwords;
}

void ProfilesDialog::reloadList(const QString &select)
{
    QStringList names;
    for (const ConnectionProfile &profile : m_store.profiles())
        names.append(profile.name);
    m_names->setStringList(names);
    if (!select.isEmpty())
        selectProfile(select);
    else if (!names.isEmpty())
        selectProfile(names.first());
}

void ProfilesDialog::selectProfile(const QString &name)
{
    const int row = int(m_names->stringList().indexOf(name));
    if (row >= 0)
        m_list->setCurrentIndex(m_names->index(row));
}

void ProfilesDialog::showProfile(const QString &name)
{
    const std::optional<ConnectionProfile> profile = m_store.profile(name);
    if (!profile)
        return;
    m_currentName = name;
    m_editor->setProfile(*profile, profile->passwordSource == PasswordSource::Keychain);
    setStatus({}, false);
}

void ProfilesDialog::addProfile()
{
    m_list->clearSelection();
    m_currentName.clear();
    ConnectionProfile profile;
    profile.name = tr("New profile");
    m_editor->setProfile(profile, false);
    m_editor->nameField()->setFocus();
    m_editor->nameField()->selectAll();
}

void ProfilesDialog::duplicateProfile()
{
    ConnectionProfile profile = m_editor->profile();
    profile.name = tr("%1 (copy)").arg(profile.name);
    m_currentName.clear();
    // The copy asks for its own password: a keychain entry belongs to one profile.
    m_editor->setProfile(profile, false);
}

void ProfilesDialog::removeProfile()
{
    if (m_currentName.isEmpty())
        return;
    const std::optional<ConnectionProfile> profile = m_store.profile(m_currentName);
    if (QMessageBox::question(this, tr("Remove Profile"), tr("Remove the profile \"%1\"?").arg(m_currentName)) !=
        QMessageBox::Yes)
        return;
    m_store.remove(m_currentName);
    if (profile && profile->passwordSource == PasswordSource::Keychain)
        m_vault->remove(profile->keychainKey());
    sessionPasswords().remove(m_currentName);
    m_currentName.clear();
    reloadList({});
    if (m_names->rowCount() == 0)
        addProfile();
}

bool ProfilesDialog::save()
{
    const ConnectionProfile profile = m_editor->profile();
    const std::optional<ConnectionProfile> previous =
        m_currentName.isEmpty() ? std::nullopt : m_store.profile(m_currentName);
    if (Result<void> saved = m_store.save(profile, m_currentName); !saved) {
        setStatus(saved.error().message, true);
        return false;
    }
    const QString typed = m_editor->enteredPassword();
    m_editor->clearEnteredPassword();
    const bool renamed = previous && previous->name != profile.name;
    const bool hadKeychainEntry = previous && previous->passwordSource == PasswordSource::Keychain;
    if (profile.passwordSource == PasswordSource::Keychain) {
        if (!typed.isEmpty()) {
            m_vault->write(profile.keychainKey(), typed);
            if (renamed && hadKeychainEntry)
                m_vault->remove(previous->keychainKey());
        } else if (renamed && hadKeychainEntry) {
            // Move the stored password to the new name's entry.
            const QString oldKey = previous->keychainKey();
            const QString newKey = profile.keychainKey();
            auto *context = new QObject(this);
            connect(m_vault, &PasswordVault::passwordRead, context,
                [this, context, oldKey, newKey](const QString &key, const QString &password) {
                    if (key != oldKey)
                        return;
                    m_vault->write(newKey, password);
                    m_vault->remove(oldKey);
                    context->deleteLater();
                });
            connect(m_vault, &PasswordVault::failed, context, [oldKey, context](const QString &key) {
                if (key == oldKey)
                    context->deleteLater();
            });
            m_vault->read(oldKey);
        }
    } else if (hadKeychainEntry) {
        // Nothing of a profile that no longer uses the keychain stays in it.
        m_vault->remove(previous->keychainKey());
    }
    if (renamed)
        sessionPasswords().remove(previous->name);
    m_currentName = profile.name;
    reloadList(profile.name);
    setStatus(tr("Saved."), false);
    emit saved(profile.name);
    return true;
}

QString ProfilesDialog::promptForPassword(const ConnectionProfile &profile, const QString &reason)
{
    bool ok = false;
    QString label = tr("Password for %1:").arg(profile.connection.displayName());
    if (!reason.isEmpty())
        label = reason + QLatin1Char('\n') + label;
    const QString password =
        QInputDialog::getText(this, tr("Password for %1").arg(profile.name), label, QLineEdit::Password, {}, &ok);
    return ok ? password : QString();
}

void ProfilesDialog::resolvePassword(
    const ConnectionProfile &profile, const std::function<void(bool, const QString &)> &done)
{
    if (profile.connection.dialect == Dialect::SQLite || profile.passwordSource == PasswordSource::Libpq) {
        done(true, {});
        return;
    }
    const QString typed = m_editor->enteredPassword();
    if (!typed.isEmpty()) {
        done(true, typed);
        return;
    }
    if (profile.passwordSource == PasswordSource::Ask) {
        if (sessionPasswords().contains(profile.name)) {
            done(true, sessionPasswords().value(profile.name));
            return;
        }
        const QString password = promptForPassword(profile, {});
        if (password.isNull()) {
            done(false, {});
            return;
        }
        sessionPasswords().insert(profile.name, password);
        done(true, password);
        return;
    }
    const QString key = profile.keychainKey();
    auto *context = new QObject(this);
    connect(m_vault, &PasswordVault::passwordRead, context,
        [context, key, done](const QString &readKey, const QString &password) {
            if (readKey != key)
                return;
            context->deleteLater();
            done(true, password);
        });
    connect(m_vault, &PasswordVault::failed, context,
        [this, context, key, profile, done](const QString &readKey, const QString &message, bool notFound) {
            if (readKey != key)
                return;
            context->deleteLater();
            const QString reason = notFound ? tr("No password is stored in the keychain for this profile.")
                                            : tr("The keychain did not answer (%1).").arg(message);
            const QString password = promptForPassword(profile, reason);
            done(!password.isNull(), password);
        });
    m_vault->read(key);
}

void ProfilesDialog::testConnection()
{
    const ConnectionProfile profile = m_editor->profile();
    if (Result<void> valid = profile.validate(); !valid) {
        setStatus(valid.error().message, true);
        return;
    }
    m_test->setEnabled(false);
    setStatus(tr("Connecting to %1…").arg(profile.connection.displayName()), false);
    resolvePassword(profile, [this, profile](bool ok, const QString &password) {
        if (!ok) {
            m_test->setEnabled(true);
            setStatus(tr("Cancelled."), false);
            return;
        }
        ConnectionSettings settings = profile.connection;
        settings.password = password;
        // Connecting can take up to connect_timeout: never on the GUI thread.
        m_probe.setFuture(QtConcurrent::run([settings] { return probeServer(settings); }));
    });
}

void ProfilesDialog::connectToProfile()
{
    if (!save())
        return;
    const ConnectionProfile profile = m_editor->profile();
    resolvePassword(profile, [this, profile](bool ok, const QString &password) {
        if (!ok)
            return;
        emit connectRequested(profile, password);
        accept();
    });
}

void ProfilesDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(
        QPalette::WindowText, error ? QColor(0xd0, 0x30, 0x30) : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

} // namespace Retort
