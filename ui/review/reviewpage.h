#pragma once

#include "graph/revisiongraph.h"
#include "review/databasereview.h"
#include "review/review.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSplitter;
class QTreeView;

namespace Retort {

class DiffView;
class PlanStepModel;

// Review before anything runs: for the connected database and a target
// (default: every head), each step in order — direction, revision,
// transactional or not, warnings — with its SQL as a highlighted diff, and
// the applied revisions whose files changed since they ran, as what ran
// against the file now.
class ReviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewPage(QWidget *parent = nullptr);

    // The graph the reviews refer to, and the targets offered.
    void setGraph(const RevisionGraph &graph);
    // Which database reviews are for; empty when none is connected.
    void setDatabase(const QString &name, Dialect dialect);

    ReviewMode mode() const;
    QString target() const;
    // Sets the request and asks for it (planRequested).
    void request(ReviewMode mode, const QString &target);

    void showReview(const Review &review);
    void showError(const QString &message);
    void showBusy();

    PlanStepModel *steps() const { return m_steps; }
    QTreeView *stepView() const { return m_stepView; }
    QListWidget *editedList() const { return m_edited; }
    DiffView *diff() const { return m_diff; }
    QSplitter *splitter() const { return m_splitter; }
    QString summary() const;

signals:
    void planRequested(Retort::ReviewMode mode, const QString &target);
    void revisionActivated(const QString &id);

private:
    void emitRequest();
    void showStep(const QModelIndex &index);
    void showEdited(int row);
    void showAllSteps();
    QString language() const;
    QString language(bool python) const;

    QComboBox *m_mode;
    QComboBox *m_target;
    QPushButton *m_review;
    QLabel *m_summary;
    PlanStepModel *m_steps;
    QTreeView *m_stepView;
    QLabel *m_editedTitle;
    QListWidget *m_edited;
    QWidget *m_editedContainer = nullptr;
    DiffView *m_diff;
    QSplitter *m_splitter = nullptr;
    RevisionGraph m_graph;
    QString m_database;
    Dialect m_dialect = Dialect::PostgreSQL;
};

} // namespace Retort
