#pragma once

#include "graph/revisiongraph.h"
#include "review.h"

#include <QList>
#include <QString>

namespace Retort {

// Every step of a reviewed plan as one text to read top to bottom: a
// comment line heading each step ("-- 3. upgrade ae1027a6acf2: Add email")
// followed by the script it runs. The line of each heading is kept so a
// view can fold each step and jump to it. Linear in the size of the scripts.
struct PlanScript {
    QString text;
    QList<int> headingLines; // 0-based, one per step, in order
    QString commentPrefix; // "--" for SQL, "#" for Python (Alembic)
};

PlanScript planScript(const RevisionGraph &graph, const Review &review);

} // namespace Retort
