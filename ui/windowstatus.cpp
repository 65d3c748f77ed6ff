#include "windowstatus.h"

#include "db/databasecontroller.h"
#include "db/databasesession.h"
#include "graph/graphcolors.h"
#include "project/project.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QStatusBar>

namespace Retort {

WindowStatus::WindowStatus(QStatusBar *bar)
    : QObject(bar)
    , m_bar(bar)
    , m_project(new QLabel(bar))
    , m_connection(new QLabel(bar))
    , m_current(new QLabel(bar))
    , m_pending(new QLabel(bar))
    , m_heads(new QLabel(bar))
    , m_busy(new QLabel(bar))
{
    m_bar->addWidget(m_project, 1);
    m_bar->addWidget(m_busy);
    for (QLabel *label : { m_connection, m_current, m_pending, m_heads }) {
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_bar->addPermanentWidget(label);
    }
    m_current->setObjectName(QStringLiteral("currentRevisions"));
}

void WindowStatus::update(const Project &project, const DatabaseController &database, bool busy)
{
    const RevisionGraph &graph = project.graph;
    m_project->setText(project.directory.isEmpty()
            ? tr("No project")
            : tr("%1: %n revision(s)", nullptr, graph.size()).arg(QFileInfo(project.directory).fileName()));
    m_project->setToolTip(QDir::toNativeSeparators(project.directory));

    const ConnectionSettings &settings = database.session()->settings();
    if (database.isOpen()) {
        m_connection->setText(tr("Connected to %1").arg(database.name()));
        m_connection->setToolTip(settings.redactedUrl());
    } else if (database.isConnecting()) {
        m_connection->setText(tr("Connecting to %1…").arg(settings.displayName()));
        m_connection->setToolTip({});
    } else {
        m_connection->setText(database.error().isEmpty() ? tr("Not connected") : tr("Connection failed"));
        m_connection->setToolTip(database.error());
    }
    const bool known = database.isOpen() && database.hasState();
    m_current->setVisible(known);
    m_pending->setVisible(known && database.pendingCount() >= 0);
    // Every row of the version table: a database on two branches is at two revisions.
    const QStringList &rows = database.currentRows();
    m_current->setText(rows.isEmpty() ? tr("At: base (empty)") : tr("At: %1").arg(rows.join(QLatin1String(", "))));
    m_current->setToolTip(rows.isEmpty() ? tr("The version table is empty: nothing is applied")
                                         : tr("The version table holds %n row(s)", nullptr, int(rows.size())));
    m_pending->setText(tr("%n pending", nullptr, database.pendingCount()));

    const int heads = int(graph.heads().size());
    m_heads->setText(heads > 1 ? tr("⚠ %n heads", nullptr, heads) : tr("%n head(s)", nullptr, heads));
    m_heads->setToolTip(heads > 1 ? tr("Several heads: merge them before deploying") : QString());
    QPalette palette = m_bar->palette();
    if (heads > 1)
        palette.setColor(QPalette::WindowText, GraphColors::hue(GraphColors::WarningHue, palette, true));
    m_heads->setPalette(palette);
    setBusy(busy);
}

void WindowStatus::setBusy(bool busy)
{
    m_busy->setText(busy ? tr("Working…") : QString());
}

QString WindowStatus::text() const
{
    QStringList parts { m_project->text(), m_connection->text() };
    if (m_current->isVisibleTo(m_bar))
        parts.append(m_current->text());
    if (m_pending->isVisibleTo(m_bar))
        parts.append(m_pending->text());
    parts.append(m_heads->text());
    if (!m_busy->text().isEmpty())
        parts.append(m_busy->text());
    return parts.join(QLatin1String(" | "));
}

} // namespace Retort
