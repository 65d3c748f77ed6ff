#pragma once

#include "connectionsettings.h"
#include "util/result.h"

#include <functional>

namespace Retort {

// Waits until the server accepts connections (the Docker entrypoint's
// "wait for the database, then migrate"): retries while the failure is one
// a starting server or network gives (refused, no such host yet, starting
// up, timed out), and gives up at once on one that waiting cannot cure
// (wrong password, no such database, pg_hba.conf). `waiting` is told the
// reason every few seconds. SQLite: nothing to wait
// for.
Result<void> waitForServer(
    const ConnectionSettings &settings, int seconds, const std::function<void(const QString &reason)> &waiting = {});

// Whether a connection error is one that waiting may cure.
bool isTransientConnectionError(const QString &message);

} // namespace Retort
