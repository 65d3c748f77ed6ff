#pragma once

#include "project/revision.h"

#include <QList>
#include <QStringView>

namespace Retort {

// Finds a revision's index by its id. A QHash<QString, int> kept a node per
// revision (about 42 bytes a revision, 4 MB at 100,000) for ids the
// revisions already hold; this table keeps only indexes, in open addressing,
// and compares with the revisions' own ids: 8 to 16 bytes a revision.
class RevisionIdTable
{
public:
    // Indexes `revisions`, which the caller keeps unchanged (ids included)
    // for as long as it asks the table. Where an id is there twice, the
    // first index is kept and `*duplicate` (when given) is set to the second.
    void build(const QList<Revision> &revisions, int *duplicate = nullptr);
    // The index of the revision with this id, or -1.
    int find(QStringView id, const QList<Revision> &revisions) const;

private:
    quint32 slotOf(QStringView id) const;

    QList<int> m_slots; // a revision index, or -1; the size a power of two
};

} // namespace Retort
