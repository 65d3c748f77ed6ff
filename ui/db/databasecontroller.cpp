#include "databasecontroller.h"

#include "db/connectdialog.h"
#include "db/databasesession.h"

#include <QFileInfo>
#include <QPointer>
#include <QWidget>

namespace Retort {

DatabaseController::DatabaseController(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_session(new DatabaseSession(this))
{
    connect(m_session, &DatabaseSession::opened, this, [this] {
        m_connecting = false;
        m_passwordAttempts = 0;
        m_error.clear();
        ConnectDialog::remember(m_session->settings());
        emit info(tr("Connected to %1").arg(m_session->settings().redactedUrl()));
        emit opened();
        emit statusChanged();
    });
    connect(m_session, &DatabaseSession::openFailed, this, &DatabaseController::handleOpenFailed);
    connect(m_session, &DatabaseSession::busyChanged, this, [this] {
        emit statusChanged();
        if (!isBusy())
            emit idle();
    });
}

bool DatabaseController::isOpen() const
{
    return m_session->isOpen();
}

bool DatabaseController::isBusy() const
{
    return m_connecting || m_session->pendingWork() > 0;
}

QString DatabaseController::name() const
{
    if (!m_session->isOpen())
        return {};
    const ConnectionSettings &settings = m_session->settings();
    // A file name, not a path: the status bar is often in screenshots.
    return settings.dialect == Dialect::SQLite ? QFileInfo(settings.sqlitePath).fileName() : settings.displayName();
}

void DatabaseController::clearState()
{
    ++m_stateGeneration; // a reply still on its way is about what was cleared
    m_hasState = false;
    m_currentRows.clear();
    m_applied.clear();
    m_pendingCount = -1;
    emit stateChanged();
}

void DatabaseController::open(
    const ConnectionSettings &settings, bool production, const QString &profileShadowUrl, const QString &profileName)
{
    m_profileShadowUrl = profileShadowUrl;
    m_profileName = profileName;
    m_passwordAttempts = 0;
    startOpen(settings, production);
}

void DatabaseController::startOpen(const ConnectionSettings &settings, bool production)
{
    m_connecting = true;
    m_production = production;
    m_error.clear();
    clearState();
    emit info(tr("Connecting to %1").arg(settings.redactedUrl()));
    m_session->open(settings);
    emit statusChanged();
}

bool DatabaseController::openUrl(const QString &url, const QString &projectDirectory)
{
    Result<ConnectionSettings> settings = ConnectionSettings::fromUrl(url, projectDirectory);
    if (!settings) {
        m_error = settings.error().message;
        emit failed(tr("Bad database URL: %1").arg(settings.error().message));
        emit statusChanged();
        return false;
    }
    open(*settings);
    return true;
}

ShadowOptions DatabaseController::shadowOptions(const Project &project) const
{
    const bool open = m_session->isOpen();
    return shadowOptionsFor(project, open ? m_session->settings().dialect : Dialect::PostgreSQL,
        open ? m_profileShadowUrl : QString(), m_profileName);
}

ShadowOptions DatabaseController::shadowOptionsFor(
    const Project &project, Dialect dialect, const QString &profileShadowUrl, const QString &profileName)
{
    ShadowOptions options;
    options.dialect = dialect;
    if (!profileShadowUrl.isEmpty()) {
        options.configuredUrl = profileShadowUrl;
        options.configuredFrom = tr("profile \"%1\"").arg(profileName);
    } else if (!project.settings.shadowUrl.isEmpty()) {
        options.configuredUrl = project.settings.shadowUrl;
        options.configuredFrom = QStringLiteral("retort.ini");
    }
    return options;
}

void DatabaseController::close()
{
    if (!m_session->isOpen() && !m_connecting)
        return;
    emit info(tr("Disconnected from %1").arg(name()));
    m_connecting = false;
    m_session->close();
    clearState();
    emit statusChanged();
}

void DatabaseController::handleOpenFailed(const Error &error, bool needsPassword)
{
    m_connecting = false;
    ConnectionSettings settings = m_session->settings();
    // A server that wants a password the URL did not give: ask, keep the
    // answer in memory only, and try again (three times at most).
    if (needsPassword && m_interactive && m_window->isVisible() && m_passwordAttempts < 3) {
        ++m_passwordAttempts;
        const QString reason =
            settings.password.isEmpty() ? tr("The server asks for a password.") : tr("The password was not accepted.");
        if (ConnectDialog::askPassword(m_window, settings, reason)) {
            startOpen(settings, m_production);
            return;
        }
    }
    m_passwordAttempts = 0;
    m_error = error.toString();
    emit failed(error.toString());
    emit statusChanged();
    if (!isBusy())
        emit idle();
}

void DatabaseController::refresh(const Project &project)
{
    if (!m_session->isOpen()) {
        clearState();
        emit statusChanged();
        return;
    }
    const int generation = ++m_stateGeneration;
    m_session->run<Result<DatabaseStatus>>(
        [project](DatabaseConnection *connection) -> Result<DatabaseStatus> {
            if (!connection)
                return Error::at({}, 0, tr("not connected"));
            return DatabaseReview(project, connection->database(), connection->dialect()).status();
        },
        this,
        [this, generation](const Result<DatabaseStatus> &status) {
            if (generation != m_stateGeneration)
                return;
            if (!status) {
                emit failed(tr("Cannot read the database's state: %1").arg(status.error().toString()));
                clearState();
                emit statusChanged();
                return;
            }
            m_hasState = true;
            m_currentRows = status->versionRows;
            m_pendingCount = status->pending;
            m_applied = QSet<int>(status->applied.cbegin(), status->applied.cend());
            if (!status->pendingError.isEmpty())
                emit failed(tr("Cannot plan an upgrade to heads: %1").arg(status->pendingError));
            emit stateChanged();
            emit stateRead();
            emit statusChanged();
        });
}

void DatabaseController::review(const Project &project, ReviewMode mode, const QString &target, QObject *context,
    std::function<void(const Result<Review> &)> done)
{
    const int generation = ++m_reviewGeneration;
    if (!m_session->isOpen())
        return;
    QPointer<DatabaseController> self(this);
    m_session->run<Result<Review>>(
        [project, mode, target](DatabaseConnection *connection) -> Result<Review> {
            if (!connection)
                return Error::at({}, 0, tr("not connected"));
            return DatabaseReview(project, connection->database(), connection->dialect()).review(mode, target);
        },
        context,
        [self, generation, done = std::move(done)](const Result<Review> &review) {
            if (self && generation == self->m_reviewGeneration)
                done(review);
        });
}

void DatabaseController::history(
    const Project &project, QObject *context, std::function<void(const Result<QList<HistoryEntry>> &)> done)
{
    const int generation = ++m_historyGeneration;
    if (!m_session->isOpen())
        return;
    QPointer<DatabaseController> self(this);
    const ProjectSettings settings = project.settings;
    m_session->run<Result<QList<HistoryEntry>>>(
        [settings](DatabaseConnection *connection) -> Result<QList<HistoryEntry>> {
            if (!connection)
                return Error::at({}, 0, tr("not connected"));
            return HistoryTable(
                connection->database(), connection->dialect(), settings.versionTableSchema, settings.historyTable)
                .entries();
        },
        context,
        [self, generation, done = std::move(done)](const Result<QList<HistoryEntry>> &entries) {
            if (self && generation == self->m_historyGeneration)
                done(entries);
        });
}

} // namespace Retort
