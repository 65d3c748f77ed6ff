#pragma once

#include "alembic/reviewhelper.h"
#include "project/project.h"
#include "review.h"
#include "util/result.h"

#include <QSqlDatabase>

#include <optional>

namespace Retort {

// Where a database stands for a project.
struct DatabaseStatus {
    QStringList versionRows; // sorted, as the version table holds them
    QList<int> applied; // graph indexes: the rows' revisions and everything they stand on, in index order
    int pending = -1; // steps an upgrade to "heads" would run; -1 when that plan is refused
    QString pendingError; // why it is refused (e.g. a row naming no revision of the project)
};

enum class ReviewMode { Upgrade, Downgrade, Stamp };

// Reading a database for the desktop's status bar and review view. Every
// call runs on `database` in the calling thread (a worker thread in the
// GUI), and only reads.
class DatabaseReview
{
public:
    DatabaseReview(const Project &project, QSqlDatabase database, Dialect dialect);

    Result<DatabaseStatus> status() const;
    // The plan from the database's version rows to `target`, each step with
    // the script the executor would run and what it risks, and the applied
    // revisions edited since they ran.
    Result<Review> review(ReviewMode mode, const QString &target) const;

    // The Python that renders an Alembic project's offline SQL for the
    // review; by default python3 on PATH, given the reviewed database's URL.
    void setAlembicPython(const AlembicPython &python) { m_python = python; }

private:
    Result<QStringList> versionRows() const;
    QList<int> appliedRevisions(const QStringList &rows) const;
    // Lint findings for each upgrade step, with the live checks.
    void lintSteps(Review &review) const;
    std::optional<AlembicPython> alembicPython() const;

    const Project &m_project;
    QSqlDatabase m_database;
    Dialect m_dialect;
    std::optional<AlembicPython> m_python;
};

} // namespace Retort
