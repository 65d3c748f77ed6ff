#pragma once

#include <QWidget>

class QLabel;
class QMenu;
class QTableView;
class QToolButton;

namespace Retort {

class EnvironmentModel;
class EnvironmentSet;

// The environments dock: every watched environment's colour, position,
// pending count and reachability, with the commands on them (add a saved
// profile, remove, make active, compare, read again).
class EnvironmentsPanel : public QWidget
{
    Q_OBJECT
public:
    EnvironmentsPanel(EnvironmentSet *environments, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    // The selected environment's name, empty when none.
    QString selectedName() const;

signals:
    void activateRequested(const QString &name);
    void compareRequested(const QString &name);
    void driftCheckRequested(const QString &name);
    void historyRequested(const QString &name);
    void profilesRequested();

private:
    void fillAddMenu();
    void updateButtons();

    EnvironmentSet *m_environments;
    EnvironmentModel *m_model;
    QTableView *m_view;
    QLabel *m_empty;
    QMenu *m_addMenu;
    QToolButton *m_add;
    QToolButton *m_remove;
    QToolButton *m_activate;
    QToolButton *m_compare;
    QToolButton *m_drift;
    QToolButton *m_history;
    QToolButton *m_refresh;
};

} // namespace Retort
