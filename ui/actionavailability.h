#pragma once

#include "graph/revisiongraphmodel.h"

#include <QString>

class QAction;

namespace Retort {

class WindowActions;

// What the window's commands depend on.
struct WindowFacts {
    bool hasProject = false;
    QString brokenRevision; // a revision whose parent is missing; nothing runs then
    QString selected; // the selected revision's id, empty when none
    RevisionState selectedState = RevisionState::Unknown;
    bool connected = false;
    bool stateKnown = false; // the database's version rows are read
    int currentRows = 0;
};

// Enables the commands that can apply and disables the others, each with a
// tooltip saying why: a greyed-out command that does not say why is a trap.
void updateActionAvailability(WindowActions *actions, const WindowFacts &facts);

// Enabled when `whyNot` is empty; the tooltip says why not, or what it does.
void setAvailable(QAction *action, const QString &whyNot);

} // namespace Retort
