#include "reattachdialog.h"

#include "project/downrevisionrewriter.h"
#include "revisionfilejob.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Retort {

ReattachDialog::ReattachDialog(const Project &project, const BrokenRevision &broken, QWidget *parent)
    : QDialog(parent)
    , m_project(project)
    , m_broken(broken)
    , m_parent(new QComboBox(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_job(new RevisionFileJob(this))
{
    setWindowTitle(tr("Re-attach Revision"));
    setObjectName(QStringLiteral("reattachDialog"));
    const RevisionGraph &graph = project.graph;
    const int index = graph.indexOf(broken.id);
    const Revision &revision = graph.revision(index);
    // Any revision but itself and what grows from it (that would be a
    // cycle); heads first, the usual place a lost revision belongs.
    QList<int> descendants = graph.descendants(index);
    descendants.append(index);
    QList<int> candidates;
    for (int head : graph.heads()) {
        if (!descendants.contains(head))
            candidates.append(head);
    }
    const QList<int> &order = graph.topologicalOrder();
    for (auto it = order.crbegin(); it != order.crend(); ++it) {
        if (!descendants.contains(*it) && !candidates.contains(*it) &&
            !revision.downRevisions.contains(graph.revision(*it).id))
            candidates.append(*it);
    }
    for (int candidate : std::as_const(candidates)) {
        const Revision &option = graph.revision(candidate);
        m_parent->addItem(graph.isHead(candidate) ? tr("%1 — %2 (head)").arg(option.id, option.message)
                                                  : QStringLiteral("%1 — %2").arg(option.id, option.message),
            option.id);
    }

    auto *problem = new QLabel(this);
    problem->setWordWrap(true);
    problem->setTextFormat(Qt::RichText);
    problem->setText(
        tr("<p><b>%1</b> (%2) follows %3, which is not a revision of this project. Choose the revision "
           "it should follow; only its down_revision changes.</p>")
            .arg(revision.id, QDir(project.directory).relativeFilePath(revision.filePath()).toHtmlEscaped(),
                QStringLiteral("<code>%1</code>").arg(broken.missing.join(QLatin1String(", ")))));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Re-attach"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_parent->count() > 0);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ReattachDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_job->finishDialog(this, m_buttons, m_error, &m_written);
    auto *form = new QFormLayout;
    form->addRow(tr("&Follow:"), m_parent);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(problem);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);
    resize(600, sizeHint().height());
}

QStringList ReattachDialog::newDownRevisions() const
{
    // The chosen parent takes the first missing one's place.
    QStringList result;
    const QString chosen = m_parent->currentData().toString();
    for (const QString &parent : m_broken.downRevisions) {
        const QString kept = m_broken.missing.contains(parent) ? chosen : parent;
        if (!kept.isEmpty() && !result.contains(kept))
            result.append(kept);
    }
    return result;
}

void ReattachDialog::accept()
{
    if (m_job->isRunning() || m_parent->count() == 0)
        return;
    const Revision &revision = m_project.graph.revision(m_project.graph.indexOf(m_broken.id));
    DownRevisionChange change;
    change.filePath = revision.filePath();
    change.format = revision.format;
    change.revisionId = revision.id;
    change.from = m_broken.downRevisions;
    change.to = newDownRevisions();
    WrittenRevision written;
    written.id = revision.id;
    written.path = revision.filePath();
    const AlembicRevisionParser::Names names = m_project.settings.pythonNames;
    m_error->clearError();
    m_buttons->setEnabled(false);
    m_job->rewrite(change, names, written);
}

} // namespace Retort
