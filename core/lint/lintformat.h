#pragma once

#include "lintfinding.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Retort {

enum class LintFormat { Text, Json, GitHub, Sarif };

bool parseLintFormat(const QString &name, LintFormat &format);

// The findings in each output format: text for people ("file:line:col:
// severity [rule] message" and the lock, table size and data check),
// JSON, GitHub Actions workflow commands, and SARIF 2.1.0 for code scanning.
QString lintFindingsText(const QList<LintFinding> &findings);
QByteArray lintFindingsJson(const QList<LintFinding> &findings);
QString lintFindingsGitHub(const QList<LintFinding> &findings);
QByteArray lintFindingsSarif(const QList<LintFinding> &findings, const QString &toolVersion);

// One line of live facts, e.g. "orders: 1.2 GiB, ~10,000,000 rows; 3 rows
// have NULL in email", or empty.
QString lintLiveSummary(const LintFinding &finding);

// The rule reference, generated from the rule data: plain text for
// `retort-cli lint --rules` and HTML for the desktop's Help > Lint Rules.
QString lintRulesText();
QString lintRulesHtml();

} // namespace Retort
