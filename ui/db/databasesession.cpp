#include "databasesession.h"

#include <QCoreApplication>

namespace Retort {

DatabaseSession::DatabaseSession(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("retort-database"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

DatabaseSession::~DatabaseSession()
{
    // The connection must be closed in the thread that opened it.
    QMetaObject::invokeMethod(
        m_worker, [this] { m_connection.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool DatabaseSession::needsPassword(const Error &error)
{
    const QString &message = error.message;
    return message.contains(QLatin1String("no password supplied")) ||
        message.contains(QLatin1String("password authentication failed")) || error.sqlState == QLatin1String("28P01");
}

void DatabaseSession::open(const ConnectionSettings &settings)
{
    const int generation = ++m_generation;
    m_open = false;
    m_settings = settings;
    run<Result<QString>>(
        [this, settings](DatabaseConnection *) -> Result<QString> {
            m_connection.reset();
            Result<std::unique_ptr<DatabaseConnection>> connection = DatabaseConnection::open(settings);
            if (!connection)
                return connection.error();
            m_connection = std::move(connection.value());
            return settings.displayName();
        },
        this,
        [this, generation](Result<QString> result) {
            if (generation != m_generation)
                return;
            m_open = result.ok();
            if (result)
                emit opened(*result);
            else
                emit openFailed(result.error(), needsPassword(result.error()));
        });
}

void DatabaseSession::close()
{
    ++m_generation;
    const bool wasOpen = m_open;
    m_open = false;
    m_settings = {};
    run<bool>(
        [this](DatabaseConnection *) {
            m_connection.reset();
            return true;
        },
        this, [](bool) {});
    if (wasOpen)
        emit closed();
}

void DatabaseSession::beginWork()
{
    if (m_pending++ == 0)
        emit busyChanged(true);
}

void DatabaseSession::endWork()
{
    if (--m_pending == 0)
        emit busyChanged(false);
}

} // namespace Retort
