#pragma once

#include <QFont>
#include <QObject>
#include <QPalette>

#include <optional>

namespace Retort {

// The look the user chose in the preferences, kept in QSettings: the
// colour scheme of the whole window (the system's, light or dark), the
// editor's highlighting theme (automatic: one that suits the palette) and
// the editor's font. Widgets listen to changed() and re-apply.
class Appearance : public QObject
{
    Q_OBJECT
public:
    enum class ColorScheme { System, Light, Dark };

    static Appearance &instance();

    ColorScheme colorScheme() const { return m_scheme; }
    void setColorScheme(ColorScheme scheme);
    // Empty: follow the palette.
    QString editorThemeName() const { return m_editorTheme; }
    void setEditorThemeName(const QString &name);
    QFont editorFont() const { return m_editorFont; }
    void setEditorFont(const QFont &font);

    // Reads the preferences and applies the colour scheme.
    void load();
    void save() const;

    // "light", "dark", "system" or the name of an editor theme, as
    // `retort --theme` takes it: a theme name also picks the light or dark
    // scheme that goes with it. Returns false for a name it does not know.
    bool applyThemeArgument(const QString &name);

    static QPalette lightPalette();
    static QPalette darkPalette();

signals:
    void changed();

private:
    Appearance();
    void applyColorScheme();

    ColorScheme m_scheme = ColorScheme::System;
    QString m_editorTheme;
    QFont m_editorFont;
    std::optional<QPalette> m_systemPalette; // as the platform gave it, for going back to "system"
    QString m_systemStyle;
};

} // namespace Retort
