#include "englishplurals.h"

namespace Retort {

QString EnglishPlurals::translate(const char *, const char *sourceText, const char *, int n) const
{
    // Null: "no translation here", and Qt falls back to the source text.
    if (n < 0 || !sourceText)
        return {};
    QString text = QString::fromUtf8(sourceText);
    if (!text.contains(QLatin1String("(s)")))
        return {};
    text.replace(QLatin1String("(s)"), n == 1 ? QString() : QStringLiteral("s"));
    return text;
}

} // namespace Retort
