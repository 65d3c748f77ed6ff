#include "revisionfilterproxy.h"

#include "revisiongraphmodel.h"
#include "sql/touchindex.h"

namespace Retort {

RevisionFilterProxy::RevisionFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{ }

void RevisionFilterProxy::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words.clear();
    m_tables.clear();
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (word.startsWith(QLatin1String("table:"), Qt::CaseInsensitive))
            m_tables.append(word.mid(6));
        else
            m_words.append(word);
    }
    m_tables.removeAll(QString());
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

void RevisionFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    QSortFilterProxyModel::setSourceModel(model);
    // Another project, or the same one reloaded: what it touches may differ.
    connect(model, &QAbstractItemModel::modelReset, this, &RevisionFilterProxy::forgetTouchIndex);
}

void RevisionFilterProxy::forgetTouchIndex()
{
    m_touches.clear();
    m_touchesReady = false;
}

void RevisionFilterProxy::setTouchIndex(const QList<QStringList> &touches)
{
    m_touches = touches;
    m_touchesReady = true;
    if (!m_tables.isEmpty())
        invalidateRowsFilter();
}

bool RevisionFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex source = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_tables.isEmpty()) {
        // Until the index is there, nothing is known to match.
        const int graphIndex = source.data(RevisionGraphModel::GraphIndexRole).toInt();
        if (!m_touchesReady || graphIndex < 0 || graphIndex >= m_touches.size())
            return false;
        for (const QString &table : m_tables) {
            if (!touchesMatch(m_touches.at(graphIndex), table))
                return false;
        }
    }
    if (m_words.isEmpty())
        return true;
    const QString text = source.data(RevisionGraphModel::SearchTextRole).toString();
    for (const QString &word : m_words) {
        if (!text.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace Retort
