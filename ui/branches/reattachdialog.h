#pragma once

#include "errorlabel.h"
#include "project/project.h"
#include "project/revisionwriter.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;

namespace Retort {

class RevisionFileJob;

// Repairing a revision whose down_revision names a revision the project
// does not have (a file deleted, an id mistyped, a branch pulled half way):
// pick the revision it should follow instead, and its down_revision is
// rewritten — the missing parents replaced, the others kept.
class ReattachDialog : public QDialog
{
    Q_OBJECT
public:
    ReattachDialog(const Project &project, const BrokenRevision &broken, QWidget *parent = nullptr);

    QComboBox *parentChoice() const { return m_parent; }
    // The down_revision the file will have.
    QStringList newDownRevisions() const;
    QString errorText() const { return m_error->errorText(); }
    const WrittenRevision &written() const { return m_written; }

    void accept() override;

private:
    Project m_project;
    BrokenRevision m_broken;
    QComboBox *m_parent;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
    RevisionFileJob *m_job;
    WrittenRevision m_written;
};

} // namespace Retort
