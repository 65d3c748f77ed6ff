#include "modelcheck.h"

namespace Retort {

ModelCheck checkModels(const Project &project, const AlembicPython &python)
{
    ModelCheck check;
    Result<QJsonObject> answer =
        runReviewHelper(project, python, { { QStringLiteral("mode"), QStringLiteral("check") } });
    if (!answer) {
        check.detail = answer.error().message;
        return check;
    }
    const QString outcome = answer->value(QStringLiteral("outcome")).toString();
    check.outcome = outcome == QLatin1String("clean") ? ModelCheck::Outcome::Clean
        : outcome == QLatin1String("drift")           ? ModelCheck::Outcome::Drift
                                                      : ModelCheck::Outcome::Skipped;
    check.detail = answer->value(outcome == QLatin1String("drift") ? QStringLiteral("detail") : QStringLiteral("error"))
                       .toString();
    return check;
}

} // namespace Retort
