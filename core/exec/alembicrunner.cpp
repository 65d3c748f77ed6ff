#include "alembicrunner.h"

#include "alembic/alembicshim.h"
#include "alembic/connectionproof.h"
#include "db/historytable.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace Retort {

namespace {

// The last lines of what Alembic said, where its error is.
QString tail(const QString &text, int lines = 12)
{
    const QStringList all = text.trimmed().split(QLatin1Char('\n'));
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1String("\n"));
}

QString directionName(Direction direction)
{
    return direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade");
}

// The last event of `kind`, or an empty object.
QJsonObject lastEvent(const QList<QJsonObject> &events, const QString &kind)
{
    for (auto it = events.crbegin(); it != events.crend(); ++it) {
        if (it->value(QStringLiteral("event")).toString() == kind)
            return *it;
    }
    return {};
}

QString text(const QJsonObject &event, const char *key)
{
    return event.value(QLatin1String(key)).toVariant().toString();
}

} // namespace

AlembicRunner::AlembicRunner(Executor &executor, const Project &project, QObject *parent)
    : QObject(parent)
    , m_executor(executor)
    , m_project(project)
    , m_process(project, {})
{
    connect(&m_process, &AlembicProcess::output, this, [this](const QString &line) {
        // Alembic's "Running upgrade a -> b" log line says what stepStarted
        // reports already; the rest of its output is passed on.
        static const QRegularExpression stepLine(
            QStringLiteral("^INFO  \\[alembic\\.runtime\\.migration\\] Running (upgrade|downgrade) "));
        if (!stepLine.match(line).hasMatch())
            emit output(line);
    });
    connect(&m_process, &AlembicProcess::reported, this, &AlembicRunner::onEvent);
}

void AlembicRunner::onEvent(const QJsonObject &event)
{
    const QString kind = text(event, "event");
    const QString revision = text(event, "revision");
    const auto indexOf = [&](int from) {
        for (int i = std::max(0, from); i < m_steps.size(); ++i) {
            if (m_steps.at(i).revisionId == revision)
                return i;
        }
        return -1;
    };
    if (kind == QLatin1String("step-started")) {
        m_running = indexOf(m_running + 1);
        if (m_running < 0)
            m_running = indexOf(0);
        m_stepClock.start();
        if (m_running >= 0)
            emit stepStarted(m_running);
    } else if (kind == QLatin1String("step-applied") && m_running >= 0) {
        m_applied.append(m_running);
        emit stepFinished(m_running, m_stepClock.elapsed());
    }
}

