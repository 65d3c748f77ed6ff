#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace Retort {

// Filters the graph by id, message or branch label: every word of the
// filter text must appear, case-insensitively, in one of them. While it
// filters, rows are no longer contiguous, so lanes would lie: the proxy
// hides them (LaneCellsRole is empty) and the delegate draws nodes only.
class RevisionFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RevisionFilterProxy(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    bool isFiltering() const { return !m_words.isEmpty(); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QStringList m_words;
};

} // namespace Retort
