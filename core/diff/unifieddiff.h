#pragma once

#include <QString>

namespace Retort {

// `diff -u` of two texts, with `context` unchanged lines around each change
// and hunk headers ("@@ -3,4 +3,5 @@"); empty when the texts are equal.
// Built on diffLines() (linediff.h).
QString unifiedDiff(const QString &before, const QString &after, const QString &beforeLabel, const QString &afterLabel,
    int context = 3);

} // namespace Retort
