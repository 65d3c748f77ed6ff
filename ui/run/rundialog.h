#pragma once

#include "review/databasereview.h"
#include "run/runjob.h"
#include "shadow/shadowdatabase.h"

#include <QDialog>

#include <memory>
#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTabWidget;
class QThread;
class QTreeView;

namespace Retort {

class PlanStepModel;
class SchemaTab;
class RunProgress;
class SqlEditor;
class TypedConfirmation;
class FindingMarks;
class FindingsView;

// The guided upgrade, downgrade or stamp: the plan for the connected
// database (planned on a worker thread as soon as the dialog opens) with
// each step's SQL, what can lose data, non-transactional steps and several
// heads; a backup (on by default for downgrades and production); for a
// production connection, the database's name typed to confirm. Then the run
// on a worker thread (RunJob) with progress per step and statement, a live
// log and Cancel, ending with a summary — and on failure the failing
// statement in the editor, at its line, with the server's message.
class RunDialog : public QDialog
{
    Q_OBJECT
public:
    RunDialog(const Project &project, const ConnectionSettings &settings, bool production, ReviewMode mode,
        const QString &target, QWidget *parent = nullptr);
    ~RunDialog() override;

    ReviewMode mode() const { return m_mode; }
    bool isPlanned() const { return m_review.has_value(); }
    bool isRunning() const { return m_runThread != nullptr; }
    bool hasFinished() const { return m_result.has_value(); }
    const std::optional<RunResult> &result() const { return m_result; }

    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QCheckBox *backupBox() const { return m_backup; }
    QLineEdit *confirmationEdit() const;
    PlanStepModel *steps() const { return m_steps; }
    QTreeView *stepView() const { return m_stepView; }
    SqlEditor *editor() const { return m_editor; }
    QPlainTextEdit *log() const;
    FindingsView *findings() const { return m_findings; }
    // The Schema tab beside the SQL: what the plan does to the schema.
    SchemaTab *schemaTab() const { return m_schemaTab; }
    QTabWidget *lowerTabs() const { return m_lowerTabs; }
    // Where the Schema tab replays (the window's shadow settings).
    void setShadowOptions(const ShadowOptions &options);
    QString summary() const;
    QString warnings() const;
    QString progressText() const;

public slots:
    void reject() override;

signals:
    void planned();
    // The run ended; the database may have changed (the window refreshes).
    void runFinished(bool ok);
    void logged(const QString &line);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showSchema();
    void startPlanning();
    void showReview(const Result<Review> &review);
    void showWarnings();
    void showStep(int row);
    void showStampScript();
    void updateRunButton();
    void startRun();
    void cancelRun();
    void finishRun(const RunResult &result);
    void showFailure(const RunResult &result);
    void onStepStarted(int step);
    void onStatementStarted(int step, int statement, int statementCount, int line);
    void onStepFinished(int step, qint64 durationMs);
    void appendLog(const QString &line);
    QString actionName() const;
    QString language(int revision) const;

    const Project m_project;
    const ConnectionSettings m_settings;
    const bool m_production;
    const ReviewMode m_mode;
    const QString m_target;
    std::optional<Review> m_review;
    std::optional<RunResult> m_result;
    std::unique_ptr<RunJob> m_job;
    QThread *m_planThread = nullptr;
    QThread *m_runThread = nullptr;
    int m_shownStep = -1;
    int m_runningStep = -1;

    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_warnings;
    PlanStepModel *m_steps;
    QTreeView *m_stepView;
    SqlEditor *m_editor;
    QSplitter *m_splitter;
    FindingsView *m_findings = nullptr; // lint findings of the selected step
    QTabWidget *m_lowerTabs = nullptr;
    SchemaTab *m_schemaTab = nullptr;
    ShadowOptions m_shadowOptions;
    bool m_schemaShown = false; // replayed for this plan already
    FindingMarks *m_lintMarks = nullptr;
    QCheckBox *m_backup;
    TypedConfirmation *m_confirmation;
    RunProgress *m_progress;
    QDialogButtonBox *m_buttons;
    QPushButton *m_run;
    QPushButton *m_cancel;
};

} // namespace Retort
