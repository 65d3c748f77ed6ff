#pragma once

#include "fleetruncontrols.h"
#include "project/project.h"
#include "util/result.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace Retort {

class FleetConfirmation;
class FleetLogPane;
class FleetReader;
class FleetRunJob;
class FleetTableModel;

// The desktop's fleet view: every database of a fleet file in a table, with
// where it stands and how many migrations it is behind, then one target run
// on all of them (FleetRunner: N at a time, canaries, stop or continue) with
// each database's progress on its row and its log a click away. The file,
// the status reads and the run all happen on worker threads; the window
// stays responsive however many databases the fleet has. Before a run it
// asks, and for a fleet with a production database it wants the fleet's
// name typed. After a run, every database's status is read again.
class FleetDialog : public QDialog
{
    Q_OBJECT
public:
    // `profileFile`: where the fleet file's `profile = NAME` entries are
    // looked up (the user's profiles when empty).
    FleetDialog(
        const Project &project, const QString &fleetFile, QWidget *parent = nullptr, const QString &profileFile = {});
    ~FleetDialog() override;

    // The fleet file last opened for the project in `projectDirectory`.
    static QString lastFleetFile(const QString &projectDirectory);
    static void rememberFleetFile(const QString &projectDirectory, const QString &fleetFile);

    QString fleetFile() const { return m_path; }
    bool isReading() const;
    bool isRunning() const { return m_job != nullptr; }
    FleetTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    FleetLogPane *logPane() const { return m_logPane; }
    FleetRunControls *controls() const { return m_controls; }
    QLineEdit *targetEdit() const { return m_controls->targetEdit(); }
    QSpinBox *parallelBox() const { return m_controls->parallelBox(); }
    QRadioButton *continueButton() const { return m_controls->continueButton(); }
    QPushButton *upgradeButton() const { return m_upgrade; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *refreshButton() const { return m_refresh; }
    QPushButton *showLogButton() const { return m_showLog; }
    // The confirmation while it is asked.
    FleetConfirmation *confirmation() const;
    QString summary() const;
    // The report Copy Report copies: the last run's, else the status.
    QString reportText() const;
    // What Save Report… writes: JSON for a .json file, else the text.
    Result<void> saveReport(const QString &path) const;

    // Shows the log of the model's `row` in the log pane.
    void showLog(int row);

public slots:
    void reject() override;
    // Reads the fleet file again, then every database's status.
    void refresh();
    // Asks (FleetConfirmation), then runs.
    void confirmUpgrade();
    void cancelRun();

signals:
    void statusRead(); // every database's status is in the table (or the file could not be read)
    // The databases may have changed; `summary`: "6 databases: 5 upgraded, 1 failed".
    void runFinished(const QString &summary);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *createButtons();
    void showDatabases(const Result<QList<FleetDatabase>> &databases);
    void readStatus();
    void startRun();
    void finishRun(const QList<FleetDatabaseRun> &runs);
    void askToCancelAndClose();
    void updateControls();
    void updateSummary();
    QString targetProblem() const;
    int selectedRow() const;
    void chooseReportFile();

    const Project m_project;
    const QString m_path;
    const QString m_profileFile;
    QString m_fileError;
    QString m_runTarget; // the target of the last run, for its report
    qint64 m_runMs = -1;
    bool m_closeWhenStopped = false;
    QTimer m_summaryTimer;

    FleetReader *m_reader;
    FleetRunJob *m_job = nullptr; // while a run goes on
    FleetTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    FleetLogPane *m_logPane;
    QSplitter *m_splitter;
    QLabel *m_title;
    QLabel *m_summary;
    FleetRunControls *m_controls;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_upgrade = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_showLog = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_close = nullptr;
    QPointer<FleetConfirmation> m_confirmation;
};

} // namespace Retort
