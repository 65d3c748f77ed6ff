#include "revisionjson.h"

#include <QJsonArray>

namespace Retort {

QJsonObject revisionToJson(const RevisionGraph &graph, int index)
{
    const Revision &revision = graph.revision(index);
    QJsonObject object;
    object.insert(QStringLiteral("revision"), revision.id);
    object.insert(QStringLiteral("down_revisions"), QJsonArray::fromStringList(revision.downRevisions));
    object.insert(QStringLiteral("branch_labels"), QJsonArray::fromStringList(revision.branchLabels));
    object.insert(QStringLiteral("branch_names"), QJsonArray::fromStringList(graph.branchNames(index)));
    object.insert(QStringLiteral("depends_on"), QJsonArray::fromStringList(revision.dependsOn));
    object.insert(QStringLiteral("message"), revision.message);
    object.insert(QStringLiteral("create_date"),
        revision.createDate.isValid() ? QJsonValue(revision.createDate.toString(Qt::ISODate)) : QJsonValue());
    object.insert(QStringLiteral("path"), revision.filePath());
    object.insert(QStringLiteral("is_head"), graph.isHead(index));
    object.insert(QStringLiteral("is_effective_head"), graph.isEffectiveHead(index));
    object.insert(QStringLiteral("is_base"), graph.isBase(index));
    object.insert(QStringLiteral("is_branch_point"), graph.isBranchPoint(index));
    object.insert(QStringLiteral("is_merge_point"), graph.isMergePoint(index));
    object.insert(QStringLiteral("transactional"), revision.transactional);
    object.insert(QStringLiteral("format"),
        revision.format == RevisionFormat::Alembic ? QStringLiteral("alembic") : QStringLiteral("native"));
    return object;
}

} // namespace Retort
