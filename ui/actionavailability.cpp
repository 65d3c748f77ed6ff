#include "actionavailability.h"

#include "windowactions.h"

#include <QAction>
#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::WindowActions", text);
}

} // namespace

void setAvailable(QAction *action, const QString &whyNot)
{
    action->setEnabled(whyNot.isEmpty());
    // The status tip says what the command does; without one, its name.
    QString tip = action->statusTip();
    if (tip.isEmpty())
        tip = action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…"));
    action->setToolTip(whyNot.isEmpty() ? tip : whyNot);
}

void updateActionAvailability(WindowActions *actions, const WindowFacts &facts)
{
    const QString noProject = facts.hasProject ? QString() : tr("Open a project first (File ▸ Open Project…)");
    QString noSelection = noProject;
    if (noSelection.isEmpty() && facts.selected.isEmpty())
        noSelection = tr("Select a revision in the graph first");

    // Running anything needs a revision, a database and where it stands.
    QString cannotRun = noSelection;
    if (cannotRun.isEmpty() && !facts.brokenRevision.isEmpty())
        cannotRun = tr("Nothing runs while %1 is broken: re-attach it first").arg(facts.brokenRevision);
    if (cannotRun.isEmpty() && !facts.connected)
        cannotRun = tr("Connect to a database first (File ▸ Connect to Database…)");
    if (cannotRun.isEmpty() && !facts.stateKnown)
        cannotRun = tr("Reading where the database stands…");

    QString upgrade = cannotRun;
    QString downgrade = cannotRun;
    if (cannotRun.isEmpty()) {
        switch (facts.selectedState) {
        case RevisionState::Current:
            upgrade = tr("The database is at %1 already").arg(facts.selected);
            if (facts.currentRows <= 1)
                downgrade = upgrade;
            break;
        case RevisionState::Applied:
            upgrade = tr("%1 is applied already: downgrade to it, or upgrade to a later revision").arg(facts.selected);
            break;
        case RevisionState::Pending:
            downgrade = tr("%1 is not applied: there is nothing to downgrade to it").arg(facts.selected);
            break;
        case RevisionState::Unknown:
            break;
        }
    }
    setAvailable(actions->upgradeToHere, upgrade);
    setAvailable(actions->downgradeToHere, downgrade);
    setAvailable(actions->stampHere, cannotRun);
    for (QAction *action : { actions->editRevision, actions->openRevisionFile, actions->copyRevisionId })
        setAvailable(action, noSelection);
    setAvailable(actions->refresh, noProject);
    setAvailable(actions->findRevision, noProject);
    setAvailable(actions->showBackups, noProject);
    setAvailable(actions->openFleet, noProject);
    QString noDatabase = noProject;
    if (noDatabase.isEmpty() && !facts.connected)
        noDatabase = tr("Connect to a database first (File ▸ Connect to Database…)");
    setAvailable(actions->backUpNow, noDatabase);
    setAvailable(actions->checkDrift, noDatabase);
    QString cannotVerify = noProject;
    if (cannotVerify.isEmpty() && !facts.brokenRevision.isEmpty())
        cannotVerify = tr("Nothing replays while %1 is broken: re-attach it first").arg(facts.brokenRevision);
    setAvailable(actions->verifyMigrations, cannotVerify);
    setAvailable(actions->disconnectDatabase, facts.connected ? QString() : tr("Not connected"));
}

} // namespace Retort
