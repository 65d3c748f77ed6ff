#pragma once

#include "db/historytable.h"
#include "util/result.h"

#include <QWidget>

class QLabel;
class QTreeView;

namespace Retort {

class HistoryModel;
class SqlEditor;

// What ran on the connected database, from retort_history: newest first,
// who ran what, when, how it ended and how long it took; the selected
// row's SQL (exactly what ran) and its error below.
class HistoryPage : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPage(QWidget *parent = nullptr);

    // Which database; empty when none is connected.
    void setDatabase(const QString &name, const QString &language);
    void showEntries(const Result<QList<HistoryEntry>> &entries);
    void showBusy();

    HistoryModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    SqlEditor *script() const { return m_script; }
    QString summary() const;

private:
    void showEntry(int row);

    HistoryModel *m_model;
    QLabel *m_summary;
    QTreeView *m_view;
    QLabel *m_error;
    SqlEditor *m_script;
    QString m_database;
};

} // namespace Retort
