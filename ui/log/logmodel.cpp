#include "logmodel.h"

#include "db/connectionsettings.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

namespace Retort {

namespace {

constexpr int kMaxEntries = 5000; // a long session keeps the last ones

} // namespace

LogModel::LogModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void LogModel::add(Level level, const QString &text)
{
    if (m_entries.size() >= kMaxEntries) {
        beginRemoveRows({}, 0, 0);
        m_entries.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append({ QDateTime::currentDateTime(), level, redactPasswords(text) });
    endInsertRows();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        if (index.column() == TimeColumn)
            return QLocale().toString(entry.time.time(), QLocale::LongFormat);
        return entry.text;
    }
    if (role == Qt::DecorationRole && index.column() == MessageColumn) {
        switch (entry.level) {
        case Level::Info:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
        case Level::Warning:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        case Level::Error:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        }
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == TimeColumn ? tr("Time") : tr("Message");
}

} // namespace Retort
