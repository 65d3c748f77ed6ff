#pragma once

#include <QStringList>

namespace Retort {

// The projects opened lately, newest first, kept in the settings; the File
// menu and the welcome page offer them.
namespace RecentProjects {

QStringList list();
void remember(const QString &directory);
void forget(const QString &directory);

} // namespace RecentProjects

} // namespace Retort
