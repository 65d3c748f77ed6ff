#pragma once

#include <QMainWindow>

class QLabel;
class QTreeView;

namespace Retort {

class RevisionListModel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Loads the project in `directory`; on failure the window says why and
    // keeps what it showed before. Returns whether it loaded.
    bool openProject(const QString &directory);
    void setDatabaseUrl(const QString &url);

    QTreeView *revisionView() const { return m_view; }
    RevisionListModel *revisionModel() const { return m_model; }

private:
    void createActions();
    void chooseProject();
    void reload();
    void showError(const QString &message);

    QTreeView *m_view = nullptr;
    RevisionListModel *m_model = nullptr;
    QLabel *m_projectLabel = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QString m_projectDirectory;
    QString m_databaseUrl;
};

} // namespace Retort
