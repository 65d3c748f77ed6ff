#pragma once

#include "autogen/driftrepair.h"
#include "project/revisionwriter.h"
#include "shadow/driftcheck.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QPushButton;
class QTabWidget;

namespace Retort {

class DiffView;
class SqlEditor;

// The drift banner's Show Difference…: the schema the version rows imply
// against the database's own, and the ways out that need SQL, worked out
// on a worker thread by the schema engine (repairDrift): the SQL that would
// bring the database back to its revision (shown, never run), and a new
// revision that records the drift (written after the database's revision,
// to be stamped). Stamping the revision it looks like is the banner's.
class DriftDialog : public QDialog
{
    Q_OBJECT
public:
    DriftDialog(const Project &project, const ShadowOptions &options, const ConnectionSettings &target,
        const DriftReport &report, QWidget *parent = nullptr);
    ~DriftDialog() override;

    QPushButton *sqlButton() const { return m_sqlButton; }
    QPushButton *captureButton() const { return m_captureButton; }
    SqlEditor *sqlView() const { return m_sql; }
    QString status() const;

    // Works out the SQL back to the revision and shows it.
    void showSqlBack();
    // Writes the revision that records the drift, with `message`.
    void capture(const QString &message);

signals:
    void repaired(); // the SQL arrived (or why not)
    void captured(const Retort::WrittenRevision &written);

private:
    void start();
    void finish();

    std::shared_ptr<const Project> m_project;
    ShadowOptions m_options;
    ConnectionSettings m_target; // the session's, password in memory only
    QStringList m_rows;
    QLabel *m_status;
    QTabWidget *m_tabs;
    DiffView *m_diff;
    SqlEditor *m_sql;
    QPushButton *m_sqlButton;
    QPushButton *m_captureButton;
    QString m_captureMessage; // set while a capture waits for the SQL
    std::optional<DriftRepair> m_repair;
    std::shared_ptr<std::atomic<ShadowSession *>> m_running;
    QFutureWatcher<Result<DriftRepair>> m_watcher;
};

} // namespace Retort
