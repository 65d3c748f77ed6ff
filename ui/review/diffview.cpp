#include "diffview.h"

#include "diff/linediff.h"
#include "editor/sqleditor.h"

#include <QButtonGroup>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Retort {

namespace {

constexpr int kMarkMargin = 1;

void prepare(SqlEditor *editor)
{
    editor->setLineNumbersVisible(false);
    editor->setMarginType(kMarkMargin, QsciScintilla::TextMargin);
    editor->setMarginWidth(kMarkMargin, QStringLiteral("+ "));
}

} // namespace

DiffView::DiffView(QWidget *parent)
    : QWidget(parent)
    , m_modes(new QButtonGroup(this))
    , m_summary(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_unified(new SqlEditor(this))
    , m_left(new SqlEditor(this))
    , m_right(new SqlEditor(this))
    , m_leftTitle(new QLabel(this))
    , m_rightTitle(new QLabel(this))
{
    for (SqlEditor *editor : { m_unified, m_left, m_right })
        prepare(editor);
    auto *unified = new QRadioButton(tr("&Unified"), this);
    auto *sideBySide = new QRadioButton(tr("Side by &side"), this);
    m_modes->addButton(unified, Unified);
    m_modes->addButton(sideBySide, SideBySide);
    unified->setChecked(true);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_summary, 1);
    bar->addWidget(unified);
    bar->addWidget(sideBySide);

    auto *sides = new QWidget(this);
    auto *grid = new QGridLayout(sides);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    grid->addWidget(m_leftTitle, 0, 0);
    grid->addWidget(m_rightTitle, 0, 1);
    grid->addWidget(m_left, 1, 0);
    grid->addWidget(m_right, 1, 1);
    m_stack->addWidget(m_unified);
    m_stack->addWidget(sides);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_modes, &QButtonGroup::idClicked, this, [this](int id) { setMode(Mode(id)); });
    // The two sides scroll together.
    connect(
        m_left->verticalScrollBar(), &QScrollBar::valueChanged, m_right->verticalScrollBar(), &QScrollBar::setValue);
    connect(
        m_right->verticalScrollBar(), &QScrollBar::valueChanged, m_left->verticalScrollBar(), &QScrollBar::setValue);
}

void DiffView::setMode(Mode mode)
{
    m_modes->button(mode)->setChecked(true);
    m_stack->setCurrentIndex(mode == Unified ? 0 : 1);
}

DiffView::Mode DiffView::mode() const
{
    return Mode(m_modes->checkedId());
}

void DiffView::clear()
{
    setTexts({}, {}, {}, {}, {});
    m_summary->clear();
}

void DiffView::setTexts(const QString &before, const QString &after, const QString &language,
    const QString &beforeTitle, const QString &afterTitle)
{
    const QStringList oldLines = diffableLines(before);
    const QStringList newLines = diffableLines(after);
    const QList<DiffLine> diff = diffLines(oldLines, newLines);
    int added = 0;
    int removed = 0;

    QStringList unified;
    m_unifiedMarks.clear();
    for (const DiffLine &line : diff) {
        unified.append(line.text);
        m_unifiedMarks.append(line.kind == DiffLine::Added ? QStringLiteral("+")
                : line.kind == DiffLine::Removed           ? QStringLiteral("-")
                                                           : QStringLiteral(" "));
        added += line.kind == DiffLine::Added;
        removed += line.kind == DiffLine::Removed;
    }
    m_unified->setLanguage(language);
    m_unified->setText(unified.join(QLatin1Char('\n')));
    m_unified->clearLineMarks();
    m_unified->clearMarginText();
    for (int i = 0; i < diff.size(); ++i) {
        if (diff.at(i).kind == DiffLine::Same)
            continue;
        m_unified->setMarginText(i, m_unifiedMarks.at(i), 0);
        m_unified->markLine(i, diff.at(i).kind == DiffLine::Added ? SqlEditor::AddedLine : SqlEditor::RemovedLine);
    }

    QStringList left;
    QStringList right;
    const QList<DiffRow> rows = sideBySideRows(diff);
    for (const DiffRow &row : rows) {
        left.append(row.oldLine >= 0 ? oldLines.at(row.oldLine) : QString());
        right.append(row.newLine >= 0 ? newLines.at(row.newLine) : QString());
    }
    for (SqlEditor *editor : { m_left, m_right }) {
        editor->setLanguage(language);
        editor->clearLineMarks();
        editor->clearMarginText();
    }
    m_left->setText(left.join(QLatin1Char('\n')));
    m_right->setText(right.join(QLatin1Char('\n')));
    for (int i = 0; i < rows.size(); ++i) {
        const DiffRow &row = rows.at(i);
        if (row.oldLine >= 0)
            m_left->setMarginText(i, QString::number(row.oldLine + 1), 0);
        if (row.newLine >= 0)
            m_right->setMarginText(i, QString::number(row.newLine + 1), 0);
        switch (row.kind) {
        case DiffRow::Same:
            break;
        case DiffRow::Changed:
            m_left->markLine(i, SqlEditor::RemovedLine);
            m_right->markLine(i, SqlEditor::AddedLine);
            break;
        case DiffRow::Removed:
            m_left->markLine(i, SqlEditor::RemovedLine);
            break;
        case DiffRow::Added:
            m_right->markLine(i, SqlEditor::AddedLine);
            break;
        }
    }
    const QString widest = QString::number(std::max(oldLines.size(), newLines.size()) + 1) + QLatin1Char(' ');
    m_left->setMarginWidth(kMarkMargin, widest);
    m_right->setMarginWidth(kMarkMargin, widest);
    m_leftTitle->setText(beforeTitle);
    m_rightTitle->setText(afterTitle);
    m_summary->setText(diff.isEmpty() ? QString() : tr("%1 added, %2 removed").arg(added).arg(removed));

    // Open at the first difference, a few lines of context above it: a
    // whole schema's same lines come before it more often than not.
    const auto firstUnified =
        std::find_if(diff.cbegin(), diff.cend(), [](const DiffLine &line) { return line.kind != DiffLine::Same; });
    const auto firstRow =
        std::find_if(rows.cbegin(), rows.cend(), [](const DiffRow &row) { return row.kind != DiffRow::Same; });
    constexpr int context = 3;
    if (firstUnified != diff.cend())
        m_unified->setFirstVisibleLine(std::max(int(firstUnified - diff.cbegin()) - context, 0));
    if (firstRow != rows.cend()) {
        for (SqlEditor *editor : { m_left, m_right })
            editor->setFirstVisibleLine(std::max(int(firstRow - rows.cbegin()) - context, 0));
    }
}

QString DiffView::unifiedText() const
{
    const QStringList lines = diffableLines(m_unified->text());
    QStringList result;
    for (int i = 0; i < lines.size(); ++i)
        result.append(m_unifiedMarks.value(i) + lines.at(i));
    return result.join(QLatin1Char('\n'));
}

} // namespace Retort
