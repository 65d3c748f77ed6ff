#pragma once

#include "environment.h"
#include "project/project.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

namespace Retort {

class PasswordVault;

// The environments the window watches for a project: saved connection
// profiles (dev, staging, production…) kept per project in QSettings, each
// read in the background on a connection of its own (opened, read, closed:
// nothing held, nothing written), again every so often, so that an
// unreachable one comes back by itself and never holds up the others.
//
// Passwords: libpq's own sources (~/.pgpass, a service file) need nothing
// here; a keychain password is read from the keychain; a password asked
// each time is the one typed when the environment was made active, kept in
// memory only.
class EnvironmentSet : public QObject
{
    Q_OBJECT
public:
    explicit EnvironmentSet(QObject *parent = nullptr);
    ~EnvironmentSet() override;

    // Where connection profiles are read (ProfileStore's default when empty).
    void setProfileFile(const QString &file) { m_profileFile = file; }
    QString profileFile() const;
    // How often each environment is read again; 0: only when asked.
    void setRefreshInterval(int milliseconds);

    // The environments saved for `project`'s folder, read at once. Called
    // again after a reload: graph indexes change with the files.
    void setProject(const Project &project);
    const QList<Environment> &environments() const { return m_environments; }
    int count() const { return int(m_environments.size()); }
    int indexOf(const QString &name) const;
    const Environment &at(int index) const { return m_environments.at(index); }

    // Adds a saved profile (read at once) or removes one; saved for the project.
    void add(const ConnectionProfile &profile);
    void remove(const QString &name);
    // Reads every environment again, or one.
    void refresh();
    void refresh(int index);
    // Reads under way.
    bool isBusy() const { return m_reading > 0; }

    // The environment the window's connection came from; its state is the
    // window's own (see updateFromConnection) rather than a second read.
    void setActive(const QString &name);
    QString active() const { return m_active; }
    // The active environment's state as the window's connection read it.
    void updateFromConnection(const QStringList &rows, const QSet<int> &applied, int pending);
    // The outcome of a drift check of `name`.
    void setDrift(const QString &name, Environment::Drift drift, const QString &detail = {});
    // A password typed for `name` (kept in memory for the session).
    void setPassword(const QString &name, const QString &password);
    // The connection of environment `index`, with its password if one is known.
    ConnectionSettings settings(int index) const;
    // `settings` for a read in the background: one that does not answer
    // gives up after a few seconds (unless the profile says otherwise).
    static ConnectionSettings forBackgroundRead(ConnectionSettings settings);

signals:
    void listChanged(); // added, removed, or another project
    void environmentChanged(int index);
    void busyChanged(bool busy);

private:
    struct ReadResult;
    void load();
    void save() const;
    void assignHues();
    void startRead(int index);
    void readWithPassword(int index, const QString &password);
    void finishRead(const QString &name, int generation, const ReadResult &result);
    void setReading(int delta);

    Project m_project;
    QString m_profileFile;
    QList<Environment> m_environments;
    QHash<QString, QString> m_passwords; // typed or from the keychain; memory only
    QHash<QString, int> m_generations; // per environment: only the latest read counts
    QString m_active;
    int m_reading = 0;
    QTimer m_timer;
    PasswordVault *m_vault = nullptr;
    QThreadPool m_pool; // last: its destructor waits for reads still running
};

} // namespace Retort
