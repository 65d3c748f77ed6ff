#pragma once

#include "project/revisionwriter.h"

#include <QObject>

class QMenu;

namespace Retort {

class MainWindow;
class MergeDialog;
class NewRevisionDialog;
class ReattachDialog;
class RebaseDialog;

// The graph's branch work, kept out of the main window: new revisions,
// merging heads, moving a branch onto another head, re-attaching a
// revision whose parent is missing. Each opens its dialog (window-modal,
// deleted when closed); when the dialog has written its file, the project
// is reloaded and the revision written is selected in the graph.
class BranchActions : public QObject
{
    Q_OBJECT
public:
    explicit BranchActions(MainWindow *window);

    // The heads selected in the graph when two or more are; else every head.
    QList<int> headsToMerge() const;

    // The dialogs, opened and returned (for tests); nullptr when there is
    // nothing to do (fewer than two heads, no project).
    MergeDialog *mergeHeads();
    NewRevisionDialog *newRevision();
    // The selected head's branch onto another head.
    RebaseDialog *rebaseBranch();
    // The selected revision, when broken, onto a parent that exists.
    ReattachDialog *reattachRevision();

    // Enables the actions for the project and the graph's selection.
    void updateActions();

    // Logs a written revision, reloads the project and selects it (`edit`:
    // opens it in the editor).
    void showWritten(const WrittenRevision &written, const QString &what, bool edit);

signals:
    // A file was written and the graph reloaded with it selected.
    void revisionWritten(const QString &id);

private:
    void reportBroken();

    MainWindow *m_window;
};

} // namespace Retort
