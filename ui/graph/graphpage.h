#pragma once

#include <QWidget>

class QLineEdit;
class QSplitter;

namespace Retort {

class HeadsBanner;
class RevisionDetails;
class RevisionFilterProxy;
class RevisionGraphModel;
class RevisionGraphView;

// The graph view: the several-heads banner, the filter, the graph, and the
// selected revision's details beside it.
class GraphPage : public QWidget
{
    Q_OBJECT
public:
    GraphPage(RevisionGraphModel *model, QWidget *parent = nullptr);

    RevisionGraphView *view() const { return m_view; }
    RevisionFilterProxy *proxy() const { return m_proxy; }
    RevisionDetails *details() const { return m_details; }
    HeadsBanner *banner() const { return m_banner; }
    QLineEdit *filter() const { return m_filter; }
    QSplitter *splitter() const { return m_splitter; }

    void focusFilter();
    // Reading what each revision touches, for a "table:" filter.
    bool isBusy() const { return m_indexing; }

signals:
    void busyChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter(const QString &text);
    void buildTouchIndex();

    RevisionGraphModel *m_model;
    RevisionFilterProxy *m_proxy;
    HeadsBanner *m_banner;
    QLineEdit *m_filter;
    RevisionGraphView *m_view;
    RevisionDetails *m_details;
    QSplitter *m_splitter;
    bool m_indexing = false;
};

} // namespace Retort
