#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace Retort {

// The typed confirmation asked before a run on production: a prompt, and a
// field where a name (the database's, or the fleet's) must be typed exactly.
// The run dialog and the fleet's confirmation both use it, so that both
// compare what is typed the same way.
class TypedConfirmation : public QWidget
{
    Q_OBJECT
public:
    explicit TypedConfirmation(QWidget *parent = nullptr);

    // `prompt` is rich text that ends by asking for `expected`.
    void setExpected(const QString &expected, const QString &prompt);
    QString expected() const { return m_expected; }
    // What is typed is the expected name (surrounding spaces aside).
    bool isConfirmed() const;
    // Once the run starts, what was typed stays as it was.
    void lock();

    QLineEdit *edit() const { return m_edit; }
    QString prompt() const;

signals:
    void changed();

private:
    QString m_expected;
    QLabel *m_prompt;
    QLineEdit *m_edit;
};

} // namespace Retort
