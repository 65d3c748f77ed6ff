#include "preferencesdialog.h"

#include "appearance.h"
#include "editor/syntaxrepository.h"

#include <KSyntaxHighlighting/Repository>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Retort {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_scheme(new QComboBox(this))
    , m_theme(new QComboBox(this))
    , m_font(new QFontComboBox(this))
    , m_size(new QSpinBox(this))
{
    setWindowTitle(tr("Preferences"));
    const Appearance &appearance = Appearance::instance();
    m_scheme->addItem(tr("As the system"), int(Appearance::ColorScheme::System));
    m_scheme->addItem(tr("Light"), int(Appearance::ColorScheme::Light));
    m_scheme->addItem(tr("Dark"), int(Appearance::ColorScheme::Dark));
    m_scheme->setCurrentIndex(m_scheme->findData(int(appearance.colorScheme())));

    m_theme->addItem(tr("Automatic (follows the light or dark palette)"), QString());
    for (const KSyntaxHighlighting::Theme &theme : syntaxRepository().themes())
        m_theme->addItem(theme.translatedName(), theme.name());
    const int theme = m_theme->findData(appearance.editorThemeName());
    m_theme->setCurrentIndex(theme < 0 ? 0 : theme);

    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_font->setCurrentFont(appearance.editorFont());
    m_size->setRange(6, 48);
    m_size->setValue(appearance.editorFont().pointSize() > 0 ? appearance.editorFont().pointSize() : 10);
    auto *fontRow = new QHBoxLayout;
    fontRow->addWidget(m_font, 1);
    fontRow->addWidget(m_size);

    auto *form = new QFormLayout;
    form->addRow(tr("&Colours:"), m_scheme);
    form->addRow(tr("Editor &theme:"), m_theme);
    form->addRow(tr("Editor &font:"), fontRow);
    // A row that is a layout gets no buddy of itself: without one the label shows its "&".
    qobject_cast<QLabel *>(form->labelForField(fontRow))->setBuddy(m_font);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void PreferencesDialog::accept()
{
    Appearance &appearance = Appearance::instance();
    appearance.setColorScheme(Appearance::ColorScheme(m_scheme->currentData().toInt()));
    appearance.setEditorThemeName(m_theme->currentData().toString());
    QFont font = m_font->currentFont();
    font.setPointSize(m_size->value());
    appearance.setEditorFont(font);
    appearance.save();
    QDialog::accept();
}

} // namespace Retort
