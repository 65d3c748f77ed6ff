#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace Retort {

// Filters the graph by id, message or branch label: every word of the
// filter text must appear, case-insensitively, in one of them. A word
// "table:users" (or "table:users.email") keeps the revisions whose upgrade
// touches that table (or column), from an index of what every revision
// touches, made on a worker thread the first time it is needed. While it
// filters, rows are no longer contiguous, so lanes would lie: the proxy
// hides them (LaneCellsRole is empty) and the delegate draws nodes only.
class RevisionFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RevisionFilterProxy(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    bool isFiltering() const { return !m_words.isEmpty() || !m_tables.isEmpty(); }
    // The filter asks for tables and the index of what each revision touches is not there yet.
    bool needsTouchIndex() const { return !m_tables.isEmpty() && !m_touchesReady; }
    // Per graph index, from tablesTouched(); forgotten when the project changes.
    void setTouchIndex(const QList<QStringList> &touches);
    bool hasTouchIndex() const { return m_touchesReady; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    void setSourceModel(QAbstractItemModel *model) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void forgetTouchIndex();

    QString m_text;
    QStringList m_words;
    QStringList m_tables; // the words after "table:"
    QList<QStringList> m_touches;
    bool m_touchesReady = false;
};

} // namespace Retort
