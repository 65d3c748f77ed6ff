#pragma once

#include <QString>

namespace Retort {

// `name` in Retort's folder of the platform's cache folder
// (~/.cache/retort/name). Generic, not the application's own: retort-cli
// and the window share what is cached there.
QString sharedCacheFolder(const QString &name);

} // namespace Retort
