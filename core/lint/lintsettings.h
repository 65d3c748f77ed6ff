#pragma once

#include "lintrule.h"
#include "util/inifile.h"
#include "util/result.h"

#include <QHash>
#include <QStringList>

namespace Retort {

// [retort.lint] in retort.ini:
//   disabled = char-column, prefer-jsonb
//   severity = drop-column:error, rename-column:info
//   pg_version = 16
// Unknown keys, rule ids and severities are errors naming the line.
struct LintSettings {
    QStringList disabled;
    QHash<QString, LintSeverity> severities;
    int pgVersion = 0; // 0: the connection's, else the newest the parser knows

    static Result<LintSettings> fromIni(const IniFile &ini);
    bool operator==(const LintSettings &) const = default;
};

// The newest PostgreSQL the parser knows (libpg_query's grammar).
constexpr int kLintDefaultPgVersion = 17;

} // namespace Retort
