#include "reviewhelper.h"

#include "backup/passfile.h"
#include "process/processrunner.h"
#include "pythonenvironment.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::AlembicReviewHelper", text);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

QString alembicConfigFile(const Project &project)
{
    return project.configFile.isEmpty() ? QDir(project.directory).absoluteFilePath(QStringLiteral("alembic.ini"))
                                        : project.configFile;
}

Result<QJsonObject> runReviewHelper(const Project &project, const AlembicPython &python, QJsonObject request)
{
    const QString config = alembicConfigFile(project);
    request.insert(QStringLiteral("config"), config);
    request.insert(QStringLiteral("url"), python.url);
    QTemporaryDir work;
    QFile helper(QStringLiteral(":/retort/python/alembic_review.py"));
    if (!work.isValid() || !helper.open(QIODevice::ReadOnly))
        return Error::at({}, 0, tr("cannot prepare Retort's Alembic helper: %1").arg(work.errorString()));
    const QString script = work.filePath(QStringLiteral("alembic_review.py"));
    const QString requestFile = work.filePath(QStringLiteral("request.json"));
    const QString resultFile = work.filePath(QStringLiteral("result.json"));
    if (!writeFile(script, helper.readAll()) ||
        !writeFile(requestFile, QJsonDocument(request).toJson(QJsonDocument::Compact)))
        return Error::at(work.path(), 0, tr("cannot write Retort's Alembic helper"));

    PythonEnvironment environment;
    environment.interpreter = python.python;
    if (environment.interpreter.isEmpty()) {
        Result<PythonEnvironment> located = PythonEnvironment::locate(project);
        if (!located)
            return located.error();
        environment = *located;
    }
    const QString interpreter = environment.interpreter;
    ProcessRequest process = environment.request({ script, requestFile, resultFile }, QFileInfo(config).absolutePath());
    for (auto variable = python.environment.cbegin(); variable != python.environment.cend(); ++variable)
        process.environment.insert(variable.key(), variable.value());
    process.missingHint = tr("Alembic projects need the project's Python: set it in the project's Retort settings, "
                             "or activate its virtual environment");
    ConnectionSettings passwordOnly;
    passwordOnly.password = python.password;
    Result<std::unique_ptr<PassFile>> passFile = PassFile::create(passwordOnly);
    if (!passFile)
        return passFile.error();
    (*passFile)->apply(process);
    ProcessRunner runner;
    Result<ProcessOutput> ran = runner.run(process);
    if (!ran)
        return Error::at(config, 0, ran.error().message);
    QFile result(resultFile);
    if (!result.open(QIODevice::ReadOnly))
        return Error::at(config, 0, tr("%1 ran Retort's Alembic helper, which gave no answer").arg(interpreter));
    QJsonParseError parseError;
    const QJsonDocument answer = QJsonDocument::fromJson(result.readAll(), &parseError);
    if (!answer.isObject())
        return Error::at(config, 0, tr("Retort's Alembic helper answered badly: %1").arg(parseError.errorString()));
    const QJsonObject object = answer.object();
    if (object.value(QStringLiteral("alembic_version")).toString().isEmpty()) {
        return Error::at(config, 0,
            tr("%1 cannot run the project's Alembic: %2")
                .arg(interpreter, object.value(QStringLiteral("error")).toString()));
    }
    return object;
}

} // namespace Retort
