#pragma once

#include <QIcon>

namespace Retort {

// Icons from the desktop's theme, with a bundled fallback: a few Breeze
// icons (resources/icons/fallback), light or dark after the palette.
namespace Icons {

// Makes the bundled set the fallback theme (again after a palette change).
void installFallback();
QIcon get(const char *name);

} // namespace Icons

} // namespace Retort
