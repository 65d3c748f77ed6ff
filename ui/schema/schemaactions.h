#pragma once

#include <QObject>

#include <memory>

class QLabel;

namespace Retort {

class DriftBanner;
class DriftDialog;
class SchemaTab;
class DriftJob;
class MainWindow;
class VerifyDialog;
struct DriftOutcome;
struct DriftReport;
struct ShadowOptions;

// The window's commands about what migrations change, all replayed in the
// shadow (never the target): the review's Schema tab, the drift check of
// the connected database with its banner (the difference, the revision it
// looks like, stamping it), and Verify Migrations. Drift is checked by
// itself whenever the database's state is read and the shadow costs no new
// server (SQLite, a configured shadow_url, or a private server already
// running); else on File ▸ Check Drift, so that no PostgreSQL server is
// started behind the user's back.
class SchemaActions : public QObject
{
    Q_OBJECT
public:
    explicit SchemaActions(MainWindow *window);
    ~SchemaActions() override;

    DriftBanner *driftBanner() const { return m_banner; }
    VerifyDialog *verifyMigrations();
    // Checks the connected database now.
    void checkDrift();
    bool isCheckingDrift() const { return m_checking; }
    // Opens `file` (a revision's) in the editor at `line`.
    void openLine(const QString &file, int line);
    // What revision `id` alone changes in the schema, in a dialog.
    SchemaTab *showRevisionChanges(const QString &id);
    // The banner's Show Difference…: the difference and the ways out.
    DriftDialog *showDifference();

signals:
    void driftChecked(); // a check ended, with a report or not

private:
    void stateRead();
    void checkDriftWith(const ShadowOptions &options);
    void showDrift(const DriftOutcome &outcome);

    MainWindow *m_window;
    DriftBanner *m_banner;
    QLabel *m_status; // in the status bar: whether the schema drifted
    std::unique_ptr<DriftJob> m_drift;
    bool m_checking = false;
};

} // namespace Retort
