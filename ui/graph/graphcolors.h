#pragma once

#include <QColor>

class QPalette;

namespace Retort {

// Colours for the graph and its badges, derived from the palette at paint
// time (never cached across palette changes): hues that read on the
// palette's base colour, lighter on dark themes and darker on light ones.
namespace GraphColors {

bool isDark(const QPalette &palette);
// A lane's colour; lanes cycle through a small set of distinct hues.
QColor lane(int column, const QPalette &palette);
// The colour of depends_on edges: quieter than any lane.
QColor dependency(const QPalette &palette);
// A hue (0-359) made readable on the palette's base: as a line or text
// (`strong`), or as a faint fill behind text.
QColor hue(int degrees, const QPalette &palette, bool strong);

inline constexpr int AppliedHue = 130;
inline constexpr int WarningHue = 30;
inline constexpr int LabelHue = 210;

} // namespace GraphColors

} // namespace Retort
