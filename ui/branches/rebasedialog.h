#pragma once

#include "errorlabel.h"
#include "graph/rebaseplan.h"
#include "project/project.h"
#include "project/revisionwriter.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QDialogButtonBox;

namespace Retort {

class RevisionFileJob;
class RevisionGraphModel;
class RevisionGraphView;

// Moving a branch on top of another head instead of merging (Alembic
// declined to build this): the branch's first revision gets the other head
// as its down_revision. The dialog previews the graph as it will be, and
// refuses when a database Retort can see has applied any revision of the
// branch — their parents would change under it.
class RebaseDialog : public QDialog
{
    Q_OBJECT
public:
    RebaseDialog(const Project &project, int branchHead, QWidget *parent = nullptr);

    // What the connected database has applied (its version rows); until
    // this is called with a database, writing waits. `known` false: no
    // database connected, nothing to check against.
    void setDatabaseState(bool known, const QStringList &versionRows, const QString &databaseName);

    // The database could not be read: nothing may be written.
    void setDatabaseError(const QString &error);

    QComboBox *ontoChoice() const { return m_onto; }
    RevisionGraphModel *previewModel() const { return m_previewModel; }
    QString summaryText() const;
    QString errorText() const { return m_error->errorText(); }
    bool canWrite() const;
    const WrittenRevision &written() const { return m_written; }

    void accept() override;

private:
    void replan();
    void updateButtons();

    Project m_project;
    int m_branchHead;
    Result<RebasePlan> m_plan;
    bool m_stateKnown = false;
    bool m_waitingForDatabase = true;
    QStringList m_versionRows;
    QString m_databaseName;
    QString m_databaseError;
    QComboBox *m_onto;
    QLabel *m_summary;
    RevisionGraphModel *m_previewModel;
    RevisionGraphView *m_preview;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
    RevisionFileJob *m_job;
    WrittenRevision m_written;
};

} // namespace Retort
