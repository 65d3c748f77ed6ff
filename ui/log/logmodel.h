#pragma once

#include <QAbstractTableModel>
#include <QDateTime>

namespace Retort {

// What the application did and what went wrong, newest last, for the log
// dock. Passwords are redacted before they get here.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Level { Info, Warning, Error };
    enum Column { TimeColumn, MessageColumn, ColumnCount };
    struct Entry {
        QDateTime time;
        Level level;
        QString text;
    };

    explicit LogModel(QObject *parent = nullptr);

    void add(Level level, const QString &text);
    const QList<Entry> &entries() const { return m_entries; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Entry> m_entries;
};

} // namespace Retort
