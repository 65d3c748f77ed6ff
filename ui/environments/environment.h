#pragma once

#include "profiles/connectionprofile.h"

#include <QDateTime>
#include <QSet>
#include <QStringList>

namespace Retort {

// One database the window watches beside the active connection: a saved
// connection profile (dev, staging, production…) with its colour on the
// graph and where it stood when last read. Read in the background; never
// written to by watching it.
struct Environment {
    enum class Reach {
        Unread, // not read yet
        Reading, // a read is under way (the last state stays shown)
        Reachable, // read: rows, applied and pending are known
        Unreachable, // the last read failed: see error
        NeedsPassword, // its password is asked each time and was not given yet
    };

    ConnectionProfile profile;
    int hue = 0; // GraphColors::hue degrees: its colour on light and dark palettes alike
    Reach reach = Reach::Unread;
    QStringList rows; // its version rows, sorted; empty at base
    QSet<int> applied; // graph indexes applied there
    int pending = -1; // an upgrade to heads would run this many; -1 when unknown
    QString error; // Unreachable: why; Reachable: why pending is unknown, if it is
    QDateTime readAt; // when rows and applied were last read
    // Whether its schema is the one its revisions imply, when checked
    // (Check Drift: replayed in the shadow, the environment only read).
    enum class Drift { Unchecked, Checking, None, Drifted, Failed };
    Drift drift = Drift::Unchecked;
    QString driftDetail; // Drifted: the differing lines; Failed: why

    QString name() const { return profile.name; }
    bool known() const { return readAt.isValid(); }
};

} // namespace Retort
