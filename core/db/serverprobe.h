#pragma once

#include "connectionsettings.h"
#include "util/result.h"

namespace Retort {

// Connects, asks the server what it is, and disconnects: the "Test
// connection" of the connection profiles. Blocking; run it off the GUI
// thread. The answer is the server's version string ("PostgreSQL 17.2 on
// ...", "SQLite 3.46.1").
Result<QString> probeServer(const ConnectionSettings &settings);

} // namespace Retort
