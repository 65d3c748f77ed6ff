#pragma once

#include <QString>
#include <QStringList>

namespace Retort {

enum class LintSeverity { Info, Warning, Error };

QString lintSeverityName(LintSeverity severity); // "info", "warning", "error"
bool parseLintSeverity(const QString &name, LintSeverity &severity);

// What a lint rule knows, as data: the CLI's --rules, SARIF's rule list and
// the desktop's Help > Lint Rules are all generated from these records.
// Texts are untranslated source strings (QT_TRANSLATE_NOOP in lintrules.cpp);
// LintRule::text() translates them.
struct LintRule {
    const char *id = ""; // stable, kebab-case: what -- retort:ignore names
    LintSeverity severity = LintSeverity::Warning;
    const char *topic = ""; // the group it is listed under
    const char *title = ""; // one line
    const char *lock = ""; // the lock the statement takes ("" when none is the point)
    const char *blocks = ""; // what waits while it is held
    const char *why = ""; // why it matters
    const char *safe = ""; // the safe way, with SQL
    const char *anchors = ""; // other tools with this rule: "squawk: x; strong_migrations: y"
    const char *squawk = ""; // the squawk rule(s) that flag the same statements, comma-separated

    static QString text(const char *source);
};

} // namespace Retort
