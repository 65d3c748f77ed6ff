#include "alembicrunner.h"

#include "backup/passfile.h"
#include "db/historytable.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace Retort {

namespace {

const QString kAlembicHint = QStringLiteral(
    "Alembic projects run through the project's own alembic command: install Alembic (pip install alembic, or the "
    "python3-alembic package) or activate the project's virtual environment");

// The last lines of what Alembic said, where its error is.
QString tail(const QString &text, int lines = 12)
{
    const QStringList all = text.trimmed().split(QLatin1Char('\n'));
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

ProcessRequest alembicRequest(const Project &project, const QStringList &arguments)
{
    const QString config = project.configFile.isEmpty()
        ? QDir(project.directory).absoluteFilePath(QStringLiteral("alembic.ini"))
        : project.configFile;
    ProcessRequest request(QStringLiteral("alembic"), QStringList { QStringLiteral("-c"), config } + arguments);
    request.workingDirectory = QFileInfo(config).absolutePath();
    request.missingHint = kAlembicHint;
    request.privateFiles = false; // new revision files are the user's, with their usual mode
    return request;
}

} // namespace

AlembicRunner::AlembicRunner(Executor &executor, const Project &project, QObject *parent)
    : QObject(parent)
    , m_executor(executor)
    , m_project(project)
{
    connect(&m_processes, &ProcessRunner::errorLine, this,
        [this](const QString &, const QString &line) { emit output(line); });
}

QString AlembicRunner::sqlalchemyUrl(const ConnectionSettings &settings)
{
    if (settings.dialect == Dialect::SQLite)
        return QStringLiteral("sqlite:///") + settings.sqlitePath;
    ConnectionSettings withoutPassword = settings;
    withoutPassword.password.clear();
    return withoutPassword.url();
}

ExecutionReport AlembicRunner::run(const MigrationPlan &plan, const QString &target)
{
    ExecutionReport report;
    report.versionRows = plan.versionRowsBefore;
    const auto fail = [&](Error error, int step = -1) {
        report.outcome =
            m_processes.isCancelled() ? ExecutionReport::Outcome::Cancelled : ExecutionReport::Outcome::Failed;
        StepFailure failure(std::move(error));
        failure.step = step;
        report.failure = failure;
        if (Result<QStringList> rows = m_executor.versionRows(); rows)
            report.versionRows = *rows;
        else
            report.versionRowsKnown = false;
        return report;
    };
    Result<QStringList> rows = m_executor.versionRows();
    if (!rows)
        return fail(rows.error());
    QStringList expected = plan.versionRowsBefore;
    expected.sort();
    if (*rows != expected) {
        return fail(Error::at({}, 0,
            tr("the database is at %1, but the plan starts from %2: another run changed it; make the plan again")
                .arg(rows->join(QLatin1String(", ")), expected.join(QLatin1String(", ")))));
    }
    if (plan.isEmpty())
        return report;
    Result<QList<PreparedStep>> steps = prepareSteps(m_project.graph, plan, m_executor.settings().dialect);
    if (!steps)
        return fail(steps.error());

    Result<std::unique_ptr<PassFile>> passFile = PassFile::create(m_executor.settings());
    if (!passFile)
        return fail(passFile.error());
    ProcessRequest request = alembicRequest(m_project,
        { plan.direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade"), target });
    request.environment.insert(QStringLiteral("DATABASE_URL"), sqlalchemyUrl(m_executor.settings()));
    (*passFile)->apply(request);
    const QDateTime started = QDateTime::currentDateTimeUtc();
    QElapsedTimer timer;
    timer.start();
    Result<ProcessOutput> ran = m_processes.run(request);

    // What Alembic did, as the database tells it: the steps whose rows it reached.
    Result<QStringList> after = m_executor.versionRows();
    if (!after) {
        report.versionRowsKnown = false;
        return fail(after.error());
    }
    int completed = 0;
    for (int i = 0; i < steps->size(); ++i) {
        if (steps->at(i).versionRowsAfter == *after)
            completed = i + 1;
    }
    HistoryTable history(m_executor.database(), m_executor.settings().dialect, m_project.settings.versionTableSchema,
        m_project.settings.historyTable);
    (void)history.createIfMissing();
    const auto record = [&](const PreparedStep &step, HistoryOutcome outcome, const QString &error) {
        HistoryEntry entry;
        entry.revision = step.revisionId;
        entry.action = step.direction == Direction::Upgrade ? HistoryAction::Upgrade : HistoryAction::Downgrade;
        entry.outcome = outcome;
        entry.script = step.script;
        entry.checksum = step.checksum;
        entry.scriptPath = QDir(m_project.directory).relativeFilePath(step.filePath);
        entry.versionAfter = outcome == HistoryOutcome::Succeeded ? step.versionRowsAfter : step.versionRowsBefore;
        entry.osUser = currentOsUser();
        entry.startedAt = started;
        entry.error = error;
        entry.toolVersion = QStringLiteral("alembic, run by Retort");
        (void)history.record(entry);
    };
    for (int i = 0; i < completed; ++i)
        record(steps->at(i), HistoryOutcome::Succeeded, {});
    report.stepsCompleted = completed;
    report.versionRows = *after;

    if (!ran) {
        const QString message = tail(ran.error().message);
        if (completed < steps->size())
            record(steps->at(completed), m_processes.isCancelled() ? HistoryOutcome::Cancelled : HistoryOutcome::Failed,
                message);
        Error error = Error::at(steps->value(completed).filePath, 0, message);
        error.revision = steps->value(completed).revisionId;
        return fail(error, completed);
    }
    if (completed != steps->size()) {
        Error error = Error::at(m_project.configFile, 0,
            tr("alembic %1 %2 finished, but the database Retort is connected to (%3) is at %4, not at %5 as planned: "
               "does env.py connect to another database? It gets this one in DATABASE_URL (%6)")
                .arg(plan.direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade"),
                    target, m_executor.settings().displayName(), after->join(QLatin1String(", ")),
                    plan.versionRowsAfter().join(QLatin1String(", ")), sqlalchemyUrl(m_executor.settings())));
        return fail(error, completed);
    }
    return report;
}

Result<QString> AlembicRunner::generate(const Project &project, const QStringList &arguments)
{
    ProcessRunner runner;
    Result<ProcessOutput> ran = runner.run(alembicRequest(project, arguments));
    if (!ran)
        return Error::at(project.configFile, 0, tail(ran.error().message));
    // "Generating /path/to/versions/ae1027a6acf2_add_x.py ...  done"
    static const QRegularExpression generated(QStringLiteral("Generating (.+\\.py) \\.\\.\\."));
    const QString said = QString::fromUtf8(ran->standardOutput) + ran->standardError;
    const QRegularExpressionMatch match = generated.match(said);
    if (!match.hasMatch())
        return Error::at(project.configFile, 0, tr("alembic did not say which file it wrote: %1").arg(tail(said)));
    return match.captured(1);
}

} // namespace Retort
