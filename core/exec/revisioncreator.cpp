#include "revisioncreator.h"

#include "alembicrunner.h"
#include "project/projectloader.h"
#include "util/textfile.h"

#include <QFileInfo>

namespace Retort {

Result<WrittenRevision> generateWithAlembic(const Project &project, const NewRevision &spec, bool merge,
    const std::optional<AlembicProcess::Database> &autogenerateAgainst)
{
    QStringList arguments { merge ? QStringLiteral("merge") : QStringLiteral("revision"), QStringLiteral("-m"),
        spec.message };
    if (autogenerateAgainst)
        arguments.append(QStringLiteral("--autogenerate"));
    for (const QString &label : spec.branchLabels)
        arguments += { QStringLiteral("--branch-label"), label };
    if (!spec.id.isEmpty())
        arguments += { QStringLiteral("--rev-id"), spec.id };
    if (merge) {
        arguments += spec.heads;
    } else {
        for (const QString &head : spec.heads)
            arguments += { QStringLiteral("--head"), head };
        if (spec.splice)
            arguments.append(QStringLiteral("--splice"));
        for (const QString &dependency : spec.dependsOn)
            arguments += { QStringLiteral("--depends-on"), dependency };
    }
    Result<QString> path = AlembicRunner::generate(project, arguments, autogenerateAgainst);
    if (!path)
        return path.error();
    WrittenRevision written;
    written.path = *path;
    // The id is Alembic's choice: read it back from the file it wrote.
    Result<Project> reloaded =
        ProjectLoader::load(project.configFile.isEmpty() ? project.directory : project.configFile);
    for (const Revision &revision : reloaded ? reloaded->graph.revisions() : QList<Revision>()) {
        if (QFileInfo(revision.filePath()) == QFileInfo(written.path))
            written.id = revision.id;
    }
    if (Result<QString> text = readUtf8File(written.path))
        written.text = *text;
    return written;
}

Result<WrittenRevision> createRevisionFile(const Project &project, const NewRevision &spec, bool merge)
{
    if (project.kind == ProjectKind::Alembic)
        return generateWithAlembic(project, spec, merge);
    return RevisionWriter::create(project, spec);
}

} // namespace Retort
