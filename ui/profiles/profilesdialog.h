#pragma once

#include "profiles/connectionprofile.h"

#include <QDialog>
#include <QFutureWatcher>

#include <functional>

class QLabel;
class QListView;
class QPushButton;
class QStringListModel;

namespace Retort {

class PasswordVault;
class ProfileEditor;
class ProfileStore;

// Manage saved connections: list, edit, test, connect. Passwords go to the
// system keychain or are asked for; they are never written to the profile
// file.
class ProfilesDialog : public QDialog
{
    Q_OBJECT
public:
    ProfilesDialog(ProfileStore &store, PasswordVault *vault, QWidget *parent = nullptr);

    void selectProfile(const QString &name);
    ProfileEditor *editor() const { return m_editor; }
    QListView *list() const { return m_list; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *testButton() const { return m_test; }
    QPushButton *connectButton() const { return m_connect; }
    QLabel *statusLabel() const { return m_status; }

    // Passwords typed at an "ask every time" prompt, kept in memory for the
    // rest of the session (never on disk).
    static QHash<QString, QString> &sessionPasswords();

signals:
    void connectRequested(const Retort::ConnectionProfile &profile, const QString &password);
    void saved(const QString &name);
    void testFinished(bool ok, const QString &message);
    void keychainFailed(const QString &message);

private:
    void reloadList(const QString &select);
    void showProfile(const QString &name);
    void addProfile();
    void duplicateProfile();
    void removeProfile();
    bool save();
    void testConnection();
    void connectToProfile();
    void setStatus(const QString &text, bool error);
    // Finds the password for `profile` (typed, keychain, session, or a
    // prompt) and calls `done` with it, or with ok = false when the user
    // cancelled.
    void resolvePassword(const ConnectionProfile &profile, const std::function<void(bool, const QString &)> &done);
    QString promptForPassword(const ConnectionProfile &profile, const QString &reason);

    ProfileStore &m_store;
    PasswordVault *m_vault;
    QStringListModel *m_names;
    QListView *m_list;
    ProfileEditor *m_editor;
    QPushButton *m_test;
    QPushButton *m_save;
    QPushButton *m_connect;
    QLabel *m_status;
    QString m_currentName; // the stored name of the profile in the editor; empty for a new one
    QFutureWatcher<Result<QString>> m_probe;
};

} // namespace Retort
