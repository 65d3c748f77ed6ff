#pragma once

#include <QLabel>

namespace Retort {

// Where a dialog says why it cannot do what was asked: wrapped, selectable
// (to copy a file name), in the palette's error colour, hidden while there
// is nothing to say.
class ErrorLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ErrorLabel(QWidget *parent = nullptr);

    void showError(const QString &text);
    void clearError() { hide(); }
    // Empty while hidden.
    QString errorText() const { return isHidden() ? QString() : text(); }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    bool m_applying = false;
};

} // namespace Retort
