#pragma once

#include "exec/executor.h"
#include "project/project.h"
#include "shadow/shadowdatabase.h"

#include <QObject>

#include <atomic>

namespace Retort {

class ShadowSession;

// What verifying one revision found.
struct RevisionCheck {
    enum class Outcome {
        Ok, // the downgrade restored the schema, and the upgrade ran again to the same schema
        NotRestored, // the downgrade ran but left a different schema (see diff)
        UpgradeFails, // the upgrade failed on a fresh database (see error)
        DowngradeFails, // the downgrade failed (see error)
        UpgradeAgainDiffers, // upgrading again failed or gave another schema
        NoDowngrade, // the revision has no downgrade section; nothing to check
        NotRun, // an earlier revision failed to upgrade, so this one could not run
    };
    int revision = -1; // graph index
    Outcome outcome = Outcome::NotRun;
    QString diff; // unified diff of the schema before the upgrade against after the downgrade
    Error error; // for the failures: message, file, line

    bool ok() const { return outcome == Outcome::Ok || outcome == Outcome::NoDowngrade; }
};

QString revisionCheckName(RevisionCheck::Outcome outcome); // "ok", "not-restored", ...

struct VerifyReport {
    QList<RevisionCheck> checks; // in upgrade order
    QStringList warnings;
    QString shadowDescription;

    bool ok() const
    {
        return std::all_of(checks.cbegin(), checks.cend(), [](const RevisionCheck &c) { return c.ok(); });
    }
};

// Proves that each downgrade undoes its upgrade: in a shadow database, for
// each revision in upgrade order, upgrade, read the schema, downgrade,
// compare with the schema before the upgrade, and upgrade again. Runs
// through the same runners as a real run (ShadowSession). Blocking; run it
// in a worker thread from the GUI.
class MigrationVerifier : public QObject
{
    Q_OBJECT
public:
    MigrationVerifier(const Project &project, ShadowOptions options, QObject *parent = nullptr);
    ~MigrationVerifier() override;

    // `range`: "A:B" verifies the revisions after A up to B; "B" or ":B"
    // those up to B; empty: every revision up to the heads. An unknown
    // revision is an error (bad input).
    Result<VerifyReport> verify(const QString &range);
    void cancel();

signals:
    void progress(int done, int total, const QString &revision);

private:
    Result<QList<PlanStep>> stepsOf(const QString &range, int *firstChecked) const;

    const Project &m_project;
    ShadowOptions m_options;
    std::atomic<bool> m_cancelled { false };
    std::atomic<ShadowSession *> m_session { nullptr };
};

} // namespace Retort
