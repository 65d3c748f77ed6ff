#pragma once

// For the README: when RETORT_SCREENSHOT_DIR is set, UI tests save what a
// widget shows there as NAME.png. Header-only, since the test support
// library links no widgets.
#include <QDir>
#include <QPixmap>
#include <QString>
#include <QWidget>

namespace Retort::Test {

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
