#include "pythonenvironment.h"

#include "alembicshim.h"
#include "pythonprobecache.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::PythonEnvironment", text);
}

const QStringList kVirtualEnvNames = {
    QStringLiteral(".venv"),
    QStringLiteral("venv"),
    QStringLiteral("env"),
    QStringLiteral("myenv"),
};

bool isExecutableFile(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

// The interpreter of a virtualenv folder (it has pyvenv.cfg), or empty.
QString virtualEnvPython(const QString &folder)
{
    if (!QFileInfo::exists(QDir(folder).filePath(QStringLiteral("pyvenv.cfg"))))
        return {};
    for (const QString &name : { QStringLiteral("bin/python"), QStringLiteral("bin/python3") }) {
        // Never resolve the link: a virtualenv's python is a link to the
        // base interpreter, and only through the link is it the virtualenv.
        const QString path = QDir(folder).filePath(name);
        if (isExecutableFile(path))
            return path;
    }
    return {};
}

PythonEnvironment fromVirtualEnv(const QString &folder, const QString &origin)
{
    PythonEnvironment python;
    python.virtualEnv = QDir::cleanPath(folder);
    python.interpreter = virtualEnvPython(folder);
    python.origin = origin;
    return python;
}

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

// Where an error about the environment points: the setting, else alembic.ini.
Error errorAt(const Project &project, const QString &message)
{
    const QString &at = project.settings.pythonDefinedAt;
    const qsizetype colon = at.lastIndexOf(QLatin1Char(':'));
    if (!project.settings.python.isEmpty() && colon > 0)
        return Error::at(at.left(colon), at.mid(colon + 1).toInt(), message);
    return Error::at(project.configFile, 0, message);
}

QString settingHint()
{
    return tr("name the project's Python with python = PATH (an interpreter or a virtualenv folder) in the [retort] "
              "section of retort.ini or alembic.ini");
}

} // namespace

Result<PythonEnvironment> PythonEnvironment::locate(const Project &project, const QProcessEnvironment &environment)
{
    const QDir folder(project.directory);
    if (!project.settings.python.isEmpty()) {
        const QString given = QDir::cleanPath(folder.absoluteFilePath(expandHome(project.settings.python)));
        const QString origin = tr("python in %1").arg(project.settings.pythonDefinedAt);
        if (QFileInfo(given).isDir()) {
            PythonEnvironment python = fromVirtualEnv(given, origin);
            if (python.interpreter.isEmpty()) {
                return errorAt(project,
                    tr("python = %1 names the folder %2, which is not a virtualenv (no pyvenv.cfg and bin/python in "
                       "it)")
                        .arg(project.settings.python, given));
            }
            return python;
        }
        if (!isExecutableFile(given)) {
            return errorAt(project,
                tr("python = %1: %2 does not exist or is not executable")
                    .arg(project.settings.python, QDir::toNativeSeparators(given)));
        }
        PythonEnvironment python;
        python.interpreter = given;
        python.origin = origin;
        // .venv/bin/python: the virtualenv is two folders up.
        const QString above = QFileInfo(QFileInfo(given).absolutePath()).absolutePath();
        if (!virtualEnvPython(above).isEmpty())
            python.virtualEnv = above;
        return python;
    }

    const QString active = environment.value(QStringLiteral("VIRTUAL_ENV"));
    if (!active.isEmpty()) {
        PythonEnvironment python = fromVirtualEnv(active, tr("VIRTUAL_ENV"));
        if (python.interpreter.isEmpty()) {
            return errorAt(project,
                tr("VIRTUAL_ENV is %1, which is not a virtualenv (no pyvenv.cfg and bin/python in it); activate "
                   "another one, or %2")
                    .arg(active, settingHint()));
        }
        return python;
    }

    // Next to alembic.ini, then one folder up (a repository's root).
    for (const QString &place : { folder.absolutePath(), QFileInfo(folder.absolutePath()).absolutePath() }) {
        for (const QString &name : kVirtualEnvNames) {
            const QString candidate = QDir(place).filePath(name);
            if (!virtualEnvPython(candidate).isEmpty()) {
                return fromVirtualEnv(candidate,
                    place == folder.absolutePath() ? tr("%1 next to alembic.ini").arg(name)
                                                   : tr("%1 in the folder above alembic.ini").arg(name));
            }
        }
    }

    const QString found = QStandardPaths::findExecutable(QStringLiteral("python3"),
        environment.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts));
    if (found.isEmpty()) {
        return errorAt(project,
            tr("no Python found to run Alembic: no virtualenv (%1) near alembic.ini, no VIRTUAL_ENV and no python3 on "
               "PATH; %2")
                .arg(kVirtualEnvNames.join(QLatin1String(", ")), settingHint()));
    }
    PythonEnvironment python;
    python.interpreter = found;
    python.origin = tr("python3 on PATH");
    return python;
}

