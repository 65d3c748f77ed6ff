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
    ProcessRequest request(python.interpreter, { path(), QStringLiteral("probe") });
    // Python would otherwise write __pycache__ next to the shim, and a
    // PYTHONHOME or PYTHONPATH meant for another Python breaks this one.
    request.environment.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    request.removeFromEnvironment.append(QStringLiteral("PYTHONHOME"));
    return request;
}

ProcessRequest AlembicShim::alembicRequest(
    const PythonEnvironment &python, const QString &configFile, const QStringList &arguments) const
{
    ProcessRequest request = probeRequest(python);
    request.arguments = QStringList { path(), QStringLiteral("alembic"), QStringLiteral("-c"), configFile } + arguments;
    request.workingDirectory = QFileInfo(configFile).absolutePath();
    // As `alembic` from an activated virtualenv: env.py may run tools of it.
    if (!python.virtualEnv.isEmpty()) {
        request.environment.insert(QStringLiteral("VIRTUAL_ENV"), python.virtualEnv);
        request.environment.insert(QStringLiteral("PATH"),
            QDir(python.virtualEnv).filePath(QStringLiteral("bin")) + QLatin1Char(':') + qEnvironmentVariable("PATH"));
    }
    request.eventMark = eventMark();
    request.privateFiles = false; // new revision files are the user's, with their usual mode
    return request;
}

QByteArray AlembicShim::eventMark()
{
    return QByteArrayLiteral("\x1eretort ");
}

} // namespace Retort
