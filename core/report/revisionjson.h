#pragma once

#include "graph/revisiongraph.h"

#include <QJsonObject>

namespace Retort {

// The JSON shape of one revision in every `--json` output. Documented in
// README.md ("JSON output"); keys are only ever added, never renamed.
QJsonObject revisionToJson(const RevisionGraph &graph, int index);

} // namespace Retort
