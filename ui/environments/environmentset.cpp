#include "environmentset.h"

#include "db/databaseconnection.h"
#include "db/databasesession.h"
#include "profiles/passwordvault.h"
#include "profiles/profilestore.h"
#include "review/databasereview.h"

#include <QCryptographicHash>
#include <QPointer>
#include <QSettings>

#include <array>

namespace Retort {

namespace {

constexpr int kDefaultRefreshMs = 60 * 1000;
constexpr int kMaxParallelReads = 4;
// An environment that does not answer is shown so after this long, not
// after libpq's default of waiting for ever (or Retort's 10 s for runs).
constexpr auto kConnectTimeoutSeconds = "5";
constexpr int kProductionHue = 0;
// Ordered so that the first few environments differ most; none is red,
// which says production.
constexpr std::array<int, 6> kHues { 210, 130, 280, 30, 180, 320 };

QString settingsKey(const QString &projectDirectory)
{
    // A hash, not the path: QSettings keys treat '/' and '\' as groups.
    const QByteArray hash = QCryptographicHash::hash(projectDirectory.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("environments/%1").arg(QString::fromLatin1(hash.left(16)));
}

} // namespace

struct EnvironmentSet::ReadResult {
    bool ok = false;
    bool needsPassword = false;
    DatabaseStatus status;
    QString error;
};

EnvironmentSet::EnvironmentSet(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(kMaxParallelReads);
    m_timer.setInterval(kDefaultRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        for (int i = 0; i < m_environments.size(); ++i) {
            if (m_environments.at(i).reach != Environment::Reach::Reading)
                refresh(i);
        }
    });
}

EnvironmentSet::~EnvironmentSet()
{
    m_pool.clear();
    m_pool.waitForDone();
}

QString EnvironmentSet::profileFile() const
{
    return m_profileFile.isEmpty() ? ProfileStore::defaultSettingsFile() : m_profileFile;
}

void EnvironmentSet::setRefreshInterval(int milliseconds)
{
    m_timer.setInterval(milliseconds);
    if (milliseconds <= 0)
        m_timer.stop();
    else if (!m_environments.isEmpty())
        m_timer.start();
}

void EnvironmentSet::setProject(const Project &project)
{
    const bool sameFolder = project.directory == m_project.directory;
    m_project = project;
    if (!sameFolder)
        load();
    else
        refresh();
}

void EnvironmentSet::load()
{
    m_environments.clear();
    m_generations.clear();
    if (!m_project.directory.isEmpty()) {
        const ProfileStore store(profileFile());
        const QStringList names = QSettings().value(settingsKey(m_project.directory)).toStringList();
        for (const QString &name : names) {
            // A profile deleted or renamed since is left out, not an error.
            if (std::optional<ConnectionProfile> profile = store.profile(name)) {
                Environment environment;
                environment.profile = *profile;
                m_environments.append(environment);
            }
        }
    }
    assignHues();
    emit listChanged();
    refresh();
    if (m_timer.interval() > 0 && !m_environments.isEmpty())
        m_timer.start();
}

void EnvironmentSet::save() const
{
    if (m_project.directory.isEmpty())
        return;
    QStringList names;
    for (const Environment &environment : m_environments)
        names.append(environment.name());
    QSettings settings;
    if (names.isEmpty())
        settings.remove(settingsKey(m_project.directory));
    else
        settings.setValue(settingsKey(m_project.directory), names);
}

void EnvironmentSet::assignHues()
{
    // By position in the saved list: the same colours every time the project opens.
    size_t next = 0;
    for (Environment &environment : m_environments)
        environment.hue = environment.profile.production ? kProductionHue : kHues.at(next++ % kHues.size());
}

int EnvironmentSet::indexOf(const QString &name) const
{
    for (int i = 0; i < m_environments.size(); ++i) {
        if (m_environments.at(i).name() == name)
            return i;
    }
    return -1;
}

void EnvironmentSet::add(const ConnectionProfile &profile)
{
    if (indexOf(profile.name) >= 0)
        return;
    Environment environment;
    environment.profile = profile;
    m_environments.append(environment);
    assignHues();
    save();
    emit listChanged();
    refresh(int(m_environments.size()) - 1);
    if (m_timer.interval() > 0)
        m_timer.start();
}

void EnvironmentSet::remove(const QString &name)
{
    const int index = indexOf(name);
    if (index < 0)
        return;
    m_environments.removeAt(index);
    m_generations.remove(name); // a read still on its way finds no one to report to
    m_passwords.remove(name);
    if (m_active == name)
        m_active.clear();
    assignHues();
    save();
    emit listChanged();
    if (m_environments.isEmpty())
        m_timer.stop();
}

void EnvironmentSet::refresh()
{
    for (int i = 0; i < m_environments.size(); ++i)
        refresh(i);
}

void EnvironmentSet::refresh(int index)
{
    if (index < 0 || index >= m_environments.size())
        return;
    // The active environment is the window's connection: it reads itself.
    if (m_environments.at(index).name() == m_active)
        return;
    startRead(index);
}

void EnvironmentSet::setActive(const QString &name)
{
    if (m_active == name)
        return;
    const QString previous = m_active;
    m_active = name;
    for (const QString &changed : { previous, name }) {
        if (const int index = indexOf(changed); index >= 0)
            emit environmentChanged(index);
    }
}

void EnvironmentSet::updateFromConnection(const QStringList &rows, const QSet<int> &applied, int pending)
{
    const int index = indexOf(m_active);
    if (index < 0)
        return;
    ++m_generations[m_active]; // a background read started before is older than this
    Environment &environment = m_environments[index];
    environment.reach = Environment::Reach::Reachable;
    environment.rows = rows;
    environment.applied = applied;
    environment.pending = pending;
    environment.error.clear();
    environment.readAt = QDateTime::currentDateTime();
    emit environmentChanged(index);
}

void EnvironmentSet::setDrift(const QString &name, Environment::Drift drift, const QString &detail)
{
    const int index = indexOf(name);
    if (index < 0)
        return;
    m_environments[index].drift = drift;
    m_environments[index].driftDetail = detail;
    emit environmentChanged(index);
}

void EnvironmentSet::setPassword(const QString &name, const QString &password)
{
    if (password.isEmpty())
        return;
    m_passwords.insert(name, password);
}

ConnectionSettings EnvironmentSet::settings(int index) const
{
    const Environment &environment = m_environments.at(index);
    ConnectionSettings settings = environment.profile.connection;
    settings.password = m_passwords.value(environment.name());
    return settings;
}

ConnectionSettings EnvironmentSet::forBackgroundRead(ConnectionSettings settings)
{
    if (!settings.options.contains(QStringLiteral("connect_timeout")))
        settings.options.insert(QStringLiteral("connect_timeout"), QString::fromLatin1(kConnectTimeoutSeconds));
    return settings;
}

void EnvironmentSet::startRead(int index)
{
    const Environment &environment = m_environments.at(index);
    const QString name = environment.name();
    if (m_passwords.contains(name) || environment.profile.passwordSource == PasswordSource::Libpq) {
        readWithPassword(index, m_passwords.value(name));
        return;
    }
    if (environment.profile.passwordSource == PasswordSource::Ask) {
        Environment &asking = m_environments[index];
        asking.reach = Environment::Reach::NeedsPassword;
        asking.error = tr("Its password is asked each time: make it active to type it");
        emit environmentChanged(index);
        return;
    }
    if (!m_vault) {
        m_vault = new PasswordVault(this);
        connect(m_vault, &PasswordVault::passwordRead, this, [this](const QString &key, const QString &password) {
            for (int i = 0; i < m_environments.size(); ++i) {
                if (m_environments.at(i).profile.keychainKey() == key) {
                    m_passwords.insert(m_environments.at(i).name(), password);
                    readWithPassword(i, password);
                }
            }
        });
        connect(m_vault, &PasswordVault::failed, this, [this](const QString &key, const QString &message, bool) {
            for (int i = 0; i < m_environments.size(); ++i) {
                if (m_environments.at(i).profile.keychainKey() == key) {
                    m_environments[i].reach = Environment::Reach::NeedsPassword;
                    m_environments[i].error = tr("The keychain has no password for it: %1").arg(message);
                    emit environmentChanged(i);
                }
            }
        });
    }
    m_vault->read(environment.profile.keychainKey());
}

void EnvironmentSet::readWithPassword(int index, const QString &password)
{
    Environment &environment = m_environments[index];
    const QString name = environment.name();
    const int generation = ++m_generations[name];
    ConnectionSettings settings = forBackgroundRead(environment.profile.connection);
    settings.password = password;
    environment.reach = Environment::Reach::Reading;
    emit environmentChanged(index);
    setReading(+1);
    QPointer<EnvironmentSet> self(this);
    m_pool.start([self, project = m_project, settings, name, generation] {
        ReadResult result;
        // Opened, read and closed here: a connection per read, so one
        // that went away is simply tried again next time.
        if (Result<std::unique_ptr<DatabaseConnection>> connection = DatabaseConnection::open(settings); !connection) {
            result.error = connection.error().toString();
            result.needsPassword = DatabaseSession::needsPassword(connection.error());
        } else if (Result<DatabaseStatus> status =
                       DatabaseReview(project, (*connection)->database(), (*connection)->dialect()).status();
                   !status) {
            result.error = status.error().toString();
        } else {
            result.ok = true;
            result.status = *status;
        }
        if (EnvironmentSet *set = self.data()) {
            QMetaObject::invokeMethod(
                set, [set, name, generation, result] { set->finishRead(name, generation, result); },
                Qt::QueuedConnection);
        }
    });
}

void EnvironmentSet::finishRead(const QString &name, int generation, const ReadResult &result)
{
    setReading(-1);
    const int index = indexOf(name);
    if (index < 0 || m_generations.value(name) != generation)
        return;
    Environment &environment = m_environments[index];
    if (result.ok) {
        environment.reach = Environment::Reach::Reachable;
        environment.rows = result.status.versionRows;
        environment.applied = QSet<int>(result.status.applied.cbegin(), result.status.applied.cend());
        environment.pending = result.status.pending;
        environment.error = result.status.pendingError;
        environment.readAt = QDateTime::currentDateTime();
    } else {
        // What was read before stays on the graph, marked as unreachable now.
        environment.reach = result.needsPassword ? Environment::Reach::NeedsPassword : Environment::Reach::Unreachable;
        environment.error = result.error;
    }
    emit environmentChanged(index);
}

void EnvironmentSet::setReading(int delta)
{
    const bool wasBusy = isBusy();
    m_reading += delta;
    if (wasBusy != isBusy())
        emit busyChanged(isBusy());
}

} // namespace Retort
