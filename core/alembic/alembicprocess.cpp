#include "alembicprocess.h"

#include "alembic/alembicshim.h"
#include "alembic/reviewhelper.h"
#include "backup/passfile.h"
#include "sql/sqlresource.h"
#include "util/inifile.h"

#include <QJsonDocument>

namespace Retort {

namespace {

// The driver named by alembic.ini's own sqlalchemy.url for `dialect`, or empty.
QString driverFromConfig(const Project &project, Dialect dialect)
{
    Result<IniFile> ini = IniFile::read(alembicConfigFile(project));
    if (!ini)
        return {};
    const QString url = ini->value(QStringLiteral("alembic"), QStringLiteral("sqlalchemy.url")).trimmed();
    const qsizetype end = url.indexOf(QLatin1String("://"));
    const qsizetype plus = url.indexOf(QLatin1Char('+'));
    if (end < 0 || plus < 0 || plus > end)
        return {};
    const QString scheme = url.left(plus).toLower();
    const bool sameKind = dialect == Dialect::SQLite
        ? scheme == QLatin1String("sqlite")
        : (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres"));
    return sameKind ? url.mid(plus + 1, end - plus - 1) : QString();
}

} // namespace

AlembicProcess::AlembicProcess(const Project &project, PythonEnvironment python, QObject *parent)
    : QObject(parent)
    , m_project(project)
    , m_python(std::move(python))
{
    connect(&m_processes, &ProcessRunner::errorLine, this,
        [this](const QString &, const QString &line) { emit output(line); });
}

QString AlembicProcess::sqlalchemyUrl(const ConnectionSettings &settings, const Project &project)
{
    ConnectionSettings withoutPassword = settings;
    withoutPassword.password.clear();
    if (withoutPassword.driver.isEmpty())
        withoutPassword.driver = driverFromConfig(project, settings.dialect);
    return withoutPassword.url();
}

QMap<QString, QString> AlembicProcess::environment(const ConnectionSettings &settings, const Project &project)
{
    const QString url = sqlalchemyUrl(settings, project);
    QMap<QString, QString> variables;
    variables.insert(QStringLiteral("DATABASE_URL"), url);
    for (const auto &[name, part] : project.settings.environment) {
        QString value;
        if (part == QLatin1String("url"))
            value = url;
        else if (part == QLatin1String("host"))
            value = settings.host;
        else if (part == QLatin1String("port"))
            value = settings.port > 0 ? QString::number(settings.port) : QString();
        else if (part == QLatin1String("database"))
            value = settings.database;
        else if (part == QLatin1String("user"))
            value = settings.user;
        else if (part == QLatin1String("driver"))
            value = url.left(url.indexOf(QLatin1String("://")));
        else if (part == QLatin1String("path"))
            value = settings.sqlitePath;
        variables.insert(name, value);
    }
    return variables;
}

AlembicProcess::Outcome AlembicProcess::run(const QStringList &arguments, const std::optional<Database> &database)
{
    Outcome outcome;
    const auto failed = [&](const Error &error) {
        outcome.exitCode = AlembicShim::kExitNotStarted;
        outcome.events.append(QJsonObject {
            { QStringLiteral("event"), QStringLiteral("not-started") },
            { QStringLiteral("reason"), QStringLiteral("process") },
            { QStringLiteral("message"), error.message },
        });
        return outcome;
    };
    Result<std::unique_ptr<AlembicShim>> shim = AlembicShim::create();
    if (!shim)
        return failed(shim.error());
    ProcessRequest request = (*shim)->alembicRequest(m_python, alembicConfigFile(m_project), arguments);
    request.anyExitCode = true;
    std::unique_ptr<PassFile> passFile;
    QJsonObject spec;
    if (database) {
        Result<std::unique_ptr<PassFile>> made = PassFile::create(database->settings);
        if (!made)
            return failed(made.error());
        passFile = std::move(*made);
        passFile->apply(request);
        const QMap<QString, QString> variables = environment(database->settings, m_project);
        for (auto it = variables.cbegin(); it != variables.cend(); ++it)
            request.environment.insert(it.key(), it.value());
        spec.insert(QStringLiteral("url"), sqlalchemyUrl(database->settings, m_project));
        if (!database->expect.isEmpty()) {
            spec.insert(QStringLiteral("expect"), database->expect);
            QJsonObject sql;
            for (const QString &name : { QStringLiteral("identity"), QStringLiteral("system_identifier_readable"),
                     QStringLiteral("system_identifier"), QStringLiteral("lock_proof") }) {
                sql.insert(name == QLatin1String("lock_proof") ? QStringLiteral("proof") : name,
                    sqlResource(QStringLiteral("alembic_") + name, Dialect::PostgreSQL));
            }
            spec.insert(QStringLiteral("sql"), sql);
        }
    }
    request.environment.insert(
        QStringLiteral("RETORT_ALEMBIC_SPEC"), QString::fromUtf8(QJsonDocument(spec).toJson(QJsonDocument::Compact)));

    const QMetaObject::Connection events =
        connect(&m_processes, &ProcessRunner::markedLine, this, [&](const QByteArray &line) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.isEmpty())
                return;
            outcome.events.append(event);
            emit reported(event);
        });
    Result<ProcessOutput> ran = m_processes.run(request);
    disconnect(events);
    if (!ran) {
        outcome.cancelled = m_processes.isCancelled();
        if (outcome.cancelled) {
            outcome.exitCode = -1;
            outcome.standardError = ran.error().message;
            return outcome;
        }
        // Killed by a signal, or Python did not start at all.
        const bool started = !outcome.events.isEmpty();
        outcome.exitCode = started ? AlembicShim::kExitFailed : AlembicShim::kExitNotStarted;
        outcome.standardError = ran.error().message;
        if (!started) {
            outcome.events.append(QJsonObject {
                { QStringLiteral("event"), QStringLiteral("not-started") },
                { QStringLiteral("reason"), QStringLiteral("process") },
                { QStringLiteral("message"),
                    tr("%1 (%2): %3").arg(m_python.interpreter, m_python.origin, ran.error().message) },
            });
        }
        return outcome;
    }
    outcome.exitCode = ran->exitCode;
    outcome.standardOutput = ran->standardOutput;
    outcome.standardError = ran->standardError;
    return outcome;
}

} // namespace Retort
