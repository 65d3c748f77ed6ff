#include "findingsview.h"

#include "lintfindingmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace Retort {

FindingsView::FindingsView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_model(new LintFindingModel(this))
{
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const LintFinding &finding = m_model->findings().at(index.row());
        emit lineActivated(finding.file, finding.line);
    });
    setFindings({});
}

void FindingsView::setFindings(const QList<LintFinding> &findings)
{
    m_model->setFindings(findings);
    int errors = 0;
    int warnings = 0;
    for (const LintFinding &finding : findings) {
        errors += finding.severity == LintSeverity::Error;
        warnings += finding.severity == LintSeverity::Warning;
    }
    m_title->setText(findings.isEmpty()
            ? tr("<b>Lint:</b> no findings")
            : tr("<b>Lint:</b> %1, %2, %3")
                  .arg(tr("%n finding(s)", nullptr, int(findings.size())), tr("%n error(s)", nullptr, errors),
                      tr("%n warning(s)", nullptr, warnings)));
    for (int column = 0; column < LintFindingModel::MessageColumn; ++column)
        m_view->resizeColumnToContents(column);
}

QString FindingsView::title() const
{
    return m_title->text();
}

} // namespace Retort
