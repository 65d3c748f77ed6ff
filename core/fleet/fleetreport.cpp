#include "fleetreport.h"

#include "exec/runoutcome.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QMap>

namespace Retort {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Retort::FleetReport", text, nullptr, n);
}

QJsonArray jsonList(const QStringList &values)
{
    return QJsonArray::fromStringList(values);
}

QJsonObject databaseJson(const FleetDatabase &database)
{
    QJsonObject object {
        { QStringLiteral("name"), database.name },
        { QStringLiteral("group"), database.group },
        { QStringLiteral("database"), database.connection.redactedUrl() },
    };
    if (!database.schema.isEmpty())
        object.insert(QStringLiteral("schema"), database.schema);
    return object;
}

QString stateText(FleetDatabaseRun::State state)
{
    switch (state) {
    case FleetDatabaseRun::State::Waiting:
        return tr("waiting");
    case FleetDatabaseRun::State::Running:
        return tr("running");
    case FleetDatabaseRun::State::UpToDate:
        return tr("up to date");
    case FleetDatabaseRun::State::Upgraded:
        return tr("upgraded");
    case FleetDatabaseRun::State::Failed:
        return tr("FAILED");
    case FleetDatabaseRun::State::Skipped:
        return tr("skipped");
    case FleetDatabaseRun::State::Cancelled:
        return tr("cancelled");
    }
    return {};
}

// The first line of an error, for a table cell.
QString firstLine(const QString &text)
{
    return text.section(QLatin1Char('\n'), 0, 0);
}

// "a1 → c3"; "?" when the database could not be read.
QString movement(const FleetDatabaseRun &run)
{
    const bool unread = !run.error.isEmpty() && run.before.isEmpty() && run.after.isEmpty() && run.stepsTotal == 0;
    if (unread)
        return QStringLiteral("?");
    return versionRowsText(run.before) + QStringLiteral(" → ") + versionRowsText(run.after);
}

} // namespace

QString textTable(const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &header : headers)
        widths.append(header.size());
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = qMax(widths[i], row.at(i).size());
    }
    QString text;
    const auto line = [&](const QStringList &cells) {
        QString out;
        for (qsizetype i = 0; i < cells.size(); ++i)
            out += i + 1 == cells.size() ? cells.at(i) : cells.at(i).leftJustified(widths.at(i) + 2);
        while (out.endsWith(QLatin1Char(' ')))
            out.chop(1);
        text += out + QLatin1Char('\n');
    };
    line(headers);
    for (const QStringList &row : rows)
        line(row);
    return text;
}

QString fleetStatusText(const QList<FleetDatabase> &databases, const QList<FleetDatabaseStatus> &statuses)
{
    QList<QStringList> rows;
    for (qsizetype i = 0; i < databases.size(); ++i) {
        const FleetDatabaseStatus &status = statuses.at(i);
        QString state = tr("ok");
        if (!status.reachable)
            state = tr("unreachable: %1").arg(firstLine(status.error));
        else if (!status.ok())
            state = tr("error: %1").arg(firstLine(status.error));
        rows.append({ databases.at(i).name, databases.at(i).group,
            status.reachable ? versionRowsText(status.versionRows) : QStringLiteral("?"),
            status.pending >= 0 ? QString::number(status.pending) : QStringLiteral("?"), state });
    }
    return textTable({ tr("NAME"), tr("GROUP"), tr("REVISION"), tr("PENDING"), tr("STATUS") }, rows);
}

