#pragma once

#include "schemachange.h"
#include "schemamodel.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Retort {

// The model and changes as JSON for `retort-cli schema dump/diff --json`:
// names unquoted, lists in the model's (sorted) order, empty fields left out.
QJsonObject schemaModelToJson(const SchemaModel &model);
QJsonArray schemaChangesToJson(const QList<SchemaChange> &changes);

} // namespace Retort
