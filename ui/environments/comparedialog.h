#pragma once

#include "project/project.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTabWidget;
class QTreeView;

namespace Retort {

class DiffView;
class EnvironmentSet;
class ErrorLabel;

// Two environments side by side: the revisions one has applied and the
// other lacks, their schemas (read in the background, shown as a diff) and
// Promote, which brings the second to where the first is with exactly
// what ran there: refused when a file changed since it ran on the first.
// Nothing is written here; an allowed promotion is handed to the window's
// guided run (promoteRequested), reviewed like any run.
class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    CompareDialog(const Project &project, EnvironmentSet *environments, QWidget *parent = nullptr);
    ~CompareDialog() override;

    // Selects the pair by name.
    void setPair(const QString &from, const QString &to);
    QString from() const;
    QString to() const;
    // What the revisions tab says, for tests: "staging only: a, b".
    QStringList onlyIn(const QString &environment) const;
    DiffView *schemaDiff() const { return m_schemaDiff; }
    QString schemaSummary() const;
    QString promotionText() const;
    bool isBusy() const { return m_busy > 0; }
    // Checks the promotion of from() to to(); promoteRequested() follows if allowed.
    void promote();

signals:
    // Run an upgrade of environment `to` to `revision`, reviewed as any run.
    void promoteRequested(const QString &to, const QString &revision);
    void revisionActivated(const QString &id);
    void idle();

private:
    void showRevisions();
    void readSchemas();
    void updatePromote();
    void setBusy(int delta);

    Project m_project;
    EnvironmentSet *m_environments;
    QComboBox *m_from;
    QComboBox *m_to;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    QTreeView *m_revisionView;
    QStandardItemModel *m_revisions;
    QLabel *m_schemaSummary;
    DiffView *m_schemaDiff;
    ErrorLabel *m_error;
    QLabel *m_promotion;
    QPushButton *m_promote;
    int m_busy = 0;
    int m_generation = 0; // only the latest pair's schemas count
};

} // namespace Retort
