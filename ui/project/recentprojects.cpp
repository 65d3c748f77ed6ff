#include "recentprojects.h"

#include <QSettings>

namespace Retort::RecentProjects {

namespace {

constexpr int kMaxRecentProjects = 10;
const char kKey[] = "projects/recent";

} // namespace

QStringList list()
{
    return QSettings().value(QLatin1String(kKey)).toStringList();
}

void remember(const QString &directory)
{
    QStringList recent = list();
    recent.removeAll(directory);
    recent.prepend(directory);
    while (recent.size() > kMaxRecentProjects)
        recent.removeLast();
    QSettings().setValue(QLatin1String(kKey), recent);
}

void forget(const QString &directory)
{
    QStringList recent = list();
    recent.removeAll(directory);
    QSettings().setValue(QLatin1String(kKey), recent);
}

} // namespace Retort::RecentProjects
