#pragma once

#include <QString>

namespace Retort {

class RevisionGraphView;

// Saves the graph (all of it, or the rows from the first to the last
// selected) as SVG (QSvgGenerator: text stays text, lanes stay lines) or
// PNG (at the screen's device pixel ratio), chosen by the file's suffix.
// Returns an empty string, or why it failed.
QString exportGraph(const RevisionGraphView *view, const QString &path, bool selectionOnly);

} // namespace Retort
