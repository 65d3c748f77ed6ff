#pragma once

#include "shadow/driftcheck.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace Retort {

// A bar above the graph when the connected database's schema is not the
// one its version rows imply (drift), with the ways out: see the
// difference, and the revision this database looks like — exactly or
// nearest — with an offer to stamp it. Hidden when there is no drift.
class DriftBanner : public QFrame
{
    Q_OBJECT
public:
    explicit DriftBanner(QWidget *parent = nullptr);

    void setReport(const DriftReport &report);
    void clear();
    QString text() const;
    const DriftReport &report() const { return m_report; }
    QPushButton *stampButton() const { return m_stamp; }

signals:
    void differenceRequested();
    // Stamp the database at `rows`, the revision it looks like.
    void stampRequested(const QStringList &rows);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QLabel *m_label;
    QPushButton *m_show;
    QPushButton *m_stamp;
    DriftReport m_report;
};

} // namespace Retort
