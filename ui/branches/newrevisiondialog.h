#pragma once

#include "errorlabel.h"
#include "project/project.h"
#include "project/revisionwriter.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QTimer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Retort {

class RevisionFileJob;
class SqlEditor;

// A new revision: its message, the revision it follows (a head, a new base,
// or any other revision to start a branch from — Alembic's --splice), a
// branch label and depends_on. The file comes from the template
// (RevisionWriter; `alembic revision` for Alembic projects), previewed as
// it will be written, the same as `retort-cli create`.
class NewRevisionDialog : public QDialog
{
    Q_OBJECT
public:
    // `parentId`: the revision to follow, preselected (empty: the first head).
    NewRevisionDialog(const Project &project, const QString &parentId, QWidget *parent = nullptr);

    QLineEdit *message() const { return m_message; }
    QComboBox *parentChoice() const { return m_parent; }
    QLineEdit *branchLabel() const { return m_label; }
    QLineEdit *dependsOn() const { return m_dependsOn; }
    SqlEditor *preview() const { return m_preview; }
    // Selects the revision to follow ("base" for a new base); false if not offered.
    bool setParentRevision(const QString &id);
    // What would be written now, from the fields.
    NewRevision spec() const;
    QString errorText() const { return m_error->errorText(); }
    const WrittenRevision &written() const { return m_written; }

    void accept() override;

signals:
    void previewShown(); // an Alembic project's preview arrived from its Alembic

private:
    void updatePreview();
    void renderAlembicPreview();
    void showAlembicPreview();

    Project m_project;
    QLineEdit *m_message;
    QComboBox *m_parent;
    QLineEdit *m_label;
    QLineEdit *m_dependsOn;
    SqlEditor *m_preview;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
    RevisionFileJob *m_job;
    QString m_previewId; // one id for every preview, and for the file
    WrittenRevision m_written;
    QTimer m_alembicPreview;
    QFutureWatcher<Result<QString>> m_previewWatcher;
};

} // namespace Retort
