#include "editorpage.h"

#include "findbar.h"
#include "graph/graphcolors.h"
#include "lint/findingmarks.h"
#include "lint/revisionlint.h"
#include "project/revision.h"
#include "sqleditor.h"
#include "util/textfile.h"

#include <QAction>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QSaveFile>
#include <QToolBar>
#include <QVBoxLayout>

namespace Retort {

namespace {

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

EditorPage::EditorPage(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_toolBar(new QToolBar(this))
    , m_editor(new SqlEditor(this))
    , m_findBar(new FindBar(m_editor, this))
    , m_marks(new FindingMarks(m_editor))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *header = new QHBoxLayout;
    header->setContentsMargins(8, 2, 2, 2);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(m_title, 1);
    header->addWidget(m_toolBar);
    layout->addLayout(header);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_findBar);

    m_editAction = m_toolBar->addAction(tr("&Edit"));
    m_editAction->setCheckable(true);
    m_editAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_editAction->setToolTip(tr("Make the file editable (Ctrl+Shift+E)"));
    m_saveAction = m_toolBar->addAction(tr("&Save"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_revertAction = m_toolBar->addAction(tr("&Revert"));
    m_revertAction->setToolTip(tr("Discard the unsaved changes"));
    m_findAction = m_toolBar->addAction(tr("&Find"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto *findNext = new QAction(this);
    findNext->setShortcut(QKeySequence::FindNext);
    findNext->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto *findPrevious = new QAction(this);
    findPrevious->setShortcut(QKeySequence::FindPrevious);
    findPrevious->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions({ m_saveAction, m_findAction, findNext, findPrevious });

    connect(m_editAction, &QAction::triggered, this, [this](bool checked) {
        if (checked)
            startEditing();
        else
            stopEditing();
    });
    connect(m_saveAction, &QAction::triggered, this, [this] {
        Result<void> result = save();
        if (!result)
            QMessageBox::warning(this, tr("Cannot save"), result.error().toString());
    });
    connect(m_revertAction, &QAction::triggered, this, &EditorPage::revert);
    connect(m_findAction, &QAction::triggered, m_findBar, &FindBar::activate);
    connect(findNext, &QAction::triggered, m_findBar, [this] { m_findBar->findNext(true); });
    connect(findPrevious, &QAction::triggered, m_findBar, [this] { m_findBar->findNext(false); });
    connect(m_editor, &QsciScintilla::modificationChanged, this, &EditorPage::updateState);
    updateState();
}

void EditorPage::showFile(
    const QString &revisionId, const QString &path, const QString &language, const QString &appliedIn)
{
    if (isModified() && path != m_path)
        return;
    m_appliedIn = appliedIn;
    if (path == m_path && isModified())
        return updateState();
    const bool sameFile = path == m_path;
    m_revisionId = revisionId;
    m_path = path;
    m_language = language;
    if (!sameFile)
        stopEditing();
    reloadFromDisk();
}

void EditorPage::reloadFromDisk()
{
    if (isModified())
        return;
    // Hidden behind the graph, the page follows the selection by name only,
    // and reads the file when it is shown or its editor is asked for:
    // reading, highlighting and linting it for every Page Down through the
    // graph was about a fifth of each key press.
    if (!isVisible()) {
        m_stale = true;
        updateState();
        return;
    }
    load();
}

void EditorPage::loadIfStale()
{
    if (m_stale)
        load();
}

void EditorPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    loadIfStale();
}

void EditorPage::load()
{
    m_stale = false;
    if (!m_language.isEmpty())
        m_editor->setLanguage(m_language);
    int line = 0;
    int index = 0;
    m_editor->getCursorPosition(&line, &index);
    const int firstVisible = m_editor->firstVisibleLine();
    m_diskContent = m_path.isEmpty() ? QByteArray() : readBytes(m_path);
    Result<QString> text = m_path.isEmpty() ? Result<QString>(QString()) : readUtf8File(m_path);
    const bool readOnly = m_editor->isReadOnly();
    m_editor->setReadOnly(false);
    m_editor->setText(text ? *text : tr("-- cannot read %1: %2").arg(m_path, text.error().message));
    m_editor->setReadOnly(readOnly);
    m_editor->setModified(false);
    m_editor->setCursorPosition(line, index);
    m_editor->setFirstVisibleLine(firstVisible);
    showSectionMarks();
    markLintFindings(text.ok());
    updateState();
}

QList<EditorPage::SectionMark> EditorPage::sectionMarksFor(
    const Revision &revision, std::optional<Dialect> dialect, const QString &database)
{
    QList<SectionMark> marks;
    if (revision.format != RevisionFormat::Native || !dialect)
        return marks;
    // Only now: decoding the sections reads the revision index's pages
    // (see SqlSectionBlock), which paging through a large graph without a
    // database need not bring in.
    const QList<SqlSection> sections = revision.sections();
    const bool perDialect = std::any_of(
        sections.cbegin(), sections.cend(), [](const SqlSection &section) { return section.dialect.has_value(); });
    if (!perDialect)
        return marks;
    for (const SqlSection &section : sections) {
        const bool runs = Revision::sectionIn(sections, section.direction, *dialect) == &section;
        marks.append({ section.markerLine - 1, runs,
            runs ? tr("▶ This section runs on %1 (%2)").arg(database, dialectName(*dialect))
                 : tr("Not run on %1 (%2): another section is for it").arg(database, dialectName(*dialect)) });
    }
    return marks;
}

void EditorPage::setSectionMarks(const QList<SectionMark> &marks)
{
    m_sectionMarks = marks;
    if (!m_stale)
        showSectionMarks();
}

void EditorPage::showSectionMarks()
{
    m_editor->clearLineMessages();
    // Line numbers are the file's as read: after unsaved edits they may have moved.
    if (isModified())
        return;
    for (const SectionMark &mark : std::as_const(m_sectionMarks))
        m_editor->showLineMessage(mark.line, mark.text, mark.runs ? GraphColors::AppliedHue : GraphColors::LabelHue);
}

void EditorPage::markLintFindings(bool readable)
{
    // Revision files of PostgreSQL and Alembic projects: linting one file
    // on the parser takes a millisecond or two.
    QList<LintFinding> findings;
    const bool postgres =
        m_editor->language() == QLatin1String("SQL (PostgreSQL)") || m_editor->language() == QLatin1String("Python");
    if (readable && postgres && !m_path.isEmpty()) {
        Linter linter(0);
        Result<QList<LintFinding>> found = lintFile(m_path, linter);
        if (found)
            findings = *found;
    }
    m_marks->setFindings(findings);
}

bool EditorPage::isEditing() const
{
    return !m_editor->isReadOnly();
}

bool EditorPage::isModified() const
{
    return m_editor->isModified();
}

bool EditorPage::startEditing()
{
    loadIfStale();
    if (m_path.isEmpty()) {
        updateState();
        return false;
    }
    if (!m_appliedIn.isEmpty()) {
        const auto answer = QMessageBox::warning(this, tr("Edit an applied revision?"),
            tr("Revision %1 is already applied to %2.\n\nEditing the file does not change that database: it keeps "
               "what ran. Retort will report the revision as changed since it ran. To change an applied schema, "
               "add a new revision instead.\n\nEdit it anyway?")
                .arg(m_revisionId, m_appliedIn),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            updateState();
            return false;
        }
    }
    m_editor->setReadOnly(false);
    m_editor->setFocus();
    updateState();
    return true;
}

void EditorPage::stopEditing()
{
    m_editor->setReadOnly(true);
    updateState();
}

Result<void> EditorPage::save()
{
    if (m_path.isEmpty() || !isModified())
        return {};
    // Someone (a git pull, another editor) changed the file since we read
    // it: saving would silently undo their change.
    if (readBytes(m_path) != m_diskContent) {
        const auto answer = QMessageBox::question(this, tr("File changed on disk"),
            tr("%1 was changed on disk since it was opened. Overwrite it with your version?").arg(m_path),
            QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Save)
            return Error::at(m_path, 0, tr("not saved: the file changed on disk"));
    }
    const QByteArray bytes = m_editor->text().toUtf8();
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::at(m_path, 0, tr("cannot write the file: %1").arg(file.errorString()));
    m_diskContent = bytes;
    m_editor->setModified(false);
    emit message(tr("Saved %1").arg(QFileInfo(m_path).fileName()));
    emit saved(m_path);
    updateState();
    return {};
}

void EditorPage::revert()
{
    m_editor->setModified(false);
    reloadFromDisk();
}

void EditorPage::updateState()
{
    const bool hasFile = !m_path.isEmpty();
    m_editAction->setEnabled(hasFile);
    m_editAction->setChecked(isEditing());
    m_saveAction->setEnabled(hasFile && isModified());
    m_revertAction->setEnabled(hasFile && isModified());
    QString title = hasFile ? QFileInfo(m_path).fileName() : tr("No revision selected");
    if (isModified())
        title += tr(" (modified)");
    else if (isEditing())
        title += tr(" (editing)");
    else if (hasFile)
        title += tr(" (read-only)");
    m_title->setText(title);
    m_title->setToolTip(m_path);
}

} // namespace Retort
