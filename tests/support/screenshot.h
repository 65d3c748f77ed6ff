#pragma once

#include <QDir>
#include <QPixmap>
#include <QString>
#include <QWidget>

namespace Retort::Test {

// Saves `widget`'s picture as NAME.png in $RETORT_SCREENSHOT_DIR, for the
// README; does nothing when the variable is not set. Header-only, so that
// only widget tests link widgets. Returns false when saving failed.
inline bool saveScreenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("RETORT_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return true;
    QDir().mkpath(folder);
    return widget->grab().save(QDir(folder).filePath(name + QLatin1String(".png")));
}

} // namespace Retort::Test
