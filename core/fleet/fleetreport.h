#pragma once

#include "fleetrunner.h"
#include "fleetstatus.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Retort {

// How fleet status and fleet runs read, as text tables and as JSON: one
// wording for retort-cli and the desktop's fleet view.

// Columns padded to their widest cell, two spaces apart.
QString textTable(const QStringList &headers, const QList<QStringList> &rows);

// NAME GROUP REVISION PENDING STATUS, one row per database.
QString fleetStatusText(const QList<FleetDatabase> &databases, const QList<FleetDatabaseStatus> &statuses);
QJsonObject fleetStatusJson(
    const QList<FleetDatabase> &databases, const QList<FleetDatabaseStatus> &statuses, const QString &target);

// One cell of a database's progress: "3/20 a1b2c3", "upgraded", "failed"...
QString fleetProgressText(const FleetDatabaseRun &run);
// The final report: NAME GROUP BEFORE → AFTER DURATION OUTCOME ERROR, and
// a summary line ("48 upgraded, 1 up to date, 1 failed").
QString fleetRunText(const QList<FleetDatabase> &databases, const QList<FleetDatabaseRun> &runs);
QString fleetRunSummary(const QList<FleetDatabaseRun> &runs);
QJsonObject fleetRunJson(const QList<FleetDatabase> &databases, const QList<FleetDatabaseRun> &runs,
    const QString &target, qint64 durationMs);

} // namespace Retort
