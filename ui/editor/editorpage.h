#pragma once

#include "project/revision.h"
#include "util/result.h"

#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QToolBar;

namespace Retort {

class FindBar;
class FindingMarks;
class SqlEditor;

// The editor view: one revision file, read-only until "Edit", which warns
// when the revision is already applied to the connected database (editing
// it changes nothing there, and Retort will report the file as changed).
// Saving writes the file atomically; the project watcher then reloads the
// graph.
class EditorPage : public QWidget
{
    Q_OBJECT
public:
    explicit EditorPage(QWidget *parent = nullptr);

    // Shows a revision's file. `appliedIn` names the database where the
    // revision is applied, empty when it is not (or nothing is connected).
    // Unsaved edits are kept: the page then stays on its file.
    void showFile(const QString &revisionId, const QString &path, const QString &language, const QString &appliedIn);
    // Which sections of a native file run on the connected database: a
    // note under each section marker of a file with sections per dialect
    // (0-based marker line, whether it runs, the note). Kept across reloads.
    struct SectionMark {
        int line = 0;
        bool runs = false;
        QString text;
    };
    void setSectionMarks(const QList<SectionMark> &marks);
    // The marks for `revision` on a database of `dialect` named `database`;
    // none without a database or for a file with one section per direction.
    static QList<SectionMark> sectionMarksFor(
        const Revision &revision, std::optional<Dialect> dialect, const QString &database);
    QList<SectionMark> sectionMarks() const { return m_sectionMarks; }
    // The file changed on disk: re-read it unless there are unsaved edits.
    void reloadFromDisk();

    QString revisionId() const { return m_revisionId; }
    QString filePath() const { return m_path; }
    bool isEditing() const;
    bool isModified() const;
    // The editor holding the shown revision's file (read now if the page
    // put that off while hidden).
    SqlEditor *editor()
    {
        loadIfStale();
        return m_editor;
    }
    FindingMarks *lintMarks()
    {
        loadIfStale();
        return m_marks;
    }

    // Asks first when the revision is applied; returns whether editing began.
    bool startEditing();
    void stopEditing();
    Result<void> save();
    void revert();

    QAction *editAction() const { return m_editAction; }
    QAction *saveAction() const { return m_saveAction; }
    QAction *findAction() const { return m_findAction; }

signals:
    void saved(const QString &path);
    void message(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void load();
    void loadIfStale();
    void updateState();
    void showSectionMarks();
    void markLintFindings(bool readable);

    QString m_revisionId;
    QString m_path;
    QString m_appliedIn;
    QString m_language;
    bool m_stale = false; // the editor still holds an earlier file: read m_path when shown
    QList<SectionMark> m_sectionMarks;
    QByteArray m_diskContent; // as read, to notice changes made behind our back
    QLabel *m_title;
    QToolBar *m_toolBar;
    SqlEditor *m_editor;
    FindBar *m_findBar;
    FindingMarks *m_marks; // lint findings as squiggles
    QAction *m_editAction;
    QAction *m_saveAction;
    QAction *m_revertAction;
    QAction *m_findAction;
};

} // namespace Retort
