#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace Retort {

// The text of core/resources/sql/NAME.sql, where the SQL that Retort runs for
// itself lives (one file per purpose, so it can be read and reviewed as SQL).
// Placeholders of the form {name} are replaced from `substitutions`; use them
// only for identifiers that were validated or quoted by the caller, never for
// values (bind those).
QString sqlResource(const QString &name, const QList<std::pair<QString, QString>> &substitutions = {});

} // namespace Retort
