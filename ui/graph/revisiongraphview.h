#pragma once

#include <QTreeView>

class QPainter;

namespace Retort {

class LaneDelegate;
class BadgeDelegate;

// The graph as a list of rows with columns: virtualised rows (uniform
// height), keyboard navigation, tooltips from the model. The current row is
// the revision shown in the details; Ctrl- and Shift-click select several
// (heads to merge).
// Works on a RevisionFilterProxy over a RevisionGraphModel.
class RevisionGraphView : public QTreeView
{
    Q_OBJECT
public:
    explicit RevisionGraphView(QWidget *parent = nullptr);

    // The selected revision's id, or empty.
    QString currentRevisionId() const;
    // The selected revisions' ids, top to bottom (the current one among them).
    QStringList selectedRevisionIds() const;
    // Selects and shows a revision; false when it is not shown (unknown
    // or filtered out).
    bool selectRevision(const QString &id);

    // What is in view, to restore after the model is reset: the selected
    // revision and the revision at the top of the viewport.
    struct Position {
        QString selected;
        QString top;
        int topOffset = 0;
    };
    Position position() const;
    void restorePosition(const Position &position);

    // Sizes the graph column for the widest row of lanes.
    void fitGraphColumn();
    // Sizes the id, labels, date and state columns for what they hold;
    // `onlyWiden` keeps columns the user made wider.
    void fitTextColumns(bool onlyWiden = false);

    void setModel(QAbstractItemModel *model) override;

    // For export: the rows to draw (all of them, or from the first to the
    // last selected one, so that lanes stay whole), and a picture of them
    // with the column titles, as the view shows them but unselected, at
    // the view's column widths, on the palette's base colour.
    QList<int> exportRows(bool selectionOnly) const;
    QSize exportSize(const QList<int> &rows) const;
    void renderRows(QPainter *painter, const QList<int> &rows) const;

signals:
    void currentRevisionChanged(const QString &id);
    void revisionContextMenuRequested(const QString &id, const QPoint &globalPosition);
    void revisionActivated(const QString &id);
    void selectedRevisionsChanged();

protected:
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;
    void selectionChanged(const QItemSelection &selected, const QItemSelection &deselected) override;

private:
    void fitColumn(int column, bool onlyWiden);

    LaneDelegate *m_laneDelegate;
    BadgeDelegate *m_badgeDelegate;
};

} // namespace Retort
