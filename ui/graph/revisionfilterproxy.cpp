#include "revisionfilterproxy.h"

#include "revisiongraphmodel.h"

namespace Retort {

RevisionFilterProxy::RevisionFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{ }

void RevisionFilterProxy::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateRowsFilter();
    // Lanes appear or disappear with the filter.
    if (rowCount() > 0)
        emit dataChanged(index(0, RevisionGraphModel::GraphColumn),
            index(rowCount() - 1, RevisionGraphModel::GraphColumn), { RevisionGraphModel::LaneCellsRole });
}

QVariant RevisionFilterProxy::data(const QModelIndex &index, int role) const
{
    if (role == RevisionGraphModel::LaneCellsRole && isFiltering())
        return QByteArray();
    return QSortFilterProxyModel::data(index, role);
}

bool RevisionFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QString text =
        sourceModel()->index(sourceRow, 0, sourceParent).data(RevisionGraphModel::SearchTextRole).toString();
    for (const QString &word : m_words) {
        if (!text.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace Retort
