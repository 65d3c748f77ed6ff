#include "graphcolors.h"

#include <QPalette>

#include <array>

namespace Retort::GraphColors {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor hue(int degrees, const QPalette &palette, bool strong)
{
    const bool dark = isDark(palette);
    if (strong)
        return QColor::fromHsl(degrees, dark ? 150 : 170, dark ? 165 : 95);
    QColor base = palette.color(QPalette::Base);
    QColor tint = QColor::fromHsl(degrees, 160, dark ? 150 : 110);
    // A faint wash of the hue over the base colour.
    const qreal amount = dark ? 0.22 : 0.18;
    return QColor::fromRgbF(base.redF() + (tint.redF() - base.redF()) * amount,
        base.greenF() + (tint.greenF() - base.greenF()) * amount,
        base.blueF() + (tint.blueF() - base.blueF()) * amount);
}

QColor lane(int column, const QPalette &palette)
{
    // Ordered so that neighbouring lanes differ most.
    static constexpr std::array<int, 7> hues { 210, 25, 140, 280, 350, 185, 50 };
    return hue(hues.at(size_t(column) % hues.size()), palette, true);
}

QColor dependency(const QPalette &palette)
{
    QColor color = palette.color(QPalette::PlaceholderText);
    return color.isValid() ? color : palette.color(QPalette::Mid);
}

} // namespace Retort::GraphColors
