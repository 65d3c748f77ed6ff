#pragma once

#include <QString>

namespace Retort {

// The demo project shipped inside the application (the repository's
// migrations/ folder), copied on first use to the user's data folder where
// it can be edited, with a SQLite database beside it.
namespace DemoProject {

// The folder, copied there if it is not yet; empty with `error` set when
// it cannot be written.
QString install(QString *error);
// The SQLite file the demo connects to.
QString databaseFile();

} // namespace DemoProject

} // namespace Retort
