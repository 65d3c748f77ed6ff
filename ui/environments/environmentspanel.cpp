#include "environmentspanel.h"

#include "environmentmodel.h"
#include "environmentset.h"
#include "profiles/profilestore.h"
#include "settings/icons.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Retort {

namespace {

QToolButton *toolButton(QWidget *parent, const QString &text, const char *icon, const QString &tip)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setIcon(Icons::get(icon));
    button->setToolTip(tip);
    button->setAccessibleName(text);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    return button;
}

} // namespace

EnvironmentsPanel::EnvironmentsPanel(EnvironmentSet *environments, QWidget *parent)
    : QWidget(parent)
    , m_environments(environments)
    , m_model(new EnvironmentModel(environments, this))
    , m_view(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_addMenu(new QMenu(this))
{
    m_add = toolButton(this, tr("Add"), "list-add", tr("Watch a saved connection profile as an environment"));
    m_add->setMenu(m_addMenu);
    m_add->setPopupMode(QToolButton::InstantPopup);
    m_remove = toolButton(this, tr("Remove"), "list-remove", tr("Stop watching the selected environment"));
    m_activate = toolButton(this, tr("Make Active"), "network-connect",
        tr("Connect the window to the selected environment: the actions then apply to it"));
    m_compare = toolButton(this, tr("Compare…"), "view-split-left-right",
        tr("The revisions and schema of the selected environment against another, and promote"));
    m_drift = toolButton(this, tr("Check Drift"), "documentinfo",
        tr("Whether the selected environment's schema is the one its revisions imply (replayed in a shadow)"));
    m_history = toolButton(
        this, tr("History"), "view-history", tr("What ran on the selected environment: who, when, how it ended"));
    m_refresh = toolButton(this, tr("Read Again"), "view-refresh", tr("Read where every environment stands now"));
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    for (QToolButton *button : { m_add, m_remove, m_activate, m_compare, m_drift, m_history, m_refresh })
        buttons->addWidget(button);
    buttons->addStretch(1);

    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Environments"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setShowGrid(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setWordWrap(false);

    m_empty->setWordWrap(true);
    m_empty->setText(tr("Watch dev, staging and production side by side: Add a saved connection profile. "
                        "Each gets a colour on the graph and a column saying what it has applied."));
    m_empty->setMargin(8);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty);

    connect(m_addMenu, &QMenu::aboutToShow, this, &EnvironmentsPanel::fillAddMenu);
    connect(m_remove, &QToolButton::clicked, this, [this] { m_environments->remove(selectedName()); });
    connect(m_activate, &QToolButton::clicked, this, [this] { emit activateRequested(selectedName()); });
    connect(m_compare, &QToolButton::clicked, this, [this] { emit compareRequested(selectedName()); });
    connect(m_drift, &QToolButton::clicked, this, [this] { emit driftCheckRequested(selectedName()); });
    connect(m_history, &QToolButton::clicked, this, [this] { emit historyRequested(selectedName()); });
    connect(m_refresh, &QToolButton::clicked, m_environments, qOverload<>(&EnvironmentSet::refresh));
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        emit activateRequested(index.data(EnvironmentModel::NameRole).toString());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &EnvironmentsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EnvironmentsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &EnvironmentsPanel::updateButtons);
    updateButtons();
}

QString EnvironmentsPanel::selectedName() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(EnvironmentModel::NameRole).toString();
}

void EnvironmentsPanel::fillAddMenu()
{
    m_addMenu->clear();
    const ProfileStore store(m_environments->profileFile());
    for (const ConnectionProfile &profile : store.profiles()) {
        QAction *action =
            m_addMenu->addAction(profile.production ? tr("%1 (production)").arg(profile.name) : profile.name);
        action->setToolTip(profile.connection.redactedUrl());
        if (m_environments->indexOf(profile.name) >= 0) {
            action->setEnabled(false);
            action->setToolTip(tr("Already watched"));
        }
        connect(action, &QAction::triggered, this, [this, profile] { m_environments->add(profile); });
    }
    if (!m_addMenu->isEmpty())
        m_addMenu->addSeparator();
    connect(m_addMenu->addAction(tr("New Connection Profile…")), &QAction::triggered, this,
        &EnvironmentsPanel::profilesRequested);
    m_addMenu->setToolTipsVisible(true);
}

void EnvironmentsPanel::updateButtons()
{
    const QString selected = selectedName();
    const bool none = m_environments->count() == 0;
    m_empty->setVisible(none);
    m_view->setVisible(!none);
    m_remove->setEnabled(!selected.isEmpty());
    m_activate->setEnabled(!selected.isEmpty() && selected != m_environments->active());
    m_activate->setToolTip(selected.isEmpty() ? tr("Select an environment first")
            : selected == m_environments->active()
            ? tr("%1 is the active environment already").arg(selected)
            : tr("Connect the window to %1: the actions then apply to it").arg(selected));
    m_compare->setEnabled(m_environments->count() >= 2);
    m_compare->setToolTip(m_environments->count() >= 2
            ? tr("The revisions and schemas of two environments, and promote")
            : tr("Watch two environments to compare them"));
    const int index = m_environments->indexOf(selected);
    const bool checkable = index >= 0 && m_environments->at(index).known() &&
        m_environments->at(index).drift != Environment::Drift::Checking;
    m_drift->setEnabled(checkable);
    m_drift->setToolTip(checkable ? tr("Whether %1's schema is the one its revisions imply (replayed in a shadow; %1 "
                                       "is only read)")
                                        .arg(selected)
            : index < 0 ? tr("Select an environment first")
                        : tr("%1 is not read yet, or being checked").arg(selected));
    m_history->setEnabled(index >= 0);
    m_history->setToolTip(index < 0
            ? tr("Select an environment first")
            : tr("What ran on %1: who ran what, when, how it ended, with the SQL (only read)").arg(selected));
    m_refresh->setEnabled(!none);
}

} // namespace Retort
