#pragma once

#include "graph/revisiongraph.h"
#include "review/databasereview.h"
#include "review/review.h"

#include <QStringList>

class QPalette;

namespace Retort {

// What a reviewed plan puts at risk, in words, for the review page and the
// run dialog alike: one summary line, and the warnings one by one.
namespace PlanSummary {

// Rich text: how many steps run where and from which revisions to which,
// then what is at risk (data lost, steps outside a transaction, edited
// applied scripts, revisions counted as applied without having run).
QString reviewText(const RevisionGraph &graph, const Review &review, ReviewMode mode, const QString &database);

// Rich text items, one per warning: the plan cannot run, each statement that
// can lose data (file and line), each step outside a transaction, several
// heads, edited applied revisions, a stamp's unrun or orphaned revisions.
QStringList warningItems(const RevisionGraph &graph, const Review &review, ReviewMode mode, const QPalette &palette);

// The items as a titled list, empty when there are none.
QString warningsText(const QStringList &items, const QPalette &palette);

// Rich text in a colour that reads on the palette (0 is red).
QString colored(const QString &html, int hue, const QPalette &palette);

} // namespace PlanSummary

} // namespace Retort
