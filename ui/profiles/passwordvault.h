#pragma once

#include <QObject>
#include <QString>

namespace Retort {

// Passwords in the system keychain (Secret Service, KWallet, macOS Keychain,
// Windows Credential Store) through QtKeychain. Every call is asynchronous and
// answers with exactly one of the signals. When no keychain is available the
// call fails with a message: there is deliberately no fallback that would
// keep the password in a plain file.
class PasswordVault : public QObject
{
    Q_OBJECT
public:
    explicit PasswordVault(QObject *parent = nullptr);

    // The keychain service under which Retort's entries are kept.
    static QString serviceName();

    void read(const QString &key);
    void write(const QString &key, const QString &password);
    void remove(const QString &key);

signals:
    void passwordRead(const QString &key, const QString &password);
    void passwordWritten(const QString &key);
    void passwordRemoved(const QString &key);
    // `notFound` is true when the keychain works but holds no entry for the key.
    void failed(const QString &key, const QString &message, bool notFound);
};

} // namespace Retort
