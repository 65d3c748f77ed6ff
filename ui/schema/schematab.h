#pragma once

#include "shadow/schemareplayer.h"

#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QTreeView;

namespace Retort {

class DiffView;
class SchemaChangeModel;
class SchemaJob;

// The review's "Schema" tab: for a plan, the schema before and after as
// canonical DDL in the diff view (unified or side by side), and the tree of
// changes, each naming the migration and line that made it; activating one
// opens that line. The schemas are learnt by replaying into the shadow on a
// worker thread (SchemaJob) with progress; the window never waits. When a
// migration cannot run in the shadow, it is named with its file and line,
// and everything up to it is still shown.
class SchemaTab : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaTab(QWidget *parent = nullptr);
    ~SchemaTab() override;

    // Replays `plan` of `project` into the shadow `options` describe;
    // replaces (and cancels) any replay under way.
    void showPlan(const Project &project, const MigrationPlan &plan, const ShadowOptions &options);
    void clear();

    bool isBusy() const { return m_job != nullptr; }
    QString status() const;
    DiffView *diff() const { return m_diff; }
    QTreeView *changeView() const { return m_tree; }
    SchemaChangeModel *changes() const { return m_changes; }

signals:
    // The user asked to see the line that made a change.
    void lineActivated(const QString &file, int line);
    // A replay ended (for tests and screenshots).
    void replayFinished();

private:
    void abandonJob();
    void showReplay(const SchemaReplay &replay);
    void showChange(const QModelIndex &index);
    QString language() const;

    QLabel *m_status;
    QProgressBar *m_progress;
    QTreeView *m_tree;
    SchemaChangeModel *m_changes;
    DiffView *m_diff;
    std::unique_ptr<SchemaJob> m_job;
    QString m_before;
    QString m_after;
    Dialect m_dialect = Dialect::PostgreSQL;
};

} // namespace Retort
