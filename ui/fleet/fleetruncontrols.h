#pragma once

#include "fleet/fleetrunner.h"

#include <QWidget>

class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace Retort {

// How a fleet run goes: the target, how many databases at once, the
// canaries, and stop or continue after a failure.
class FleetRunControls : public QWidget
{
    Q_OBJECT
public:
    explicit FleetRunControls(QWidget *parent = nullptr);

    FleetRunOptions options() const;
    QString target() const;
    // At most every database as a canary.
    void setDatabaseCount(int count);

    QLineEdit *targetEdit() const { return m_target; }
    QSpinBox *parallelBox() const { return m_parallel; }
    QSpinBox *canaryBox() const { return m_canary; }
    QRadioButton *stopButton() const { return m_stopOnFailure; }
    QRadioButton *continueButton() const { return m_continue; }

signals:
    void targetChanged(); // as typed
    void targetEdited(); // done typing (Return, or the focus left)

private:
    QLineEdit *m_target;
    QSpinBox *m_parallel;
    QSpinBox *m_canary;
    QRadioButton *m_stopOnFailure;
    QRadioButton *m_continue;
};

} // namespace Retort
