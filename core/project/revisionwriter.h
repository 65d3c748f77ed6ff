#pragma once

#include "project.h"
#include "util/result.h"

namespace Retort {

// What `create` and `merge` are asked for.
struct NewRevision {
    QString message;
    QStringList heads; // targets the new revision follows; empty: "head" (the one head)
    bool splice = false; // allow following a revision that is not a head (a new branch)
    QStringList branchLabels;
    QStringList dependsOn; // targets; kept as labels when given as labels, else full ids
    QString id; // empty: a fresh 12-hex id
    // Native projects: the sections' SQL (autogenerate); empty: left for
    // the author to write.
    QString upgradeSql;
    QString downgradeSql;
    bool transactional = true; // false: "-- transactional: false"
};

struct WrittenRevision {
    QString id;
    QString path;
    QString text;
};

// New native revision files, made as `alembic revision` and `alembic merge`
// make theirs (ScriptDirectory.generate_revision): the new revision follows
// "head" unless told otherwise, several heads need an explicit choice or a
// merge, a revision that is not a head needs --splice, depends_on keeps
// branch labels and completes id prefixes. The file comes from the template
// (core/resources/templates/revision.sql), named "<id>_<slug>.sql" as
// Alembic names them, checked by loading it into the graph before it is
// written, and never written over an existing file.
class RevisionWriter
{
public:
    static Result<WrittenRevision> create(const Project &project, const NewRevision &spec);
    // The text and file name, without writing anything.
    static Result<WrittenRevision> render(const Project &project, const NewRevision &spec);

    // 12 random hex digits, as Alembic's rev_id().
    static QString freshId();
    // Alembic's slug: the message's words joined by "_", lower case, cut
    // to 40 characters at a word boundary.
    static QString slug(const QString &message);
};

} // namespace Retort
