#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Repository>
#include <QPalette>

namespace Retort {

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

KSyntaxHighlighting::Theme editorTheme(const QString &name, const QPalette &palette)
{
    if (!name.isEmpty()) {
        const KSyntaxHighlighting::Theme theme = syntaxRepository().theme(name);
        // An unknown name gives the default theme, not an invalid one.
        if (theme.isValid() && theme.name() == name)
            return theme;
    }
    return syntaxRepository().themeForPalette(palette);
}

} // namespace Retort