ExecutionReport AlembicRunner::run(const MigrationPlan &plan, const QString &target)
{
    ExecutionReport report;
    report.versionRows = plan.versionRowsBefore;
    const auto fail = [&](Error error, bool badInput = false) {
        report.outcome = ExecutionReport::Outcome::Failed;
        StepFailure failure(std::move(error));
        failure.badInput = badInput;
        report.failure = failure;
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
        return fail(steps.error(), true);
    // A Python that does not run, or has no Alembic, is told before anything runs.
    Result<PythonEnvironment> python = PythonEnvironment::inspect(m_project);
    if (!python)
        return fail(python.error(), true);
    if (!m_executor.runLock())
        return fail(Error::at({}, 0, tr("the runner lock is not held")));
    Result<QJsonObject> place =
        ConnectionProof::expected(m_executor.database(), m_executor.settings(), *m_executor.runLock());
    if (!place)
        return fail(place.error());

    m_process.setPython(*python);
    m_plan = &plan;
    m_steps = *steps;
    m_running = -1;
    m_applied.clear();
    m_started = QDateTime::currentDateTimeUtc();
    emit output(tr("Running Alembic with %1").arg(python->summary()));
    const AlembicProcess::Outcome outcome = m_process.run(
        { directionName(plan.direction), target }, AlembicProcess::Database { m_executor.settings(), *place });
    ExecutionReport finished = finish(report, outcome);
    m_plan = nullptr;
    return finished;
}

ExecutionReport AlembicRunner::finish(ExecutionReport report, const AlembicProcess::Outcome &outcome)
{
    const MigrationPlan &plan = *m_plan;
    const QJsonObject failedEvent = lastEvent(outcome.events, QStringLiteral("failed"));
    const QJsonObject notStarted = lastEvent(outcome.events, QStringLiteral("not-started"));
    const QJsonObject refused = lastEvent(outcome.events, QStringLiteral("refused"));

    // What Alembic committed, as the database tells it: the steps whose rows it reached.
    Result<QStringList> after = m_executor.versionRows();
    int completed = 0;
    if (after) {
        for (int i = 0; i < m_steps.size(); ++i) {
            if (m_steps.at(i).versionRowsAfter == *after)
                completed = i + 1;
        }
        report.versionRows = *after;
    } else {
        report.versionRowsKnown = false;
    }
    report.stepsCompleted = completed;

    HistoryTable history(m_executor.database(), m_executor.settings().dialect, m_project.settings.versionTableSchema,
        m_project.settings.historyTable);
    const auto record = [&](const PreparedStep &step, HistoryOutcome result, const QString &error) {
        if (!after)
            return; // the connection is gone; nothing can be written
        HistoryEntry entry;
        entry.revision = step.revisionId;
        entry.action = step.direction == Direction::Upgrade ? HistoryAction::Upgrade : HistoryAction::Downgrade;
        entry.outcome = result;
        entry.script = step.script;
        entry.checksum = step.checksum;
        entry.scriptPath = QDir(m_project.directory).relativeFilePath(step.filePath);
        entry.versionAfter = result == HistoryOutcome::Succeeded ? step.versionRowsAfter : *after;
        entry.osUser = currentOsUser();
        entry.startedAt = m_started;
        entry.error = error;
        entry.toolVersion = tr("alembic %1, run by Retort").arg(m_process.python().alembicVersion);
        (void)history.record(entry);
    };
    if (after)
        (void)m_executor.ensureHistoryTable();
    for (int i = 0; i < completed; ++i)
        record(m_steps.at(i), HistoryOutcome::Succeeded, {});

    if (outcome.exitCode == 0 && !outcome.cancelled) {
        if (completed == m_steps.size())
            return report;
        Error error = Error::at(m_project.configFile, 0,
            tr("alembic %1 finished, but the database Retort is connected to (%2) is at %3, not at %4 as planned")
                .arg(directionName(plan.direction), m_executor.settings().displayName(),
                    report.versionRows.join(QLatin1String(", ")), plan.versionRowsAfter().join(QLatin1String(", "))));
        report.outcome = ExecutionReport::Outcome::Failed;
        StepFailure failure(error);
        failure.step = completed;
        report.failure = failure;
        return report;
    }

    report.outcome = outcome.cancelled ? ExecutionReport::Outcome::Cancelled : ExecutionReport::Outcome::Failed;
    StepFailure failure;
    failure.transactional = true;
    const auto traceback = [](const QJsonObject &event) {
        QStringList lines = text(event, "traceback").split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (!lines.isEmpty())
            lines.prepend(tr("Traceback (the project's own frames):"));
        return lines;
    };

    if (!refused.isEmpty()) {
        const QJsonObject actual = refused.value(QStringLiteral("actual")).toObject();
        const QString expected = ConnectionProof::describe(refused.value(QStringLiteral("expected")).toObject());
        const QString reached = ConnectionProof::describe(actual);
        QString message;
        if (actual.isEmpty())
            message = tr("Retort could not check Alembic's connection: %1; nothing ran").arg(text(refused, "message"));
        else if (reached == expected)
            message = tr("Alembic's connection is not the database Retort locked: env.py connected to %1, but "
                         "Retort's lock there is not visible from it, so it is another server or database behind "
                         "the same name; nothing ran")
                          .arg(reached);
        else
            message = tr("Alembic's connection is not the database Retort locked: env.py connected to %1, not to %2; "
                         "nothing ran")
                          .arg(reached, expected);
        failure.error = Error::at(m_project.configFile, 0, message);
        failure.error.code = QStringLiteral("wrong-database");
        failure.advice.append(
            tr("Have env.py use the URL Retort gives it (the Config's sqlalchemy.url, DATABASE_URL or "
               "-x url), or name the variables its settings read in the [retort.env] section of "
               "retort.ini or alembic.ini (DB_HOST = host, DB_NAME = database, …)."));
        report.failure = failure;
        return report;
    }
    if (!notStarted.isEmpty() && m_running < 0) {
        QString message = text(notStarted, "message");
        const QString type = text(notStarted, "type");
        if (!type.isEmpty() && !message.startsWith(type))
            message = type + QStringLiteral(": ") + message;
        failure.error = Error::at(text(notStarted, "file"), notStarted.value(QStringLiteral("line")).toInt(),
            tr("Alembic did not start: %1").arg(message));
        failure.error.code = QStringLiteral("alembic-not-started");
        failure.badInput = true;
        failure.details = traceback(notStarted);
        failure.advice.append(tr("Nothing ran."));
        report.failure = failure;
        return report;
    }

    // A migration failed, was cancelled or was cut off.
    const int index = m_running >= 0 ? m_running : (completed < m_steps.size() ? completed : -1);
    const PreparedStep *step = index >= 0 ? &m_steps.at(index) : nullptr;
    const QString revisionText = step
        ? QStringLiteral("%1 (%2)").arg(step->revisionId, QDir(m_project.directory).relativeFilePath(step->filePath))
        : QString();
    const bool lost = !after || failedEvent.value(QStringLiteral("lost")).toBool();
    QString message;
    if (outcome.cancelled) {
        message = step ? tr("cancelled while Alembic ran %1").arg(revisionText) : tr("cancelled");
    } else if (lost) {
        message = tr("the connection to the server was lost while Alembic ran %1")
                      .arg(step ? revisionText : tr("the migrations"));
        const QString said = text(failedEvent, "server_message").isEmpty() ? text(failedEvent, "message")
                                                                           : text(failedEvent, "server_message");
        if (!said.isEmpty())
            message += QStringLiteral(": ") + said.section(QLatin1Char('\n'), 0, 0);
    } else if (!failedEvent.isEmpty()) {
        message = text(failedEvent, "server_message");
        if (message.isEmpty())
            message = text(failedEvent, "type") + QStringLiteral(": ") + text(failedEvent, "message");
    } else {
        message = tr("Alembic stopped while it ran %1 (exit code %2): %3")
                      .arg(step ? revisionText : tr("the migrations"))
                      .arg(outcome.exitCode)
                      .arg(tail(outcome.standardError));
    }
    const QString file = text(failedEvent, "file");
    failure.error = Error::at(file.isEmpty() && step ? step->filePath : file,
        outcome.cancelled || lost ? 0 : failedEvent.value(QStringLiteral("line")).toInt(), message);
    failure.error.sqlState = text(failedEvent, "sqlstate");
    failure.step = index;
    failure.statement = text(failedEvent, "statement");
    if (step)
        failure.error.revision = step->revisionId;
    if (!lost)
        failure.details = traceback(failedEvent);
    // Steps Alembic applied in the same transaction as the failing one went with it.
    QStringList rolledBack;
    for (int applied : std::as_const(m_applied)) {
        if (applied >= completed && applied != index)
            rolledBack.append(m_steps.at(applied).revisionId);
    }
    if (!rolledBack.isEmpty()) {
        failure.advice.append(
            tr("Alembic ran %1 in the same transaction as %2 (env.py runs the steps in one transaction), so they were "
               "rolled back with it.")
                .arg(rolledBack.join(QLatin1String(", ")), step ? step->revisionId : QString()));
    }
    if (step)
        record(*step, outcome.cancelled ? HistoryOutcome::Cancelled : HistoryOutcome::Failed, failure.error.message);
    report.failure = failure;
    return report;
}

Result<QString> AlembicRunner::generate(
    const Project &project, const QStringList &arguments, const std::optional<AlembicProcess::Database> &database)
{
    Result<PythonEnvironment> python = PythonEnvironment::inspect(project);
    if (!python)
        return python.error();
    AlembicProcess process(project, *python);
    const AlembicProcess::Outcome ran = process.run(arguments, database);
    const QJsonObject notStarted = lastEvent(ran.events, QStringLiteral("not-started"));
    if (ran.exitCode != 0) {
        const QString said = !notStarted.isEmpty() ? text(notStarted, "message") : tail(ran.standardError);
        return Error::at(project.configFile, 0, tr("alembic %1: %2").arg(arguments.value(0), said));
    }
    // "Generating /path/to/versions/ae1027a6acf2_add_x.py ...  done"
    static const QRegularExpression generated(QStringLiteral("Generating (.+\\.py) \\.\\.\\."));
    const QString said = QString::fromUtf8(ran.standardOutput) + ran.standardError;
    const QRegularExpressionMatch match = generated.match(said);
    if (!match.hasMatch())
        return Error::at(project.configFile, 0, tr("alembic did not say which file it wrote: %1").arg(tail(said)));
    return match.captured(1);
}

} // namespace Retort
