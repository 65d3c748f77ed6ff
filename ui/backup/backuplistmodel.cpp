#include "backuplistmodel.h"

#include "exec/runoutcome.h"
#include "graph/graphcolors.h"

#include <QApplication>
#include <QLocale>
#include <QPalette>
#include <QStyle>

namespace Retort {

BackupListModel::BackupListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void BackupListModel::setBackups(const QList<BackupFile> &backups)
{
    beginResetModel();
    m_backups = backups;
    endResetModel();
}

int BackupListModel::rowOf(const QString &path) const
{
    for (qsizetype row = 0; row < m_backups.size(); ++row) {
        if (m_backups.at(row).path == path)
            return int(row);
    }
    return -1;
}

const BackupFile *BackupListModel::backup(int row) const
{
    return row >= 0 && row < m_backups.size() ? &m_backups.at(row) : nullptr;
}

void BackupListModel::changed(const QString &path)
{
    const int row = rowOf(path);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void BackupListModel::setChecking(const QString &path)
{
    m_checks[path] = Checked { Check::Running, {}, {}, {} };
    changed(path);
}

void BackupListModel::setChecked(const BackupCheck &check)
{
    m_checks[check.path] = Checked { Check::Sound, QDateTime::currentDateTime(), check, {} };
    changed(check.path);
}

void BackupListModel::setDamaged(const QString &path, const QString &message)
{
    m_checks[path] = Checked { Check::Damaged, QDateTime::currentDateTime(), {}, message };
    changed(path);
}

void BackupListModel::clearCheck(const QString &path)
{
    m_checks.remove(path);
    changed(path);
}

BackupListModel::Check BackupListModel::check(const QString &path) const
{
    return m_checks.value(path).check;
}

QStringList BackupListModel::versionRows(const QString &path, bool *known) const
{
    const auto checked = m_checks.constFind(path);
    if (checked != m_checks.cend() && checked->check == Check::Sound) {
        *known = checked->result.versionRowsKnown;
        return checked->result.versionRows;
    }
    const int row = rowOf(path);
    *known = row >= 0 && m_backups.at(row).versionRowsKnown;
    return *known ? m_backups.at(row).versionRows : QStringList();
}

QString BackupListModel::stateText(int row) const
{
    const BackupFile &backup = m_backups.at(row);
    const Checked checked = m_checks.value(backup.path);
    switch (checked.check) {
    case Check::Running:
        return tr("checking…");
    case Check::Sound:
        return tr("verified %1").arg(QLocale().toString(checked.at.time(), QLocale::ShortFormat));
    case Check::Damaged:
        return tr("damaged");
    case Check::None:
        break;
    }
    return backupStateText(backup.state());
}

int BackupListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_backups.size());
}

int BackupListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BackupListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_backups.size())
        return {};
    const BackupFile &backup = m_backups.at(index.row());
    if (role == PathRole)
        return backup.path;
    if (role == RestorableRole) {
        const Check check = this->check(backup.path);
        return check != Check::Damaged && check != Check::Running && backup.format != BackupFormat::Unknown &&
            !backup.unfinished;
    }
    if (role == Qt::ForegroundRole && index.column() == StateColumn) {
        const Check check = this->check(backup.path);
        const BackupState state = backup.state();
        const QPalette palette = QApplication::palette();
        if (check == Check::Damaged || (check == Check::None && state == BackupState::Unreadable))
            return GraphColors::hue(0, palette, true);
        if (check == Check::Sound || (check == Check::None && state == BackupState::VerifiedWhenMade))
            return GraphColors::hue(GraphColors::AppliedHue, palette, true);
        return palette.color(QPalette::Disabled, QPalette::Text);
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() != StateColumn)
            return backup.path;
        const Checked checked = m_checks.value(backup.path);
        return checked.check == Check::Damaged ? checked.message : stateText(index.row());
    }
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case DateColumn:
        return QLocale().toString(backup.createdAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case SizeColumn:
        return QLocale().formattedDataSize(backup.bytes);
    case RevisionColumn: {
        bool known = false;
        const QStringList rows = versionRows(backup.path, &known);
        if (!known)
            return tr("unknown");
        return versionRowsText(rows);
    }
    case StateColumn:
        return stateText(index.row());
    case FileColumn:
        return backup.fileName();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant BackupListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case DateColumn:
        return tr("Date");
    case SizeColumn:
        return tr("Size");
    case RevisionColumn:
        return tr("Revision");
    case StateColumn:
        return tr("Verification");
    case FileColumn:
        return tr("File");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Retort
