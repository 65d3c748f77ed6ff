#include "passwordvault.h"

#include <qt6keychain/keychain.h>

namespace Retort {

namespace {

template<typename JobType>
JobType *makeJob(const QString &key, QObject *parent)
{
    auto *job = new JobType(PasswordVault::serviceName(), parent);
    job->setAutoDelete(true);
    // Never fall back to storing the password in a plain settings file.
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

PasswordVault::PasswordVault(QObject *parent)
    : QObject(parent)
{ }

QString PasswordVault::serviceName()
{
    return QStringLiteral("org.retort.Retort");
}

void PasswordVault::read(const QString &key)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(key, this);
    connect(job, &QKeychain::Job::finished, this, [this, key, job] {
        if (job->error() == QKeychain::NoError)
            emit passwordRead(key, job->textData());
        else
            emit failed(key, job->errorString(), job->error() == QKeychain::EntryNotFound);
    });
    job->start();
}

void PasswordVault::write(const QString &key, const QString &password)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(key, this);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, key, job] {
        if (job->error() == QKeychain::NoError)
            emit passwordWritten(key);
        else
            emit failed(key, job->errorString(), false);
    });
    job->start();
}

void PasswordVault::remove(const QString &key)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(key, this);
    connect(job, &QKeychain::Job::finished, this, [this, key, job] {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            emit passwordRemoved(key);
        else
            emit failed(key, job->errorString(), false);
    });
    job->start();
}

} // namespace Retort
