#include "planscript.h"

#include "report/alembictext.h"

namespace Retort {

PlanScript planScript(const RevisionGraph &graph, const Review &review)
{
    PlanScript result;
    // An Alembic revision's script is its Python file.
    const bool python = !graph.isEmpty() && graph.revision(0).format == RevisionFormat::Alembic;
    result.commentPrefix = python ? QStringLiteral("#") : QStringLiteral("--");
    const AlembicText text(graph);
    qsizetype size = 0;
    for (const ReviewStep &step : review.steps)
        size += step.script.size() + 120;
    result.text.reserve(size);
    result.headingLines.reserve(review.steps.size());
    int line = 0;
    for (qsizetype i = 0; i < review.steps.size(); ++i) {
        const ReviewStep &step = review.steps.at(i);
        const int index = step.step.revision;
        const bool known = index >= 0 && index < graph.size();
        const bool upgrade = step.step.direction == Direction::Upgrade;
        result.headingLines.append(line);
        // One line, whatever the message holds.
        QString message = known ? text.doc(index) : QString();
        message.replace(QLatin1Char('\n'), QLatin1Char(' '));
        result.text += QStringLiteral("%1 %2. %3 %4: %5\n")
                           .arg(result.commentPrefix)
                           .arg(i + 1)
                           .arg(upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade"),
                               known ? graph.revision(index).id : QString(), message);
        ++line;
        QString script = step.script;
        script.replace(QLatin1String("\r\n"), QLatin1String("\n"));
        if (script.trimmed().isEmpty())
            script = result.commentPrefix + QStringLiteral(" (nothing to run)");
        while (script.endsWith(QLatin1Char('\n')))
            script.chop(1);
        result.text += script;
        result.text += QLatin1String("\n\n");
        line += int(script.count(QLatin1Char('\n'))) + 2;
    }
    return result;
}

} // namespace Retort
