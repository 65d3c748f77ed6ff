#pragma once

#include <QByteArray>

namespace Retort::Fuzz {

// Feeds one input to every parser of revision files and configuration:
// the native revision parser, the Alembic (Python) revision reader, the
// INI reader, and PostgreSQL's parser (statement splitting and lint), as bytes (UTF-8 or not). Any input must give a
// value or an error — never a crash, a hang or an error without a place. Returns whether the input was UTF-8 text
// (which the parsers then read).
bool parseEverything(const QByteArray &input);

// Feeds one input, as SQL, to the statement splitter of each dialect and to
// what reads the statements (risks, touched tables, transaction rules).
// Statements must lie within the text, in order. Returns whether the input
// was UTF-8 text.
bool splitEverything(const QByteArray &input);

} // namespace Retort::Fuzz
