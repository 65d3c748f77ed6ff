#include "runlock.h"

#include "db/sqlerror.h"
#include "querycanceller.h"
#include "sql/sqlresource.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>
#include <QtEndian>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::RunLock", text);
}

constexpr int kPollMs = 200;
constexpr int kReportEveryMs = 5000;

} // namespace

int RunLock::objectId(const QString &lockName)
{
    const QByteArray hash = QCryptographicHash::hash(lockName.toUtf8(), QCryptographicHash::Sha256);
    return qFromBigEndian<qint32>(hash.constData());
}

RunLock::~RunLock()
{
    m_check.reset();
    if (!m_held)
        return;
    if (m_own) {
        QSqlQuery query(m_own->database());
        query.prepare(sqlResource(QStringLiteral("lock_release"), Dialect::PostgreSQL));
        query.addBindValue(kClassId);
        query.addBindValue(m_objectId);
        query.exec(); // closing the connection releases it anyway
    } else if (m_migration.isOpen()) {
        QSqlQuery query(m_migration);
        query.exec(sqlResource(QStringLiteral("lock_release"), Dialect::SQLite));
        query.exec(sqlResource(QStringLiteral("lock_touch"), Dialect::SQLite));
    }
}

Result<std::unique_ptr<RunLock>> RunLock::acquire(
    const ConnectionSettings &settings, QSqlDatabase migration, const Options &options, QueryCanceller &canceller)
{
    std::unique_ptr<RunLock> lock(new RunLock);
    lock->m_settings = settings;
    lock->m_objectId = objectId(options.lockName);
    if (settings.dialect == Dialect::PostgreSQL) {
        ConnectionSettings own = settings;
        lock->m_applicationName = QStringLiteral("retort-lock/%1%2")
                                      .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'))
                                      .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
        own.options.insert(QStringLiteral("application_name"), lock->m_applicationName);
        auto connection = DatabaseConnection::open(own);
        if (!connection)
            return connection.error();
        lock->m_own = std::move(*connection);
    } else {
        lock->m_migration = migration;
        QSqlQuery query(migration);
        if (!query.exec(sqlResource(QStringLiteral("lock_mode"), Dialect::SQLite)) ||
            !query.exec(sqlResource(QStringLiteral("lock_no_wait"), Dialect::SQLite)))
            return sqlError(tr("cannot lock %1").arg(settings.displayName()), query.lastError());
    }

    QElapsedTimer waited;
    waited.start();
    qint64 lastReport = -kReportEveryMs;
    while (true) {
        Result<bool> taken = lock->tryOnce();
        if (!taken)
            return taken.error();
        if (*taken) {
            lock->m_held = true;
            if (lock->m_own) {
                QSqlQuery pid(lock->m_own->database());
                if (pid.exec(sqlResource(QStringLiteral("backend_pid"), Dialect::PostgreSQL)) && pid.next())
                    lock->m_backendPid = pid.value(0).toInt();
            }
            return lock;
        }
        const QString holder = lock->holder();
        if (options.timeoutMs >= 0 && waited.elapsed() >= options.timeoutMs) {
            return Error::at({}, 0,
                tr("another run holds the migration lock on %1 (%2); gave up after %3 s (--lock-timeout)")
                    .arg(settings.displayName(), holder)
                    .arg(options.timeoutMs / 1000.0, 0, 'g', 3));
        }
        if (canceller.isCancelled())
            return Error::at(
                {}, 0, tr("cancelled while waiting for the migration lock on %1").arg(settings.displayName()));
        if (options.waiting && waited.elapsed() - lastReport >= kReportEveryMs) {
            options.waiting(holder);
            lastReport = waited.elapsed();
        }
        QThread::msleep(kPollMs);
    }
}

Result<bool> RunLock::tryOnce()
{
    if (m_own) {
        QSqlQuery query(m_own->database());
        query.prepare(sqlResource(QStringLiteral("lock_try"), Dialect::PostgreSQL));
        query.addBindValue(kClassId);
        query.addBindValue(m_objectId);
        if (!query.exec() || !query.next())
            return sqlError(
                tr("cannot take the migration lock on %1").arg(m_settings.displayName()), query.lastError());
        return query.value(0).toBool();
    }
    QSqlQuery query(m_migration);
    if (!query.exec(sqlResource(QStringLiteral("lock_try"), Dialect::SQLite))) {
        if (isSqliteBusy(query.lastError()))
            return false; // someone else writes
        return sqlError(tr("cannot lock %1").arg(m_settings.displayName()), query.lastError());
    }
    if (!query.exec(sqlResource(QStringLiteral("lock_commit"), Dialect::SQLite)))
        return sqlError(tr("cannot lock %1").arg(m_settings.displayName()), query.lastError());
    return true;
}

QString RunLock::holder()
{
    if (!m_own)
        return tr("another process is writing to the database file");
    QSqlQuery query(m_own->database());
    query.prepare(sqlResource(QStringLiteral("lock_holder"), Dialect::PostgreSQL));
    query.addBindValue(kClassId);
    query.addBindValue(m_objectId);
    if (!query.exec() || !query.next())
        return tr("holder unknown");
    return tr("held by %1 (pid %2) of user %3 from %4, connected since %5")
        .arg(query.value(2).toString().isEmpty() ? tr("a session") : query.value(2).toString())
        .arg(query.value(0).toInt())
        .arg(query.value(1).toString(), query.value(3).toString(), query.value(4).toString());
}

Result<void> RunLock::check()
{
    if (!m_own)
        return {};
    if (!m_check) {
        m_check = std::make_unique<QSqlQuery>(m_own->database());
        m_check->prepare(sqlResource(QStringLiteral("lock_held"), Dialect::PostgreSQL));
    }
    QSqlQuery &query = *m_check;
    query.bindValue(0, kClassId);
    query.bindValue(1, m_objectId);
    const bool held = query.exec() && query.next() && query.value(0).toBool();
    const QSqlError failure = query.lastError();
    query.finish();
    if (!held) {
        m_held = false;
        Error error = sqlError(failure);
        error.message = tr("the connection holding the migration lock was lost, so another run could start; stopping "
                           "here (%1)")
                            .arg(error.message.isEmpty() ? tr("the lock is no longer held") : error.message);
        return error;
    }
    return {};
}

QSqlDatabase RunLock::connection() const
{
    return m_own ? m_own->database() : QSqlDatabase();
}

} // namespace Retort
