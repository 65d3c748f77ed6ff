#include "icons.h"

#include "graph/graphcolors.h"

#include <QApplication>
#include <QPalette>

namespace Retort::Icons {

void installFallback()
{
    const QString path = QStringLiteral(":/retort/icon-themes");
    QStringList paths = QIcon::themeSearchPaths();
    if (!paths.contains(path)) {
        paths.append(path);
        QIcon::setThemeSearchPaths(paths);
    }
    const bool dark = GraphColors::isDark(QApplication::palette());
    QIcon::setFallbackThemeName(dark ? QStringLiteral("retort-breeze-dark") : QStringLiteral("retort-breeze"));
    // Without a desktop theme (offscreen, a bare window manager) the
    // fallback is all there is: make it the theme, so its dark set is used.
    if (QIcon::themeName().isEmpty() || QIcon::themeName() == QLatin1String("hicolor") ||
        QIcon::themeName().startsWith(QLatin1String("retort-")))
        QIcon::setThemeName(QIcon::fallbackThemeName());
}

QIcon get(const char *name)
{
    return QIcon::fromTheme(QLatin1String(name));
}

} // namespace Retort::Icons
