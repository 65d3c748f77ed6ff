#include "fleettablemodel.h"

#include "exec/runoutcome.h"
#include "fleet/fleetreport.h"
#include "graph/graphcolors.h"

#include <QGuiApplication>
#include <QMutexLocker>
#include <QPalette>

#include <algorithm>

namespace Retort {

namespace {

constexpr int kFlushIntervalMs = 100;
constexpr int kShortId = 12; // as long as Alembic's own ids; longer ones are cut

QString firstLine(const QString &text)
{
    return text.section(QLatin1Char('\n'), 0, 0);
}

QString shortRows(const QStringList &rows)
{
    if (rows.isEmpty())
        return versionRowsText(rows);
    QStringList shortened;
    for (const QString &row : rows)
        shortened.append(row.size() > kShortId ? row.left(kShortId) + QStringLiteral("…") : row);
    return shortened.join(QLatin1String(", "));
}

bool started(const FleetDatabaseRun &run)
{
    return run.state != FleetDatabaseRun::State::Waiting && run.state != FleetDatabaseRun::State::Skipped;
}

// Worst first when sorted descending: what needs looking at.
int severity(const std::optional<FleetDatabaseRun> &run, const std::optional<FleetDatabaseStatus> &status)
{
    if (run) {
        switch (run->state) {
        case FleetDatabaseRun::State::Failed:
            return 9;
        case FleetDatabaseRun::State::Cancelled:
            return 8;
        case FleetDatabaseRun::State::Skipped:
            return 7;
        case FleetDatabaseRun::State::Running:
            return 6;
        case FleetDatabaseRun::State::Waiting:
            return 5;
        case FleetDatabaseRun::State::Upgraded:
            return 2;
        case FleetDatabaseRun::State::UpToDate:
            return 1;
        }
    }
    if (!status)
        return 3;
    return status->ok() ? 0 : 9;
}

} // namespace

FleetTableModel::FleetTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &FleetTableModel::flush);
}

FleetTableModel::~FleetTableModel() = default;

int FleetTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FleetTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case GroupColumn:
        return tr("Group");
    case RevisionColumn:
        return tr("Revision");
    case PendingColumn:
        return tr("Pending");
    case ProgressColumn:
        return tr("Progress");
    case DurationColumn:
        return tr("Duration");
    case ErrorColumn:
        return tr("Error");
    }
    return {};
}

QVariant FleetTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case Qt::ForegroundRole:
        return index.column() == ProgressColumn || index.column() == ErrorColumn ? foreground(row) : QVariant();
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == PendingColumn || index.column() == DurationColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

QString FleetTableModel::revisionText(const Row &row) const
{
    if (row.status && row.status->reachable)
        return shortRows(row.status->versionRows);
    if (row.run && started(*row.run)) {
        // Not read yet, or it could not be: "base" would be a claim.
        const FleetDatabaseRun &run = *row.run;
        const bool unread = run.before.isEmpty() && run.after.isEmpty() && run.stepsTotal == 0 &&
            (!run.error.isEmpty() || !run.finished());
        if (!unread)
            return shortRows(run.after);
    }
    if (!row.status)
        return QStringLiteral("…");
    return QStringLiteral("?");
}

QString FleetTableModel::pendingText(const Row &row) const
{
    if (row.run && row.run->state == FleetDatabaseRun::State::Running && row.run->stepsTotal > 0)
        return QString::number(row.run->stepsTotal - row.run->stepsDone);
    if (!row.status)
        return QStringLiteral("…");
    return row.status->pending >= 0 ? QString::number(row.status->pending) : QStringLiteral("?");
}

QString FleetTableModel::progressText(const Row &row) const
{
    if (row.run)
        return fleetProgressText(*row.run);
    if (!row.status)
        return tr("reading…");
    if (!row.status->reachable)
        return tr("unreachable");
    if (!row.status->ok())
        return tr("error");
    return row.status->pending == 0 ? tr("up to date") : tr("behind");
}

QString FleetTableModel::errorText(const Row &row) const
{
    if (row.run && !row.run->error.isEmpty())
        return row.run->error;
    if (row.run && row.run->finished())
        return {};
    return row.status ? row.status->error : QString();
}

QString FleetTableModel::display(int row, int column) const
{
    const Row &r = m_rows.at(row);
    const FleetDatabase &database = m_databases.at(row);
    switch (column) {
    case NameColumn:
        return database.name + (r.run && r.run->canary ? tr(" (canary)") : QString());
    case GroupColumn:
        return database.group;
    case RevisionColumn:
        return revisionText(r);
    case PendingColumn:
        return pendingText(r);
    case ProgressColumn:
        return progressText(r);
    case DurationColumn:
        return r.run && r.run->finished() && started(*r.run) ? formatDuration(r.run->durationMs) : QString();
    case ErrorColumn:
        return firstLine(errorText(r));
    }
    return {};
}

QVariant FleetTableModel::sortValue(int row, int column) const
{
    const Row &r = m_rows.at(row);
    switch (column) {
    case PendingColumn:
        return r.status ? r.status->pending : -2;
    case ProgressColumn:
        return severity(r.run, r.status);
    case DurationColumn:
        return r.run ? r.run->durationMs : qint64(-1);
    default:
        return display(row, column);
    }
}

