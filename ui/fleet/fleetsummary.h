#pragma once

#include <QByteArray>
#include <QString>

namespace Retort {

class FleetTableModel;

// The fleet window's summary line, from its table: where the databases
// stand towards `target` ("Towards heads, 6 databases: 4 up to date, 1
// behind (2 migrations pending), 1 unreachable"), or how far a run is.
QString fleetStatusSummary(const FleetTableModel &model, const QString &target, bool reading);
QString fleetRunningSummary(const FleetTableModel &model, const QString &target);

// The table as retort-cli reports it: the last run's report when there was
// a run (`target` and `durationMs` are its), else the status.
QString fleetReportText(const FleetTableModel &model);
QByteArray fleetReportJson(const FleetTableModel &model, const QString &target, qint64 durationMs);

} // namespace Retort