QJsonObject fleetStatusJson(
    const QList<FleetDatabase> &databases, const QList<FleetDatabaseStatus> &statuses, const QString &target)
{
    QJsonArray array;
    int failing = 0;
    for (qsizetype i = 0; i < databases.size(); ++i) {
        const FleetDatabaseStatus &status = statuses.at(i);
        QJsonObject object = databaseJson(databases.at(i));
        object.insert(QStringLiteral("reachable"), status.reachable);
        object.insert(
            QStringLiteral("current"), status.reachable ? QJsonValue(jsonList(status.versionRows)) : QJsonValue());
        object.insert(QStringLiteral("pending"), status.pending >= 0 ? QJsonValue(status.pending) : QJsonValue());
        object.insert(QStringLiteral("error"), status.ok() ? QJsonValue() : QJsonValue(status.error));
        failing += status.ok() ? 0 : 1;
        array.append(object);
    }
    return {
        { QStringLiteral("target"), target },
        { QStringLiteral("databases"), array },
        { QStringLiteral("errors"), failing },
    };
}

QString fleetProgressText(const FleetDatabaseRun &run)
{
    if (run.state != FleetDatabaseRun::State::Running)
        return stateText(run.state);
    if (run.stepsTotal == 0)
        return tr("connecting");
    return QStringLiteral("%1/%2 %3").arg(run.stepsDone).arg(run.stepsTotal).arg(run.runningRevision);
}

QString fleetRunText(const QList<FleetDatabase> &databases, const QList<FleetDatabaseRun> &runs)
{
    QList<QStringList> rows;
    for (qsizetype i = 0; i < databases.size(); ++i) {
        const FleetDatabaseRun &run = runs.at(i);
        const bool started =
            run.state != FleetDatabaseRun::State::Skipped && run.state != FleetDatabaseRun::State::Waiting;
        rows.append({ databases.at(i).name + (run.canary ? tr(" (canary)") : QString()), databases.at(i).group,
            started ? movement(run) : QString(), started ? formatDuration(run.durationMs) : QString(),
            stateText(run.state), firstLine(run.error) });
    }
    return textTable(
        { tr("NAME"), tr("GROUP"), tr("BEFORE → AFTER"), tr("DURATION"), tr("OUTCOME"), tr("ERROR") }, rows);
}

QString fleetRunSummary(const QList<FleetDatabaseRun> &runs)
{
    QMap<FleetDatabaseRun::State, int> counts;
    for (const FleetDatabaseRun &run : runs)
        ++counts[run.state];
    QStringList parts;
    const auto add = [&](FleetDatabaseRun::State state, const char *text) {
        if (counts.value(state) > 0)
            parts.append(tr(text, counts.value(state)));
    };
    add(FleetDatabaseRun::State::Upgraded, "%n upgraded");
    add(FleetDatabaseRun::State::UpToDate, "%n up to date");
    add(FleetDatabaseRun::State::Failed, "%n failed");
    add(FleetDatabaseRun::State::Cancelled, "%n cancelled");
    add(FleetDatabaseRun::State::Skipped, "%n skipped");
    return tr("%n database(s): ", int(runs.size())) + parts.join(QLatin1String(", "));
}

QJsonObject fleetRunJson(const QList<FleetDatabase> &databases, const QList<FleetDatabaseRun> &runs,
    const QString &target, qint64 durationMs)
{
    QJsonArray array;
    int failed = 0;
    for (qsizetype i = 0; i < databases.size(); ++i) {
        const FleetDatabaseRun &run = runs.at(i);
        QJsonObject object = databaseJson(databases.at(i));
        object.insert(QStringLiteral("canary"), run.canary);
        object.insert(QStringLiteral("outcome"), fleetStateName(run.state));
        object.insert(QStringLiteral("before"), jsonList(run.before));
        object.insert(QStringLiteral("after"), jsonList(run.after));
        object.insert(QStringLiteral("migrations"), run.stepsDone);
        object.insert(QStringLiteral("duration_ms"), run.durationMs);
        object.insert(QStringLiteral("error"), run.error.isEmpty() ? QJsonValue() : QJsonValue(run.error));
        failed += run.failed() ? 1 : 0;
        array.append(object);
    }
    return {
        { QStringLiteral("target"), target },
        { QStringLiteral("duration_ms"), durationMs },
        { QStringLiteral("failed"), failed },
        { QStringLiteral("databases"), array },
    };
}

} // namespace Retort
