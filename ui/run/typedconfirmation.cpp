#include "typedconfirmation.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace Retort {

TypedConfirmation::TypedConfirmation(QWidget *parent)
    : QWidget(parent)
    , m_prompt(new QLabel(this))
    , m_edit(new QLineEdit(this))
{
    setObjectName(QStringLiteral("typedConfirmation"));
    m_prompt->setTextFormat(Qt::RichText);
    m_prompt->setWordWrap(true);
    m_prompt->setBuddy(m_edit);
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(200);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The prompt keeps most of the row, so that it wraps into few lines (a
    // line edit would otherwise take half of it).
    m_prompt->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_edit->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    layout->addWidget(m_prompt, 3);
    layout->addWidget(m_edit, 2);
    connect(m_edit, &QLineEdit::textChanged, this, &TypedConfirmation::changed);
}

void TypedConfirmation::setExpected(const QString &expected, const QString &prompt)
{
    m_expected = expected;
    m_prompt->setText(prompt);
    m_edit->setPlaceholderText(expected);
    m_edit->setAccessibleName(tr("Type %1 to confirm").arg(expected));
    emit changed();
}

bool TypedConfirmation::isConfirmed() const
{
    return !m_expected.isEmpty() && m_edit->text().trimmed() == m_expected;
}

void TypedConfirmation::lock()
{
    m_edit->setReadOnly(true);
}

QString TypedConfirmation::prompt() const
{
    return m_prompt->text();
}

} // namespace Retort
