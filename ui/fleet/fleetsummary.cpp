#include "fleetsummary.h"

#include "fleet/fleetreport.h"
#include "fleettablemodel.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace Retort {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Retort::FleetSummary", text, nullptr, n);
}

} // namespace

QString fleetStatusSummary(const FleetTableModel &model, const QString &target, bool reading)
{
    int read = 0;
    int upToDate = 0;
    int behind = 0;
    int pending = 0;
    int unreachable = 0;
    int failing = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const FleetDatabaseStatus *status = model.status(row);
        if (!status)
            continue;
        ++read;
        if (!status->reachable) {
            ++unreachable;
        } else if (!status->ok()) {
            ++failing;
        } else if (status->pending == 0) {
            ++upToDate;
        } else {
            ++behind;
            pending += status->pending;
        }
    }
    const int count = model.rowCount();
    if (reading && read < count)
        return tr("Reading where each database stands: %1 of %2…").arg(read).arg(tr("%n database(s)", count));
    QStringList parts;
    if (upToDate > 0)
        parts.append(tr("%n up to date", upToDate));
    if (behind > 0) {
        parts.append(tr("%1 behind (%2)").arg(behind).arg(tr("%n migration(s) pending", pending)));
    }
    if (unreachable > 0)
        parts.append(tr("%n unreachable", unreachable));
    if (failing > 0)
        parts.append(tr("%n that cannot be planned", failing));
    if (read < count)
        parts.append(tr("%n not read", count - read));
    return tr("Towards %1, %2: %3").arg(target, tr("%n database(s)", count), parts.join(QLatin1String(", ")));
}

QString fleetRunningSummary(const FleetTableModel &model, const QString &target)
{
    const QMap<FleetDatabaseRun::State, int> states = model.runStates();
    const int waiting = states.value(FleetDatabaseRun::State::Waiting);
    const int running = states.value(FleetDatabaseRun::State::Running);
    const int count = model.rowCount();
    const int failed = states.value(FleetDatabaseRun::State::Failed);
    QString text = tr("Upgrading to %1: %2 of %3 finished, %4 running")
                       .arg(target)
                       .arg(count - waiting - running)
                       .arg(tr("%n database(s)", count))
                       .arg(running);
    if (failed > 0)
        text += QLatin1String(", ") + tr("%n failed", failed);
    return text;
}

QString fleetReportText(const FleetTableModel &model)
{
    if (!model.hasRun())
        return fleetStatusText(model.databases(), model.statuses());
    const QList<FleetDatabaseRun> runs = model.runs();
    return fleetRunText(model.databases(), runs) + fleetRunSummary(runs) + QLatin1Char('\n');
}

QByteArray fleetReportJson(const FleetTableModel &model, const QString &target, qint64 durationMs)
{
    const QJsonObject object = model.hasRun() ? fleetRunJson(model.databases(), model.runs(), target, durationMs)
                                              : fleetStatusJson(model.databases(), model.statuses(), target);
    return QJsonDocument(object).toJson();
}

} // namespace Retort
