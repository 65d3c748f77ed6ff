#include "welcomepage.h"

#include "project/recentprojects.h"

#include <QApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace Retort {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
    , m_model(new QStringListModel(this))
    , m_recent(new QListView(this))
    , m_open(new QPushButton(tr("&Open Project…"), this))
    , m_demo(new QPushButton(tr("Open the &Demo"), this))
{
    setObjectName(QStringLiteral("welcomePage"));
    auto *title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(tr("Welcome to Retort")), this);
    auto *intro = new QLabel(tr("Review and run database migrations for PostgreSQL and SQLite: native SQL projects "
                                "and Alembic projects alike. Open a project folder, or try the demo — a realistic "
                                "schema in 16 revisions, with a SQLite database of its own."),
        this);
    intro->setWordWrap(true);
    auto *recentLabel = new QLabel(tr("&Recent projects:"), this);
    recentLabel->setBuddy(m_recent);
    m_recent->setModel(m_model);
    m_recent->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_recent->setAccessibleName(tr("Recent projects"));
    m_recent->setUniformItemSizes(true);
    m_open->setIcon(QIcon::fromTheme(QStringLiteral("document-open")));
    m_demo->setIcon(QIcon::fromTheme(QStringLiteral("help-contents")));
    m_demo->setToolTip(tr("Copy the demo project into your data folder and open it with a SQLite database"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_demo);
    buttons->addStretch();

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(intro);
    column->addSpacing(12);
    column->addLayout(buttons);
    column->addSpacing(12);
    column->addWidget(recentLabel);
    column->addWidget(m_recent, 1);

    // A readable column in the middle of a wide window.
    auto *layout = new QHBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(column, 3);
    layout->addStretch(1);

    connect(m_open, &QPushButton::clicked, this, &WelcomePage::chooseRequested);
    connect(m_demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    connect(m_recent, &QListView::activated, this,
        [this](const QModelIndex &index) { emit openRequested(QDir::fromNativeSeparators(index.data().toString())); });
    refresh();
}

void WelcomePage::refresh()
{
    QStringList shown;
    for (const QString &directory : RecentProjects::list())
        shown.append(QDir::toNativeSeparators(directory));
    m_model->setStringList(shown);
    if (shown.isEmpty())
        m_model->setStringList({});
    m_recent->setEnabled(!shown.isEmpty());
    m_recent->setToolTip(shown.isEmpty() ? tr("No project opened yet") : tr("Double-click or press Enter to open"));
}

} // namespace Retort
