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
class QStackedWidget;
class QTabWidget;
class QTreeView;

namespace Retort {

class DiffView;
class SchemaTab;
struct ShadowOptions;
struct Project;
class FindingsView;
class PlanStepModel;
class SqlEditor;

// Review before anything runs: for the connected database and a target
// (default: every head), each step in order — direction, revision,
// transactional or not, warnings — and below, every step's SQL as one
// highlighted script, each step headed and foldable (built on a worker
// thread: a plan can have thousands of steps). The applied revisions whose
// files changed since they ran are listed beside, and shown as a diff of
// what ran against the file now. Run… opens the guided run for the plan.
class ReviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewPage(QWidget *parent = nullptr);
    ~ReviewPage() override;

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
    // The plan's SQL, every step under its heading.
    SqlEditor *scriptView() const { return m_script; }
    // Two texts compared: an edited applied script, a stamp's version table.
    DiffView *diff() const { return m_diff; }
    // Whether the script or the diff is shown below the steps.
    bool isShowingDiff() const;
    QPushButton *runButton() const { return m_run; }
    FindingsView *findings() const { return m_findings; }
    QSplitter *splitter() const { return m_splitter; }
    // The "Schema" tab beside the SQL: the schema before and after the plan.
    SchemaTab *schemaTab() const { return m_schemaTab; }
    bool isShowingSchema() const;
    void showSchemaTab();
    // Replays the reviewed plan in the shadow for the Schema tab (asked
    // for by schemaRequested once the tab is looked at).
    void showSchema(const Project &project, const ShadowOptions &options);
    QString summary() const;
    // The plan's script is still being put together.
    bool isBusy() const { return m_building > 0; }

signals:
    void planRequested(Retort::ReviewMode mode, const QString &target);
    void revisionActivated(const QString &id);
    // Run the reviewed plan, through the guided run dialog.
    void runRequested(Retort::ReviewMode mode, const QString &target);
    // The script of the last review is in the view.
    void scriptShown();
    // The Schema tab is shown for a plan it has not replayed yet.
    void schemaRequested();
    // Open this line of a revision file (a schema change's origin).
    void lineActivated(const QString &file, int line);

private:
    void emitRequest();
    void showStep(const QModelIndex &index);
    void showEdited(int row);
    void showScript();
    void updateRunButton();
    QString language() const;
    QString language(bool python) const;

    QComboBox *m_mode;
    QComboBox *m_target;
    QPushButton *m_review;
    QPushButton *m_run;
    QLabel *m_summary;
    PlanStepModel *m_steps;
    QTreeView *m_stepView;
    QLabel *m_editedTitle;
    QListWidget *m_edited;
    QWidget *m_editedContainer = nullptr;
    QStackedWidget *m_lower;
    SqlEditor *m_script;
    DiffView *m_diff;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_lowerTabs = nullptr;
    SchemaTab *m_schemaTab = nullptr;
    bool m_schemaStale = false;
    FindingsView *m_findings = nullptr; // lint findings of the selected step, or of all
    RevisionGraph m_graph;
    QList<int> m_headingLines;
    QString m_database;
    Dialect m_dialect = Dialect::PostgreSQL;
    bool m_reviewed = false;
    int m_generation = 0; // of the script being built; a late one is dropped
    int m_building = 0;
};

} // namespace Retort
