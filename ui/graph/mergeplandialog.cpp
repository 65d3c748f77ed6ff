#include "mergeplandialog.h"

#include "report/alembictext.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Retort {

MergePlanDialog::Plan MergePlanDialog::plan(const RevisionGraph &graph)
{
    Plan plan;
    plan.heads = graph.heads();
    if (plan.heads.size() < 2)
        return plan;
    // What every head stands on, through down_revision: Alembic merges
    // lines of history, and depends_on does not make a line.
    QList<int> common;
    QList<RevisionSet> lines;
    for (int head : std::as_const(plan.heads))
        lines.append(graph.ancestors({ head }, EdgeKind::DownRevisions));
    for (int index : lines.first().sorted()) {
        if (std::all_of(
                lines.cbegin(), lines.cend(), [index](const RevisionSet &line) { return line.contains(index); }))
            common.append(index);
    }
    const RevisionSet commonSet = [&] {
        RevisionSet set(graph.size());
        for (int index : common)
            set.insert(index);
        return set;
    }();
    for (int index : std::as_const(common)) {
        const QList<int> &children = graph.children(index);
        if (std::none_of(children.cbegin(), children.cend(), [&](int child) { return commonSet.contains(child); }))
            plan.commonAncestors.append(index);
    }
    QStringList ids;
    for (qsizetype i = 0; i < plan.heads.size(); ++i) {
        plan.ownRevisions.append(lines.at(i).size() - int(common.size()));
        ids.append(graph.revision(plan.heads.at(i)).id);
    }
    plan.command = QStringLiteral("retort-cli merge %1 -m \"Merge heads\"").arg(ids.join(QLatin1Char(' ')));
    return plan;
}

MergePlanDialog::MergePlanDialog(const RevisionGraph &graph, QWidget *parent)
    : QDialog(parent)
    , m_text(new QLabel(this))
{
    setWindowTitle(tr("Merging the Heads"));
    const Plan plan = MergePlanDialog::plan(graph);
    m_command = plan.command;
    const AlembicText text(graph);
    const auto link = [&graph](int index) {
        const QString id = graph.revision(index).id.toHtmlEscaped();
        return QStringLiteral("<a href=\"revision:%1\"><code>%1</code></a>").arg(id);
    };
    QString html = tr("<p>This project has <b>%n heads</b>. Until they are merged, upgrading to <code>head</code> "
                      "fails and each database can follow a different line.</p>",
        nullptr, int(plan.heads.size()));
    html += QStringLiteral("<ul>");
    for (qsizetype i = 0; i < plan.heads.size(); ++i) {
        const int head = plan.heads.at(i);
        const QStringList labels = graph.revision(head).branchLabels;
        html +=
            QStringLiteral("<li>%1 %2%3 — %4</li>")
                .arg(link(head), text.doc(head).toHtmlEscaped(),
                    labels.isEmpty() ? QString()
                                     : QStringLiteral(" (%1)").arg(labels.join(QLatin1String(", ")).toHtmlEscaped()),
                    tr("%n revision(s) of its own", nullptr, plan.ownRevisions.value(i)));
    }
    html += QStringLiteral("</ul>");
    if (plan.commonAncestors.isEmpty()) {
        html += tr("<p>The heads share no ancestor: they grew from different bases. A merge joins them all the "
                   "same.</p>");
    } else {
        QStringList ancestors;
        for (int index : plan.commonAncestors)
            ancestors.append(link(index) + QLatin1Char(' ') + text.doc(index).toHtmlEscaped());
        html += tr("<p>They branched from %1.</p>").arg(ancestors.join(QLatin1String(", ")));
    }
    html += tr("<p>A merge is a new revision whose <code>down_revision</code> lists every head; it usually runs no "
               "SQL. Create it with:</p><pre>%1</pre>")
                .arg(plan.command.toHtmlEscaped());
    m_text->setText(html);
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_text, &QLabel::linkActivated, this, [this](const QString &target) {
        if (target.startsWith(QLatin1String("revision:")))
            emit revisionActivated(target.mid(9));
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy Command"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_command); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

QString MergePlanDialog::text() const
{
    return m_text->text();
}

} // namespace Retort
