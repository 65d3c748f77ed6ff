#include "environmentmodel.h"

#include "environmentset.h"
#include "graph/graphcolors.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace Retort {

EnvironmentModel::EnvironmentModel(EnvironmentSet *environments, QObject *parent)
    : QAbstractTableModel(parent)
    , m_environments(environments)
{
    connect(environments, &EnvironmentSet::listChanged, this, [this] {
        beginResetModel();
        endResetModel();
    });
    connect(environments, &EnvironmentSet::environmentChanged, this,
        [this](int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
}

int EnvironmentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_environments->count();
}

int EnvironmentModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EnvironmentModel::statusText(const Environment &environment)
{
    switch (environment.reach) {
    case Environment::Reach::Unread:
        return tr("not read yet");
    case Environment::Reach::Reading:
        return environment.known() ? tr("reading again…") : tr("reading…");
    case Environment::Reach::Reachable:
        return tr("reachable");
    case Environment::Reach::Unreachable:
        return tr("unreachable");
    case Environment::Reach::NeedsPassword:
        return tr("needs a password");
    }
    return {};
}

QString EnvironmentModel::driftText(const Environment &environment)
{
    switch (environment.drift) {
    case Environment::Drift::Unchecked:
        return {};
    case Environment::Drift::Checking:
        return tr("checking…");
    case Environment::Drift::None:
        return tr("none");
    case Environment::Drift::Drifted:
        return tr("drifted");
    case Environment::Drift::Failed:
        return tr("not checked");
    }
    return {};
}

QString EnvironmentModel::positionText(const Environment &environment)
{
    if (!environment.known())
        return tr("%1: %2").arg(environment.name(), statusText(environment));
    const QString at = environment.rows.isEmpty() ? tr("base") : environment.rows.join(QLatin1String(", "));
    QString text = environment.pending < 0
        ? tr("%1: %2").arg(environment.name(), at)
        : tr("%1: %2, %n pending", nullptr, environment.pending).arg(environment.name(), at);
    if (environment.reach == Environment::Reach::Unreachable || environment.reach == Environment::Reach::NeedsPassword)
        text += tr(" (%1)").arg(statusText(environment));
    if (environment.drift == Environment::Drift::Drifted)
        text += tr(", drifted");
    return text;
}

QVariant EnvironmentModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Environment &environment = m_environments->at(index.row());
    const bool active = environment.name() == m_environments->active();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return active ? tr("%1 (active)").arg(environment.name()) : environment.name();
        case RevisionColumn:
            if (!environment.known())
                return QString();
            return environment.rows.isEmpty() ? tr("base") : environment.rows.join(QLatin1String(", "));
        case PendingColumn:
            return environment.known() && environment.pending >= 0 ? QVariant(environment.pending) : QVariant();
        case StatusColumn:
            return environment.profile.production ? tr("%1, production").arg(statusText(environment))
                                                  : statusText(environment);
        case DriftColumn:
            return driftText(environment);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return GraphColors::hue(environment.hue, QGuiApplication::palette(), true);
        break;
    case Qt::FontRole:
        if (active) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::ForegroundRole:
        if ((index.column() == StatusColumn && environment.reach == Environment::Reach::Unreachable) ||
            (index.column() == DriftColumn && environment.drift == Environment::Drift::Drifted))
            return GraphColors::hue(0, QGuiApplication::palette(), true);
        break;
    case Qt::ToolTipRole: {
        if (index.column() == DriftColumn && !environment.driftDetail.isEmpty())
            return environment.driftDetail;
        QString tip = tr("%1 — %2").arg(environment.name(), environment.profile.connection.redactedUrl());
        if (!environment.error.isEmpty())
            tip += QLatin1Char('\n') + environment.error;
        if (environment.readAt.isValid())
            tip += QLatin1Char('\n') + tr("Read at %1").arg(environment.readAt.time().toString());
        return tip;
    }
    case NameRole:
        return environment.name();
    }
    return {};
}

QVariant EnvironmentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Environment");
    case RevisionColumn:
        return tr("At");
    case PendingColumn:
        return tr("Pending");
    case StatusColumn:
        return tr("Status");
    case DriftColumn:
        return tr("Drift");
    }
    return {};
}

} // namespace Retort
