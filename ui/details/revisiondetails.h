#pragma once

#include "graph/revisiongraphmodel.h"

#include <QWidget>

class QLabel;
class QScrollArea;
class QTextBrowser;
class QToolButton;

namespace Retort {

class SqlEditor;

// The details of the selected revision: its metadata (with links to its
// parents, children and dependencies) and its file, highlighted, read-only.
class RevisionDetails : public QWidget
{
    Q_OBJECT
public:
    explicit RevisionDetails(QWidget *parent = nullptr);

    // Shows revision `index` of the model's graph; -1 shows nothing.
    void showRevision(const RevisionGraphModel *model, int index, const QString &language);
    QString revisionId() const { return m_revisionId; }
    // What the pane says, as plain text: the title, then "name<TAB>value"
    // lines (for tests and for copying).
    QString metadataText() const;
    SqlEditor *editor() const { return m_editor; }

signals:
    void revisionLinkActivated(const QString &id);
    void editRequested(const QString &id);
    void openFileRequested(const QString &id);
    // What this revision alone does to the schema.
    void changesRequested(const QString &id);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHeader();

    QString m_revisionId;
    QStringList m_plainText; // "name<TAB>value" lines of what the metadata shows
    QScrollArea *m_header;
    QLabel *m_title;
    QTextBrowser *m_metadata;
    QToolButton *m_edit;
    QToolButton *m_open;
    QToolButton *m_changes;
    SqlEditor *m_editor;
};

} // namespace Retort
