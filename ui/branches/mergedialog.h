#pragma once

#include "errorlabel.h"
#include "graph/mergeanalysis.h"
#include "project/project.h"
#include "project/revisionwriter.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace Retort {

class RevisionFileJob;

// Merging two or more heads from the graph: for each branch since what the
// heads have in common, its revisions and the tables and columns each
// touches; the tables more than one branch touches are flagged (their order
// after the merge may matter). The message is asked, then the merge
// revision is written by the same code as `retort-cli merge`.
class MergeDialog : public QDialog
{
    Q_OBJECT
public:
    MergeDialog(const Project &project, const QList<int> &heads, Dialect dialect, QWidget *parent = nullptr);

    bool isValid() const { return m_analysis.ok(); } // false: the error is shown instead
    const Result<MergeAnalysis> &analysis() const { return m_analysis; }
    QTreeWidget *branches() const { return m_branches; }
    QLineEdit *message() const { return m_message; }
    QLabel *overlapsLabel() const { return m_overlaps; }
    QString errorText() const { return m_error->errorText(); }
    // What was written, once accepted.
    const WrittenRevision &written() const { return m_written; }

    void accept() override;

signals:
    void revisionActivated(const QString &id);

private:
    void fill(const Dialect dialect);

    Project m_project;
    Result<MergeAnalysis> m_analysis;
    QLabel *m_intro;
    QTreeWidget *m_branches;
    QLabel *m_overlaps;
    QLineEdit *m_message;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
    RevisionFileJob *m_job;
    WrittenRevision m_written;
};

} // namespace Retort
