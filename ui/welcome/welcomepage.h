#pragma once

#include <QWidget>

class QListView;
class QPushButton;
class QStringListModel;

namespace Retort {

// What the window shows before any project is open: the recent projects
// (double-click or Enter opens one), Open Project… and Open the Demo.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    // Reads the recent projects again.
    void refresh();
    QListView *recentView() const { return m_recent; }
    QPushButton *demoButton() const { return m_demo; }

signals:
    void openRequested(const QString &directory);
    void chooseRequested();
    void demoRequested();

private:
    QStringListModel *m_model;
    QListView *m_recent;
    QPushButton *m_open;
    QPushButton *m_demo;
};

} // namespace Retort
