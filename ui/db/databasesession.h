#pragma once

#include "db/connectionsettings.h"
#include "db/databaseconnection.h"
#include "util/result.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace Retort {

// The window's database connection, opened and used on a worker thread of
// its own: a QSqlDatabase belongs to the thread that opened it, and the
// window must never wait for the network. Work is queued to that thread
// with run(); its result comes back to the caller's thread.
//
// The password, when one was typed, lives only in this object's memory for
// the session; nothing here writes it anywhere.
class DatabaseSession : public QObject
{
    Q_OBJECT
public:
    explicit DatabaseSession(QObject *parent = nullptr);
    ~DatabaseSession() override;

    // Connects (asynchronously); emits opened() or openFailed(). Replaces
    // any connection open before.
    void open(const ConnectionSettings &settings);
    void close();
    bool isOpen() const { return m_open; }
    const ConnectionSettings &settings() const { return m_settings; }
    // Work queued or running; the window shows it and screenshots wait for 0.
    int pendingWork() const { return m_pending; }

    // Whether a failed connection asked for a password the URL did not give.
    static bool needsPassword(const Error &error);

    // Runs `work` on the worker thread with the open connection and hands
    // its result to `done` on `context`'s thread, unless `context` is gone
    // by then. Without a connection, `work` gets nullptr.
    template<typename T>
    void run(std::function<T(DatabaseConnection *)> work, QObject *context, std::function<void(T)> done)
    {
        beginWork();
        QPointer<DatabaseSession> self(this);
        QPointer<QObject> receiver(context);
        QMetaObject::invokeMethod(m_worker, [this, self, receiver, work = std::move(work), done = std::move(done)] {
            T result = work(m_connection.get());
            QMetaObject::invokeMethod(self.data() ? static_cast<QObject *>(self.data()) : QCoreApplication::instance(),
                [self, receiver, done, result = std::move(result)] {
                    if (receiver)
                        done(result);
                    if (self)
                        self->endWork();
                });
        });
    }

signals:
    void opened(const QString &displayName);
    void openFailed(const Retort::Error &error, bool needsPassword);
    void closed();
    void busyChanged(bool busy);

private:
    void beginWork();
    void endWork();

    QThread m_thread;
    QObject *m_worker; // lives in m_thread; m_connection is only touched there
    std::unique_ptr<DatabaseConnection> m_connection;
    ConnectionSettings m_settings;
    bool m_open = false;
    int m_pending = 0;
    int m_generation = 0; // connections opened so far; a late reply for an older one is dropped
};

} // namespace Retort
