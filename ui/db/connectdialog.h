#pragma once

#include "db/connectionsettings.h"

#include <QDialog>

class QComboBox;
class QLabel;

namespace Retort {

// Asks where to connect: a database URL (postgresql://…, sqlite:///…), or
// a SQLite file picked from disk. Recent URLs are offered, never with a
// password in them.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectDialog(const QString &projectDirectory, QWidget *parent = nullptr);

    ConnectionSettings settings() const { return m_settings; }

    // The URLs offered next time: `url` first, its password removed.
    static void remember(const ConnectionSettings &settings);
    static QStringList recentUrls();

    // Asks for the password of `settings`' user; false when cancelled. The
    // password goes into `settings` only.
    static bool askPassword(QWidget *parent, ConnectionSettings &settings, const QString &reason);

    void accept() override;

private:
    QString m_projectDirectory;
    ConnectionSettings m_settings;
    QComboBox *m_url;
    QLabel *m_error;
};

} // namespace Retort
