#pragma once

#include "lintrule.h"

#include <QList>

namespace Retort {

// Every rule, in the order the reference lists them.
const QList<LintRule> &lintRules();
// The rule with `id`, or nullptr.
const LintRule *findLintRule(const QString &id);

} // namespace Retort
