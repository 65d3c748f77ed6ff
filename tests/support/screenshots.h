#pragma once

#include <QDir>
#include <QPixmap>
#include <QWidget>

namespace Retort::Test {

// With RETORT_SCREENSHOT_DIR set, saves what `widget` shows as NAME.png
// there (for the README's pictures); otherwise does nothing. Returns false
// only when a picture was asked for and could not be written.
inline bool saveScreenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("RETORT_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return true;
    if (!QDir().mkpath(folder))
        return false;
    return widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png")));
}

} // namespace Retort::Test
