#pragma once

#include <QDialog>

class QComboBox;
class QFontComboBox;
class QSpinBox;

namespace Retort {

// The preferences: the window's colour scheme, the editor's highlighting
// theme (by default one that follows the light or dark palette) and its
// font. Applied and saved on OK.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    void accept() override;

private:
    QComboBox *m_scheme;
    QComboBox *m_theme;
    QFontComboBox *m_font;
    QSpinBox *m_size;
};

} // namespace Retort
