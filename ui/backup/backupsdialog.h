#pragma once

#include "backup/backuprunner.h"
#include "backup/backupverifier.h"
#include "db/connectionsettings.h"
#include "project/project.h"

#include <QDialog>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTreeView;

namespace Retort {

class BackupListModel;
class BackupTask;
class RestoreConfirmation;

// The project's backups and what can be done with them: back up the
// connected database now, check a backup by reading it back, and restore
// one after saying what it replaces. The work runs in a BackupTask, so the
// window keeps painting; its phases and pg_dump's lines show as they come,
// with Cancel.
class BackupsDialog : public QDialog
{
    Q_OBJECT
public:
    // `settings` empty (no database) still lists and verifies backups.
    BackupsDialog(const Project &project, const std::optional<ConnectionSettings> &settings, bool production,
        QWidget *parent = nullptr);
    ~BackupsDialog() override;

    void backUpNow();
    void verifySelected();
    void restoreSelected();
    void cancel();
    // Lists the backup folder again, keeping the selection.
    void reload();
    bool selectBackup(const QString &path);
    QString selectedBackup() const;

    bool isBusy() const;
    BackupListModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    RestoreConfirmation *confirmation() const { return m_confirmation; }
    QPushButton *backUpButton() const { return m_backUp; }
    QPushButton *verifyButton() const { return m_verify; }
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *openFolderButton() const { return m_openFolder; }
    QString resultText() const; // the last outcome, as shown
    bool lastFailed() const { return m_lastFailed; }
    QString logText() const;

signals:
    // A restore changed the database (or may have): its state must be read again.
    void databaseChanged();
    void backupMade(const Retort::BackupInfo &info);
    void idle(); // a job ended

protected:
    void reject() override;
    void done(int result) override; // remembers the dialog's size

private:
    enum class Job { None, Backup, Verify, PlanRestore, BackupBeforeRestore, Restore };
    void startJob(Job job, bool started);
    void showPhase(const QString &text);
    void showResult(const QString &text, bool failed);
    void updateButtons();
    void askToRestore(const RestorePlan &plan, const QStringList &rowsNow);
    void confirmRestore(bool backupFirst);
    void onBackedUp(const BackupInfo &info);
    void onFailed(const Error &error, bool cancelled);
    QString databaseName() const;

    Project m_project;
    std::optional<ConnectionSettings> m_settings;
    bool m_production;
    BackupTask *m_task;
    Job m_job = Job::None;
    QString m_jobFile; // the backup the job is about
    RestorePlan m_plan; // confirmed, waiting for the backup before it
    bool m_lastFailed = false;

    QLabel *m_heading;
    QStackedWidget *m_pages;
    BackupListModel *m_model;
    QTreeView *m_view;
    RestoreConfirmation *m_confirmation;
    QPushButton *m_backUp;
    QPushButton *m_verify;
    QPushButton *m_restore;
    QPushButton *m_openFolder;
    QPushButton *m_close;
    QLabel *m_phase;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QLabel *m_result;
    QPlainTextEdit *m_log;
};

} // namespace Retort