Result<PythonEnvironment> PythonEnvironment::inspect(const Project &project, const QProcessEnvironment &environment)
{
    Result<PythonEnvironment> located = locate(project, environment);
    if (!located)
        return located;
    PythonEnvironment python = *located;
    if (std::optional<PythonEnvironment> known = PythonProbeCache::find(python))
        return *known;
    Result<std::unique_ptr<AlembicShim>> shim = AlembicShim::create();
    if (!shim)
        return shim.error();
    ProcessRunner runner;
    Result<ProcessOutput> probed = runner.run((*shim)->probeRequest(python));
    const QString which = QStringLiteral("%1 (%2)").arg(QDir::toNativeSeparators(python.interpreter), python.origin);
    if (!probed)
        return errorAt(project, tr("the project's Python %1 does not run: %2").arg(which, probed.error().message));
    const QJsonObject info = QJsonDocument::fromJson(probed->standardOutput).object();
    python.pythonVersion = info.value(QStringLiteral("python")).toString();
    python.alembicVersion = info.value(QStringLiteral("alembic")).toString();
    python.sqlalchemyVersion = info.value(QStringLiteral("sqlalchemy")).toString();
    if (python.pythonVersion.isEmpty()) {
        return errorAt(project,
            tr("the project's Python %1 did not say its version; is it a Python? It printed: %2")
                .arg(which, QString::fromUtf8(probed->standardOutput.left(300))));
    }
    if (python.alembicVersion.isEmpty()) {
        return errorAt(project,
            tr("the project's Python %1 cannot import Alembic (%2): install it there (%3 -m pip install alembic), "
               "or %4")
                .arg(which, info.value(QStringLiteral("alembic_error")).toString(), python.interpreter, settingHint()));
    }
    QStringList watched;
    for (const QJsonValue &path : info.value(QStringLiteral("watched")).toArray())
        watched.append(path.toString());
    PythonProbeCache::remember(python, watched);
    return python;
}

QString PythonEnvironment::summary() const
{
    QString text = tr("Python %1").arg(pythonVersion.isEmpty() ? tr("(version unknown)") : pythonVersion);
    if (!alembicVersion.isEmpty())
        text += tr(", Alembic %1").arg(alembicVersion);
    return text + QStringLiteral(" (%1, %2)").arg(QDir::toNativeSeparators(interpreter), origin);
}

ProcessRequest PythonEnvironment::request(const QStringList &arguments, const QString &workingDirectory) const
{
    ProcessRequest request(interpreter, arguments);
    request.workingDirectory = workingDirectory;
    request.environment.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    request.removeFromEnvironment.append(QStringLiteral("PYTHONHOME"));
    if (!virtualEnv.isEmpty()) {
        request.environment.insert(QStringLiteral("VIRTUAL_ENV"), virtualEnv);
        request.environment.insert(QStringLiteral("PATH"),
            QDir(virtualEnv).filePath(QStringLiteral("bin")) + QLatin1Char(':') + qEnvironmentVariable("PATH"));
    }
    return request;
}

} // namespace Retort
