#include "runsupport.h"

#include "alembic/offlinesql.h"
#include "alembic/alembicprocess.h"
#include "exec/alembicrunner.h"
#include "exec/offlinescript.h"
#include "exec/preparedstep.h"
#include "exec/revisioncreator.h"
#include "exec/runoutcome.h"
#include "graph/planner.h"
#include "interrupt.h"
#include "project/projectloader.h"
#include "terminal.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>

namespace Retort::Cli {

namespace {

int printFailure(CliContext &context, const Project &project, const MigrationPlan &plan, const ExecutionReport &report)
{
    const StepFailure &failure = *report.failure;
    QTextStream &err = context.err();
    const bool cancelled = report.outcome == ExecutionReport::Outcome::Cancelled;
    err << "retort-cli: " << (cancelled ? "cancelled" : "error") << ": " << failure.error.toString() << '\n';
    for (const QString &line : describeFailure(project, plan, report))
        err << "  " << line << '\n';
    err.flush();
    return failure.badInput ? ExitBadInput : ExitFailed;
}

} // namespace

Result<std::unique_ptr<DatabaseConnection>> openForReading(CliContext &context)
{
    Result<ConnectionSettings> settings = context.connectionSettings();
    if (!settings)
        return settings.error();
    if (settings->dialect == Dialect::SQLite && !QFileInfo::exists(settings->sqlitePath))
        return std::unique_ptr<DatabaseConnection>();
    return DatabaseConnection::open(*settings);
}

QStringList listOption(const QCommandLineParser &parser, const QString &name)
{
    QStringList values;
    for (const QString &value : parser.values(name)) {
        for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            values.append(part.trimmed());
    }
    return values;
}

void addTimeoutOptions(QCommandLineParser &parser)
{
    parser.addOption({ QStringLiteral("lock-timeout"),
        tr("How long to wait for another run's lock, and for table locks while migrating (PostgreSQL's "
           "lock_timeout): 30s, 500ms, 2min. Default: wait for another run as long as it takes, and keep the "
           "server's lock_timeout."),
        tr("DURATION") });
    parser.addOption({ QStringLiteral("statement-timeout"),
        tr("PostgreSQL's statement_timeout for the migrations: 10min, 30s. Default: the server's."), tr("DURATION") });
}

std::optional<int> parseDurationMs(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|h)?\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    double ms = value * 1000;
    if (unit == QLatin1String("ms"))
        ms = value;
    else if (unit == QLatin1String("min"))
        ms = value * 60000;
    else if (unit == QLatin1String("h"))
        ms = value * 3600000;
    if (ms > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(ms);
}

Result<ExecutionOptions> executionOptions(const QCommandLineParser &parser)
{
    ExecutionOptions options;
    options.toolVersion = toolVersion();
    for (const auto &[name, target] : { std::pair { QStringLiteral("lock-timeout"), &options.lockTimeoutMs },
             std::pair { QStringLiteral("statement-timeout"), &options.statementTimeoutMs } }) {
        if (!parser.isSet(name))
            continue;
        const std::optional<int> ms = parseDurationMs(parser.value(name));
        if (!ms) {
            return Error::at({}, 0,
                tr("--%1 takes a duration such as 30s, 500ms or 2min, not \"%2\"").arg(name, parser.value(name)));
        }
        *target = *ms;
    }
    return options;
}

std::optional<RunSetup> prepareRun(CliContext &context, const QCommandLineParser &parser, int *code)
{
    RunSetup setup;
    setup.project = context.project();
    if (!setup.project) {
        *code = context.projectExitCode();
        return std::nullopt;
    }
    Result<ConnectionSettings> settings = context.connectionSettings();
    if (!settings) {
        *code = context.fail(settings.error(), ExitBadInput);
        return std::nullopt;
    }
    setup.settings = *settings;
    Result<ExecutionOptions> options = executionOptions(parser);
    if (!options) {
        *code = context.fail(options.error(), ExitBadInput);
        return std::nullopt;
    }
    setup.options = *options;
    // Only the commands that run migrations have the option.
    setup.options.retryIncomplete = parser.optionNames().contains(QStringLiteral("retry-incomplete"));
    return setup;
}

std::optional<RunSetup> openRun(CliContext &context, const QCommandLineParser &parser, int *code)
{
    std::optional<RunSetup> setup = prepareRun(context, parser, code);
    if (!setup)
        return std::nullopt;
    setup->executor = openExecutor(context, *setup->project, setup->settings, setup->options, code);
    if (!setup->executor)
        return std::nullopt;
    return setup;
}

QString toolVersion()
{
    return QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion();
}

std::unique_ptr<Executor> openExecutor(CliContext &context, const Project &project, const ConnectionSettings &settings,
    const ExecutionOptions &options, int *code)
{
    auto executor = std::make_unique<Executor>(project, settings, options);
    QObject::connect(executor.get(), &Executor::lockWaiting, [&context, &settings](const QString &holder) {
        context.err() << "retort-cli: "
                      << tr("waiting for the migration lock on %1: %2").arg(settings.displayName(), holder) << Qt::endl;
    });
    QObject::connect(executor.get(), &Executor::notice,
        [&context](const QString &text) { context.err() << "retort-cli: " << text << Qt::endl; });
    Executor *raw = executor.get();
    Result<void> opened = [&] {
        const InterruptHandler interrupt([raw] { raw->cancel(); });
        return executor->open();
    }();
    if (!opened) {
        *code = context.fail(opened.error(), ExitFailed);
        return nullptr;
    }
    return executor;
}

int runPlan(
    CliContext &context, Executor &executor, const Project &project, const MigrationPlan &plan, const QString &target)
{
    QTextStream &out = context.out();
    QElapsedTimer total;
    total.start();
    ExecutionReport report;
    if (project.kind == ProjectKind::Alembic && !plan.isEmpty()) {
        // Alembic runs the steps; it reports them itself (its INFO lines).
        AlembicRunner alembic(executor, project);
        QObject::connect(
            &alembic, &AlembicRunner::output, [&context](const QString &line) { context.err() << line << Qt::endl; });
        out << tr("Running alembic %1 %2 (an Alembic project: its migrations are Python, run by Alembic under "
                  "Retort's lock)")
                   .arg(plan.direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade"),
                       target)
            << Qt::endl;
        QObject::connect(&alembic, &AlembicRunner::stepStarted, [&](int index) {
            const PlanStep &step = plan.steps.at(index);
            out << "Running " << stepLog(project.graph.revision(step.revision), step.direction) << " ... ";
            out.flush();
        });
        QObject::connect(
            &alembic, &AlembicRunner::stepFinished, [&](int, qint64 ms) { out << formatDuration(ms) << Qt::endl; });
        const InterruptHandler interrupt([&alembic] { alembic.cancel(); });
        report = alembic.run(plan, target);
        if (!report.ok() && report.failure && report.failure->step >= 0)
            out << (report.outcome == ExecutionReport::Outcome::Cancelled ? "cancelled" : "failed") << Qt::endl;
    } else {
        const QMetaObject::Connection started = QObject::connect(&executor, &Executor::stepStarted, [&](int index) {
            const PlanStep &step = plan.steps.at(index);
            out << "Running " << stepLog(project.graph.revision(step.revision), step.direction) << " ... ";
            out.flush();
        });
        const QMetaObject::Connection finished = QObject::connect(
            &executor, &Executor::stepFinished, [&](int, qint64 ms) { out << formatDuration(ms) << Qt::endl; });
        {
            const InterruptHandler interrupt([&executor] { executor.cancel(); });
            report = executor.run(plan);
        }
        QObject::disconnect(started);
        QObject::disconnect(finished);
        if (!report.ok() && report.failure && report.failure->step >= 0)
            out << (report.outcome == ExecutionReport::Outcome::Cancelled ? "cancelled" : "failed") << Qt::endl;
    }
    if (!report.ok())
        return printFailure(context, project, plan, report);
    if (plan.isEmpty()) {
        out << tr("Nothing to do: the database is at %1.").arg(versionRowsText(report.versionRows)) << Qt::endl;
    } else {
        out << QCoreApplication::translate(
                   "retort-cli", "Done: %n migration(s) in %1; the database is at %2.", nullptr, report.stepsCompleted)
                   .arg(formatDuration(total.elapsed()), versionRowsText(report.versionRows))
            << Qt::endl;
    }
    return ExitOk;
}

std::optional<BackupInfo> runBackup(CliContext &context, Executor &executor, const Project &project, bool verbose)
{
    BackupRunner backups(executor);
    QObject::connect(&backups, &BackupRunner::phase,
        [&context](const QString &text) { context.err() << "retort-cli: " << text << Qt::endl; });
    if (verbose) {
        QObject::connect(&backups, &BackupRunner::progress,
            [&context](const QString &line) { context.err() << "  " << line << Qt::endl; });
    }
    Result<BackupInfo> made = [&] {
        const InterruptHandler interrupt([&backups] { backups.cancel(); });
        return backups.backup(project.backupFolder());
    }();
    if (!made) {
        context.fail(made.error(), ExitFailed);
        return std::nullopt;
    }
    return *made;
}

int confirmDestructive(
    CliContext &context, const ConnectionSettings &settings, const QString &question, bool yes, bool production)
{
    if (yes)
        return ExitOk;
    if (!Terminal::isInteractive()) {
        return context.fail(
            tr("\"%1\" asks for confirmation and there is no terminal to ask on; run it with --yes").arg(question),
            ExitBadInput);
    }
    if (production) {
        const QString typed = Terminal::ask(tr("%1 is marked production. Type the database name (%2) to go on: ")
                                                .arg(settings.displayName(), productionName(settings)));
        if (typed.trimmed() == productionName(settings))
            return ExitOk;
        return context.fail(
            tr("the name typed was not %1; nothing was done").arg(productionName(settings)), ExitFailed);
    }
    if (Terminal::confirm(question, false))
        return ExitOk;
    return context.fail(tr("not confirmed; nothing was done"), ExitFailed);
}

std::optional<bool> backupFirst(CliContext &context, const QCommandLineParser &parser, bool production, bool yes)
{
    const bool refused = parser.isSet(QStringLiteral("no-backup"));
    if (production) {
        if (refused) {
            context.fail(tr("this connection is marked production, where Retort always backs up first; --no-backup is "
                            "not allowed"),
                ExitBadInput);
            return std::nullopt;
        }
        return true;
    }
    if (refused)
        return false;
    if (yes || !Terminal::isInteractive())
        return true;
    return Terminal::confirm(tr("Back up the database first?"), true);
}

std::optional<MigrationPlan> planFromDatabase(CliContext &context, Executor &executor, const Project &project,
    Direction direction, const QString &target, int *code)
{
    Result<QStringList> rows = executor.versionRows();
    if (!rows) {
        *code = context.fail(rows.error(), ExitFailed);
        return std::nullopt;
    }
    Result<MigrationPlan> plan =
        planFromVersionRows(project, *rows, direction, target, executor.settings().displayName());
    if (!plan) {
        *code = context.fail(plan.error(), ExitBadInput);
        return std::nullopt;
    }
    if (project.kind == ProjectKind::Alembic) {
        // What Retort can tell before Alembic starts (a CONCURRENTLY outside
        // autocommit_block()) is bad input, refused before a backup and
        // before Alembic starts.
        Result<QList<PreparedStep>> prepared = prepareSteps(project.graph, *plan, executor.settings().dialect);
        if (!prepared) {
            *code = context.fail(prepared.error(), ExitBadInput);
            return std::nullopt;
        }
    }
    return *plan;
}

int printOfflineScript(CliContext &context, const Project &project, Direction direction, const QString &target)
{
    const qsizetype colon = target.indexOf(QLatin1Char(':'));
    QString from = colon >= 0 ? target.left(colon) : QString();
    const QString to = colon >= 0 ? target.mid(colon + 1) : target;
    if (direction == Direction::Downgrade && from.isEmpty()) {
        return context.fail(tr("downgrade --sql needs to know where the database is: give FROM:TO, e.g. heads:-1 or "
                               "ae1027a6acf2:base"),
            ExitBadInput);
    }
    QStringList rows;
    if (!from.isEmpty() && from != QLatin1String("base")) {
        Result<QList<int>> revisions = TargetResolver(project.graph).revisions(from);
        if (!revisions)
            return context.fail(revisions.error(), ExitBadInput);
        for (int revision : std::as_const(*revisions)) {
            if (revision >= 0)
                rows.append(project.graph.revision(revision).id);
        }
        rows.sort();
    }
    const Planner planner(project.graph);
    Result<MigrationPlan> plan =
        direction == Direction::Upgrade ? planner.upgrade(rows, to) : planner.downgrade(rows, to);
    if (!plan)
        return context.fail(plan.error(), ExitBadInput);
    Result<ConnectionSettings> settings = context.connectionSettings();
    // Only the dialect matters here; without --db the script is PostgreSQL's.
    const Dialect dialect = settings ? settings->dialect : Dialect::PostgreSQL;
    if (project.kind == ProjectKind::Alembic) {
        // The project's own Alembic writes it, in its offline mode; without
        // --db, env.py's own configuration says where (as for `alembic
        // upgrade --sql`).
        AlembicPython python;
        if (settings && (!context.databaseUrl.isEmpty() || !context.profileName.isEmpty())) {
            python.url = AlembicProcess::sqlalchemyUrl(*settings, project);
            python.environment.insert(QStringLiteral("DATABASE_URL"), python.url);
        }
        Result<QString> script = AlembicOfflineSql(project, python).script(*plan, dialect);
        if (!script)
            return context.fail(script.error(), ExitFailed);
        context.out() << *script;
        context.out().flush();
        return ExitOk;
    }
    Result<QString> script = offlineScript(project, *plan, dialect, toolVersion());
    if (!script)
        return context.fail(script.error(), ExitBadInput);
    context.out() << *script;
    context.out().flush();
    return ExitOk;
}

int writeRevision(CliContext &context, const Project &project, const NewRevision &spec, bool merge)
{
    Result<WrittenRevision> written = createRevisionFile(project, spec, merge);
    if (!written)
        return context.fail(written.error(), ExitBadInput);
    if (context.json) {
        context.printJson(QJsonDocument(QJsonObject {
            { QStringLiteral("revision"), written->id },
            { QStringLiteral("path"), written->path },
        }));
    } else {
        context.out() << tr("Created %1: %2").arg(written->id, written->path) << Qt::endl;
    }
    return ExitOk;
}

void addRevisionOptions(QCommandLineParser &parser)
{
    parser.addOption({ QStringLiteral("branch-label"), tr("A branch label for the new revision."), tr("LABEL") });
    parser.addOption({ QStringLiteral("rev-id"), tr("The new revision's id instead of a fresh one."), tr("ID") });
}

NewRevision revisionSpec(const QCommandLineParser &parser)
{
    NewRevision spec;
    spec.branchLabels = listOption(parser, QStringLiteral("branch-label"));
    spec.id = parser.value(QStringLiteral("rev-id"));
    return spec;
}

} // namespace Retort::Cli
