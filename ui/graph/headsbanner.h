#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Retort {

// A bar above the graph when the project has several heads: it names them
// and offers the action that starts a merge. Hidden otherwise.
class HeadsBanner : public QFrame
{
    Q_OBJECT
public:
    explicit HeadsBanner(QWidget *parent = nullptr);

    // "id (label)" for each head; hides the banner for fewer than two.
    void setHeads(const QStringList &heads);
    QString text() const;

signals:
    void mergeRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QLabel *m_label;
    QPushButton *m_merge;
};

} // namespace Retort