QVariant FleetTableModel::foreground(int row) const
{
    const Row &r = m_rows.at(row);
    const QPalette palette = QGuiApplication::palette();
    const auto hue = [&](int degrees) { return GraphColors::hue(degrees, palette, true); };
    if (r.run) {
        switch (r.run->state) {
        case FleetDatabaseRun::State::Upgraded:
        case FleetDatabaseRun::State::UpToDate:
            return hue(GraphColors::AppliedHue);
        case FleetDatabaseRun::State::Failed:
            return hue(0);
        case FleetDatabaseRun::State::Cancelled:
            return hue(GraphColors::WarningHue);
        case FleetDatabaseRun::State::Running:
            return hue(GraphColors::LabelHue);
        case FleetDatabaseRun::State::Waiting:
        case FleetDatabaseRun::State::Skipped:
            return palette.color(QPalette::PlaceholderText);
        }
    }
    if (!r.status)
        return palette.color(QPalette::PlaceholderText);
    return r.status->ok() ? QVariant() : hue(0);
}

QString FleetTableModel::toolTip(int row, int column) const
{
    const Row &r = m_rows.at(row);
    const FleetDatabase &database = m_databases.at(row);
    switch (column) {
    case NameColumn:
    case GroupColumn: {
        QStringList lines { database.connection.redactedUrl() };
        if (!database.schema.isEmpty())
            lines.append(tr("Tenant schema %1").arg(database.schema));
        lines.append(tr("Listed at %1").arg(database.origin));
        if (database.production)
            lines.append(tr("Marked production (its connection profile)"));
        return lines.join(QLatin1Char('\n'));
    }
    case RevisionColumn:
        if (r.run && started(*r.run))
            return tr("Before the run: %1\nAfter: %2")
                .arg(versionRowsText(r.run->before), versionRowsText(r.run->after));
        return r.status && r.status->reachable ? versionRowsText(r.status->versionRows) : QString();
    case PendingColumn:
        return tr("Migrations to run to the target");
    case ProgressColumn:
    case ErrorColumn: {
        const QString error = errorText(r);
        return error.isEmpty() ? tr("Double-click for the database's log") : error;
    }
    default:
        return {};
    }
}

void FleetTableModel::setDatabases(const QList<FleetDatabase> &databases)
{
    const auto names = [](const QList<FleetDatabase> &list) {
        QStringList result;
        for (const FleetDatabase &database : list)
            result.append(database.name);
        return result;
    };
    if (!m_databases.isEmpty() && names(databases) == names(m_databases)) {
        m_databases = databases; // the same rows: what their last run did stays shown
        return;
    }
    beginResetModel();
    m_databases = databases;
    m_rows = QList<Row>(databases.size());
    endResetModel();
}

void FleetTableModel::clearStatuses()
{
    for (Row &row : m_rows)
        row.status.reset();
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void FleetTableModel::setStatus(int row, const FleetDatabaseStatus &status)
{
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row].status = status;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void FleetTableModel::setRun(int row, const FleetDatabaseRun &run)
{
    if (row < 0 || row >= m_rows.size())
        return;
    Row &r = m_rows[row];
    // Where it finished is newer than the status read before the run.
    if (run.finished() && started(run))
        r.status.reset();
    r.run = run;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void FleetTableModel::follow(FleetRunner *runner)
{
    {
        const QMutexLocker locker(&m_dirtyMutex);
        m_dirty.clear();
    }
    m_runner = runner;
    const QList<FleetDatabaseRun> runs = runner->snapshot();
    for (int row = 0; row < m_rows.size() && row < runs.size(); ++row)
        m_rows[row].run = runs.at(row);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    // From the runner's worker threads: only note the row.
    connect(
        runner, &FleetRunner::changed, this,
        [this](int row) {
            const QMutexLocker locker(&m_dirtyMutex);
            m_dirty.insert(row);
        },
        Qt::DirectConnection);
    m_flushTimer.start();
}

void FleetTableModel::flush()
{
    QSet<int> dirty;
    {
        const QMutexLocker locker(&m_dirtyMutex);
        dirty.swap(m_dirty);
    }
    if (dirty.isEmpty() || !m_runner)
        return;
    ++m_flushes;
    for (int row : std::as_const(dirty))
        setRun(row, m_runner->snapshot(row));
}

void FleetTableModel::finishRun(const QList<FleetDatabaseRun> &runs)
{
    m_flushTimer.stop();
    if (m_runner)
        disconnect(m_runner, nullptr, this, nullptr);
    m_runner.clear();
    {
        const QMutexLocker locker(&m_dirtyMutex);
        m_dirty.clear();
    }
    for (int row = 0; row < m_rows.size() && row < runs.size(); ++row)
        setRun(row, runs.at(row));
}

const FleetDatabaseStatus *FleetTableModel::status(int row) const
{
    if (row < 0 || row >= m_rows.size() || !m_rows.at(row).status)
        return nullptr;
    return &*m_rows.at(row).status;
}

const FleetDatabaseRun *FleetTableModel::run(int row) const
{
    if (row < 0 || row >= m_rows.size() || !m_rows.at(row).run)
        return nullptr;
    return &*m_rows.at(row).run;
}

bool FleetTableModel::hasRun() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Row &row) { return row.run.has_value(); });
}

bool FleetTableModel::statusesKnown() const
{
    return std::all_of(m_rows.cbegin(), m_rows.cend(), [](const Row &row) { return row.status.has_value(); });
}

QList<FleetDatabaseStatus> FleetTableModel::statuses() const
{
    QList<FleetDatabaseStatus> result;
    for (const Row &row : m_rows)
        result.append(row.status.value_or(FleetDatabaseStatus {}));
    return result;
}

QList<FleetDatabaseRun> FleetTableModel::runs() const
{
    QList<FleetDatabaseRun> result;
    for (const Row &row : m_rows)
        result.append(row.run.value_or(FleetDatabaseRun {}));
    return result;
}

QMap<FleetDatabaseRun::State, int> FleetTableModel::runStates() const
{
    QMap<FleetDatabaseRun::State, int> states;
    for (const Row &row : m_rows)
        ++states[row.run ? row.run->state : FleetDatabaseRun::State::Waiting];
    return states;
}

} // namespace Retort
