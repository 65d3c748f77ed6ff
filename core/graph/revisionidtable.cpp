#include "revisionidtable.h"

namespace Retort {

void RevisionIdTable::build(const QList<Revision> &revisions, int *duplicate)
{
    // At most half full, so that a probe ends soon at an empty slot.
    qsizetype capacity = 16;
    while (capacity < revisions.size() * 2)
        capacity *= 2;
    m_slots = QList<int>(capacity, -1);
    const quint32 mask = quint32(capacity - 1);
    if (duplicate)
        *duplicate = -1;
    for (int i = 0; i < revisions.size(); ++i) {
        const QString &id = revisions.at(i).id;
        quint32 slot = slotOf(id);
        while (m_slots.at(slot) >= 0 && revisions.at(m_slots.at(slot)).id != id)
            slot = (slot + 1) & mask;
        if (m_slots.at(slot) >= 0) {
            if (duplicate && *duplicate < 0)
                *duplicate = i;
            continue;
        }
        m_slots[slot] = i;
    }
}

int RevisionIdTable::find(QStringView id, const QList<Revision> &revisions) const
{
    if (m_slots.isEmpty())
        return -1;
    const quint32 mask = quint32(m_slots.size() - 1);
    for (quint32 slot = slotOf(id);; slot = (slot + 1) & mask) {
        const int index = m_slots.at(slot);
        if (index < 0 || revisions.at(index).id == id)
            return index;
    }
}

quint32 RevisionIdTable::slotOf(QStringView id) const
{
    return quint32(qHash(id)) & quint32(m_slots.size() - 1);
}

} // namespace Retort
