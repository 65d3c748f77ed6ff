#pragma once

#include "shadow/migrationverifier.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTreeView;

namespace Retort {

class SqlEditor;

// Revision ▸ Verify Migrations: in the shadow, each revision upgraded,
// downgraded, compared with the schema before it and upgraded again
// (MigrationVerifier, as `retort-cli verify`), on a worker thread with
// progress. Each revision's outcome is listed; selecting one shows the
// schema that was not restored or the error, and activating it opens the
// file at the line. Closing cancels.
class VerifyDialog : public QDialog
{
    Q_OBJECT
public:
    VerifyDialog(const Project &project, const ShadowOptions &options, QWidget *parent = nullptr);
    ~VerifyDialog() override;

    void start();
    bool isRunning() const { return m_watcher.isRunning(); }
    QStandardItemModel *results() const { return m_results; }
    QTreeView *resultView() const { return m_view; }
    QString status() const;

signals:
    void finished(); // a verification ended
    void lineActivated(const QString &file, int line);

private:
    void showReport();
    void showCheck(const QModelIndex &index);

    std::shared_ptr<const Project> m_project;
    ShadowOptions m_options;
    std::shared_ptr<MigrationVerifier> m_verifier;
    QLabel *m_status;
    QProgressBar *m_progress;
    QStandardItemModel *m_results;
    QTreeView *m_view;
    SqlEditor *m_detail;
    QPushButton *m_again;
    QList<RevisionCheck> m_checks;
    QFutureWatcher<Result<VerifyReport>> m_watcher;
};

} // namespace Retort
