#include "fleetruncontrols.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>

namespace Retort {

namespace {

constexpr int kDefaultParallel = 4;
constexpr int kMostParallel = 64;

} // namespace

FleetRunControls::FleetRunControls(QWidget *parent)
    : QWidget(parent)
    , m_target(new QLineEdit(QStringLiteral("heads"), this))
    , m_parallel(new QSpinBox(this))
    , m_canary(new QSpinBox(this))
    , m_stopOnFailure(new QRadioButton(tr("&Stop on failure"), this))
    , m_continue(new QRadioButton(tr("C&ontinue after a failure"), this))
{
    m_target->setToolTip(tr("What every database is upgraded to: heads, a revision, branch@head…"));
    m_target->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('m')) * 16);
    m_parallel->setRange(1, kMostParallel);
    m_parallel->setValue(kDefaultParallel);
    m_parallel->setToolTip(tr("How many databases are migrated at once"));
    m_canary->setRange(0, 0);
    m_canary->setSpecialValueText(tr("none"));
    m_canary->setToolTip(tr("The first K databases run first; if one of them fails, no other starts"));
    m_stopOnFailure->setChecked(true);
    m_stopOnFailure->setToolTip(tr("Once a database failed, no further database starts (those running finish)"));
    m_continue->setToolTip(tr("The other databases go on after a failure"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const auto addLabelled = [&](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        layout->addWidget(label);
        layout->addWidget(field);
        layout->addSpacing(8);
    };
    addLabelled(tr("&Target:"), m_target);
    addLabelled(tr("&Parallel:"), m_parallel);
    addLabelled(tr("Ca&nary:"), m_canary);
    layout->addWidget(m_stopOnFailure);
    layout->addWidget(m_continue);
    layout->addStretch();

    connect(m_target, &QLineEdit::textChanged, this, &FleetRunControls::targetChanged);
    connect(m_target, &QLineEdit::editingFinished, this, &FleetRunControls::targetEdited);
}

QString FleetRunControls::target() const
{
    return m_target->text().trimmed();
}

FleetRunOptions FleetRunControls::options() const
{
    FleetRunOptions options;
    options.target = target();
    options.parallel = m_parallel->value();
    options.canary = m_canary->value();
    options.stopOnFailure = m_stopOnFailure->isChecked();
    // Recorded in each database's history, as the run dialog does.
    options.execution.toolVersion =
        QApplication::applicationName() + QLatin1Char(' ') + QApplication::applicationVersion();
    return options;
}

void FleetRunControls::setDatabaseCount(int count)
{
    m_canary->setMaximum(count);
}

} // namespace Retort
