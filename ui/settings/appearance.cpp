#include "appearance.h"

#include "editor/syntaxrepository.h"

#include <KSyntaxHighlighting/Repository>
#include <QApplication>
#include <QFontDatabase>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace Retort {

namespace {

QPalette makePalette(QColor window, QColor base, QColor alternate, QColor text, QColor button, QColor highlight,
    QColor highlightedText, QColor link, QColor placeholder, QColor disabledText)
{
    QPalette palette(button, window);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, alternate);
    palette.setColor(QPalette::ToolTipBase, button);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, button);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, highlightedText);
    palette.setColor(QPalette::Link, link);
    palette.setColor(QPalette::LinkVisited, link);
    palette.setColor(QPalette::PlaceholderText, placeholder);
    for (QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        palette.setColor(QPalette::Disabled, role, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, palette.color(QPalette::Mid));
    return palette;
}

} // namespace

Appearance &Appearance::instance()
{
    static Appearance appearance;
    return appearance;
}

Appearance::Appearance()
    : m_editorFont(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{ }

// The Breeze colours, which read well and are familiar on Linux desktops.
QPalette Appearance::lightPalette()
{
    return makePalette(QColor(0xef, 0xf0, 0xf1), Qt::white, QColor(0xf7, 0xf7, 0xf7), QColor(0x23, 0x26, 0x29),
        QColor(0xfc, 0xfc, 0xfc), QColor(0x3d, 0xae, 0xe9), Qt::white, QColor(0x29, 0x80, 0xb9),
        QColor(0x70, 0x7d, 0x8a), QColor(0xa0, 0xa4, 0xa8));
}

QPalette Appearance::darkPalette()
{
    return makePalette(QColor(0x2a, 0x2e, 0x32), QColor(0x1b, 0x1e, 0x20), QColor(0x23, 0x26, 0x29),
        QColor(0xfc, 0xfc, 0xfc), QColor(0x31, 0x36, 0x3b), QColor(0x3d, 0xae, 0xe9), QColor(0xfc, 0xfc, 0xfc),
        QColor(0x1d, 0x99, 0xf3), QColor(0xa1, 0xa9, 0xb1), QColor(0x6e, 0x71, 0x75));
}

void Appearance::setColorScheme(ColorScheme scheme)
{
    if (scheme == m_scheme)
        return;
    m_scheme = scheme;
    applyColorScheme();
    emit changed();
}

void Appearance::setEditorThemeName(const QString &name)
{
    if (name == m_editorTheme)
        return;
    m_editorTheme = name;
    emit changed();
}

void Appearance::setEditorFont(const QFont &font)
{
    if (font == m_editorFont)
        return;
    m_editorFont = font;
    emit changed();
}

void Appearance::applyColorScheme()
{
    if (!qApp)
        return;
    if (!m_systemPalette) {
        m_systemPalette = QApplication::palette();
        m_systemStyle = QApplication::style()->name();
    }
    // Fusion draws with the palette alone, so a light or dark palette
    // looks the same on every platform.
    switch (m_scheme) {
    case ColorScheme::System:
        QApplication::setStyle(QStyleFactory::create(m_systemStyle));
        QApplication::setPalette(*m_systemPalette);
        break;
    case ColorScheme::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(lightPalette());
        break;
    case ColorScheme::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        break;
    }
}

void Appearance::load()
{
    QSettings settings;
    const QString scheme = settings.value(QStringLiteral("appearance/colorScheme")).toString();
    m_scheme = scheme == QLatin1String("light") ? ColorScheme::Light
        : scheme == QLatin1String("dark")       ? ColorScheme::Dark
                                                : ColorScheme::System;
    m_editorTheme = settings.value(QStringLiteral("editor/theme")).toString();
    QFont font;
    if (font.fromString(settings.value(QStringLiteral("editor/font")).toString()))
        m_editorFont = font;
    if (m_scheme != ColorScheme::System)
        applyColorScheme();
    emit changed();
}

void Appearance::save() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("appearance/colorScheme"),
        m_scheme == ColorScheme::Light      ? QStringLiteral("light")
            : m_scheme == ColorScheme::Dark ? QStringLiteral("dark")
                                            : QStringLiteral("system"));
    settings.setValue(QStringLiteral("editor/theme"), m_editorTheme);
    settings.setValue(QStringLiteral("editor/font"), m_editorFont.toString());
}

bool Appearance::applyThemeArgument(const QString &name)
{
    if (name.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0) {
        setColorScheme(ColorScheme::Light);
        setEditorThemeName({});
        return true;
    }
    if (name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0) {
        setColorScheme(ColorScheme::Dark);
        setEditorThemeName({});
        return true;
    }
    if (name.compare(QLatin1String("system"), Qt::CaseInsensitive) == 0) {
        setColorScheme(ColorScheme::System);
        setEditorThemeName({});
        return true;
    }
    for (const KSyntaxHighlighting::Theme &theme : syntaxRepository().themes()) {
        if (theme.name().compare(name, Qt::CaseInsensitive) != 0)
            continue;
        const QColor background = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor));
        setColorScheme(background.lightness() < 128 ? ColorScheme::Dark : ColorScheme::Light);
        setEditorThemeName(theme.name());
        return true;
    }
    return false;
}

} // namespace Retort
