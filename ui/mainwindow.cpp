#include "mainwindow.h"

#include "project/projectloader.h"
#include "revisionlistmodel.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTreeView>

namespace Retort {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Retort"));
    m_model = new RevisionListModel(this);
    m_view = new QTreeView(this);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(RevisionListModel::MessageColumn, QHeaderView::Stretch);
    setCentralWidget(m_view);

    m_projectLabel = new QLabel(this);
    m_databaseLabel = new QLabel(this);
    statusBar()->addWidget(m_projectLabel, 1);
    statusBar()->addPermanentWidget(m_databaseLabel);
    createActions();
    resize(1100, 680);
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open Project…"), this, &MainWindow::chooseProject);
    open->setShortcut(QKeySequence::Open);
    QAction *refresh = fileMenu->addAction(tr("&Refresh"), this, &MainWindow::reload);
    refresh->setShortcut(QKeySequence::Refresh);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
}

bool MainWindow::openProject(const QString &directory)
{
    Result<Project> project = ProjectLoader::load(directory);
    if (!project) {
        showError(project.error().toString());
        return false;
    }
    m_projectDirectory = project->directory;
    m_model->setGraph(project->graph);
    for (int column = 0; column < RevisionListModel::ColumnCount; ++column) {
        if (column != RevisionListModel::MessageColumn)
            m_view->resizeColumnToContents(column);
    }
    setWindowTitle(tr("%1 — Retort").arg(project->directory));
    m_projectLabel->setText(tr("%1: %n revision(s), %2 head(s)", nullptr, project->graph.size())
                                .arg(project->directory)
                                .arg(project->graph.heads().size()));
    return true;
}

void MainWindow::setDatabaseUrl(const QString &url)
{
    m_databaseUrl = url;
    m_databaseLabel->setText(url.isEmpty() ? tr("No database") : url);
}

void MainWindow::chooseProject()
{
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Open Migration Project"), m_projectDirectory);
    if (!directory.isEmpty())
        openProject(directory);
}

void MainWindow::reload()
{
    if (!m_projectDirectory.isEmpty())
        openProject(m_projectDirectory);
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message);
    if (isVisible())
        QMessageBox::warning(this, tr("Cannot open the project"), message);
}

} // namespace Retort
