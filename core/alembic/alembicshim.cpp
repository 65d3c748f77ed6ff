#include "alembicshim.h"

#include "pythonenvironment.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Retort {

Result<std::unique_ptr<AlembicShim>> AlembicShim::create()
{
    QFile resource(QStringLiteral(":/retort/python/retort_alembic.py"));
    if (!resource.open(QIODevice::ReadOnly))
        return Error::at(resource.fileName(), 0, QStringLiteral("the Alembic bridge is missing from this build"));
    auto shim = std::unique_ptr<AlembicShim>(new AlembicShim);
    // QTemporaryFile creates the file with mode 0600.
    shim->m_file = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/retort-alembic-XXXXXX.py"));
    if (!shim->m_file->open() || shim->m_file->write(resource.readAll()) < 0 || !shim->m_file->flush()) {
        return Error::at(shim->m_file->fileName(), 0,
            QCoreApplication::translate("Retort::AlembicShim", "cannot write a temporary file: %1")
                .arg(shim->m_file->errorString()));
    }
    shim->m_file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return shim;
}

ProcessRequest AlembicShim::probeRequest(const PythonEnvironment &python) const
{
    return python.request({ path(), QStringLiteral("probe") });
}

ProcessRequest AlembicShim::alembicRequest(
    const PythonEnvironment &python, const QString &configFile, const QStringList &arguments) const
{
    ProcessRequest request =
        python.request(QStringList { path(), QStringLiteral("alembic"), QStringLiteral("-c"), configFile } + arguments,
            QFileInfo(configFile).absolutePath());
    request.eventMark = eventMark();
    request.privateFiles = false; // new revision files are the user's, with their usual mode
    return request;
}

QByteArray AlembicShim::eventMark()
{
    return QByteArrayLiteral("\x1eretort ");
}

} // namespace Retort
