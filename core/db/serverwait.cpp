#include "serverwait.h"

#include "databaseconnection.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

namespace Retort {

bool isTransientConnectionError(const QString &message)
{
    static const char *const transient[] = {
        "Connection refused",
        "could not connect",
        "No such file or directory", // the Unix socket is not there yet
        "the database system is starting up",
        "the database system is shutting down",
        "the database system is in recovery mode",
        "could not translate host name", // a container's name before its network is up
        "Temporary failure in name resolution",
        "timeout expired",
        "Connection timed out",
        "server closed the connection unexpectedly",
        "Network is unreachable",
        "No route to host",
    };
    for (const char *text : transient) {
        if (message.contains(QLatin1String(text), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

Result<void> waitForServer(
    const ConnectionSettings &settings, int seconds, const std::function<void(const QString &)> &waiting)
{
    if (settings.dialect == Dialect::SQLite)
        return {};
    QElapsedTimer timer;
    timer.start();
    qint64 lastReport = -10000;
    while (true) {
        auto connection = DatabaseConnection::open(settings);
        if (connection)
            return {};
        const Error error = connection.error();
        if (!isTransientConnectionError(error.message))
            return error;
        if (timer.elapsed() >= qint64(seconds) * 1000) {
            Error gaveUp = error;
            gaveUp.message = QCoreApplication::translate(
                "Retort::ServerWait", "the server did not accept connections within %1 s (--wait): %2")
                                 .arg(seconds)
                                 .arg(error.message);
            return gaveUp;
        }
        if (waiting && timer.elapsed() - lastReport >= 5000) {
            waiting(error.message);
            lastReport = timer.elapsed();
        }
        QThread::msleep(500);
    }
}

} // namespace Retort
