#pragma once

#include <QObject>

namespace Retort {

class MainWindow;

// Finding one's way in the graph: go to a revision by id, go to the
// revision(s) the database is at, copy the selected id, open its file,
// and export the graph (whole or selected) as SVG or PNG. Connected to the
// window's actions, like BranchActions.
class NavigationActions : public QObject
{
    Q_OBJECT
public:
    explicit NavigationActions(MainWindow *window);

    // Asks for an id or a unique prefix and selects it.
    void goToRevision();
    // Selects the database's current revision; again, the next one when it is at several.
    bool goToCurrent();
    // Saves the graph to `path` (.svg or .png); an empty string, or why not.
    QString exportTo(const QString &path, bool selectionOnly) const;

private:
    void exportGraph(bool selectionOnly);
    void copySelectedId();
    void openSelectedFile();
    void updateActions();

    MainWindow *m_window;
    int m_nextCurrent = 0;
};

} // namespace Retort
