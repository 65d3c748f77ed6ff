#pragma once

#include "graph/revisiongraph.h"

#include <QDialog>

class QLabel;

namespace Retort {

// What merging the heads means, before issue-free upgrades to "head" are
// possible again: the heads, the revisions each brings since their nearest
// common ancestor, that ancestor, and the command that creates the merge
// revision.
class MergePlanDialog : public QDialog
{
    Q_OBJECT
public:
    MergePlanDialog(const RevisionGraph &graph, QWidget *parent = nullptr);

    // The facts the dialog shows, for tests and for the text.
    struct Plan {
        QList<int> heads;
        QList<int> commonAncestors; // the nearest ones: no child of theirs is common to every head
        QList<int> ownRevisions; // per head: revisions only that head's line has
        QString command;
    };
    static Plan plan(const RevisionGraph &graph);
    QString text() const;

signals:
    void revisionActivated(const QString &id);

private:
    QLabel *m_text;
    QString m_command;
};

} // namespace Retort
