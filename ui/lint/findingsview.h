#pragma once

#include "lint/lintfinding.h"

#include <QWidget>

class QLabel;
class QTreeView;

namespace Retort {

class LintFindingModel;

// The lint findings of a step (or of a whole plan): a title with the
// counts, then one row per finding. Activating a row asks to show its line.
class FindingsView : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsView(QWidget *parent = nullptr);

    void setFindings(const QList<LintFinding> &findings);
    LintFindingModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QString title() const;

signals:
    void lineActivated(const QString &file, int line);

private:
    QLabel *m_title;
    QTreeView *m_view;
    LintFindingModel *m_model;
};

} // namespace Retort
