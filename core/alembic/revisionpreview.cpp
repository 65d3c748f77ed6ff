#include "revisionpreview.h"

#include <QJsonArray>

namespace Retort {

Result<QString> previewAlembicRevision(const Project &project, const AlembicPython &python, const NewRevision &spec)
{
    // Alembic takes one --head (several only in a merge) and lists for the rest.
    QJsonObject request {
        { QStringLiteral("mode"), QStringLiteral("template") },
        { QStringLiteral("message"), spec.message },
        { QStringLiteral("head"), spec.heads.value(0, QStringLiteral("head")) },
        { QStringLiteral("splice"), spec.splice },
    };
    if (!spec.id.isEmpty())
        request.insert(QStringLiteral("rev_id"), spec.id);
    if (!spec.branchLabels.isEmpty())
        request.insert(QStringLiteral("branch_label"), QJsonArray::fromStringList(spec.branchLabels));
    if (!spec.dependsOn.isEmpty())
        request.insert(QStringLiteral("depends_on"), QJsonArray::fromStringList(spec.dependsOn));
    Result<QJsonObject> answer = runReviewHelper(project, python, request);
    if (!answer)
        return answer.error();
    if (!answer->contains(QStringLiteral("text")))
        return Error::at(alembicConfigFile(project), 0, answer->value(QStringLiteral("error")).toString());
    return answer->value(QStringLiteral("text")).toString();
}

} // namespace Retort
