#pragma once

#include "lintfinding.h"

#include <QList>
#include <QString>

namespace Retort {

// "-- retort:ignore RULE-ID[, RULE-ID...]" in the comments before a
// statement silences those rules for that statement;
// "-- retort:ignore-file RULE-ID" anywhere outside a statement silences
// them for the whole script.
struct LintIgnore {
    QString rule;
    int line = 0; // of the comment
    int statement = -1; // the statement it applies to; -1: the whole file
    bool used = false;
};

// The ignores in `comments`, the text between two statements (or before the
// first, or after the last), which starts at `firstLine`. `statement` is
// the index of the statement that follows (-1 after the last).
QList<LintIgnore> findLintIgnores(const QString &comments, int firstLine, int statement);

// Drops the findings an ignore matches (marking it used); a finding's
// statement is its index in `statements`.
void applyLintIgnores(QList<LintFinding> &findings, const QList<int> &statements, QList<LintIgnore> &ignores);

} // namespace Retort
