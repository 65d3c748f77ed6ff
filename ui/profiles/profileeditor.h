#pragma once

#include "profiles/connectionprofile.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace Retort {

// The form for one connection profile. It never keeps a password beyond the
// field the user types it into.
class ProfileEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileEditor(QWidget *parent = nullptr);

    void setProfile(const ConnectionProfile &profile, bool hasStoredPassword);
    ConnectionProfile profile() const; // without a password
    // The password typed into the form (keychain mode), or empty.
    QString enteredPassword() const;
    void clearEnteredPassword();

    // Fills the fields from a postgresql:// or sqlite:// URL. A password in
    // the URL moves to the password field (and the keychain on save); it is
    // never kept in the URL field.
    bool applyUrl(const QString &url, QString *error);

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *urlField() const { return m_url; }
    QLineEdit *passwordField() const { return m_password; }
    QComboBox *passwordSourceBox() const { return m_passwordSource; }
    QCheckBox *productionBox() const { return m_production; }

signals:
    void changed();

private:
    void updateVisibility();
    void applyUrlField();

    QLineEdit *m_name;
    QComboBox *m_kind;
    QStackedWidget *m_pages;
    QLineEdit *m_url;
    QLabel *m_urlError;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QComboBox *m_sslMode;
    QLineEdit *m_service;
    QLineEdit *m_sqlitePath;
    QCheckBox *m_production;
    QComboBox *m_passwordSource;
    QLineEdit *m_password;
    QLabel *m_passwordHint;
    bool m_hasStoredPassword = false;
};

} // namespace Retort
