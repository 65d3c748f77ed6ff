#pragma once

#include <KSyntaxHighlighting/Theme>
#include <QString>

class QPalette;

namespace KSyntaxHighlighting {
class Repository;
}

namespace Retort {

// The one KSyntaxHighlighting repository of the application: loading the
// definitions and themes takes a while, so every editor shares it.
KSyntaxHighlighting::Repository &syntaxRepository();

// The editor theme: the one named in the preferences, or, when that is
// "automatic" (empty) or unknown, the one that suits the palette.
KSyntaxHighlighting::Theme editorTheme(const QString &name, const QPalette &palette);

} // namespace Retort
