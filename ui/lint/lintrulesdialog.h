#pragma once

#include <QDialog>

class QTextBrowser;

namespace Retort {

// Help > Lint Rules: the rule reference, generated from the same rule data
// as `retort-cli lint --rules`.
class LintRulesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LintRulesDialog(QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace Retort
