#include "lintsuppression.h"

#include <QRegularExpression>

namespace Retort {

QList<LintIgnore> findLintIgnores(const QString &comments, int firstLine, int statement)
{
    static const QRegularExpression pattern(
        QStringLiteral("retort:ignore(-file)?[ \\t]+([A-Za-z0-9_-]+(?:[ \\t]*,[ \\t]*[A-Za-z0-9_-]+)*)"));
    QList<LintIgnore> ignores;
    if (!comments.contains(QLatin1String("retort:ignore")))
        return ignores;
    for (auto it = pattern.globalMatch(comments); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const int line = firstLine + int(QStringView(comments).left(match.capturedStart()).count(QLatin1Char('\n')));
        const bool wholeFile = !match.captured(1).isEmpty();
        for (const QString &rule : match.captured(2).split(QLatin1Char(','))) {
            LintIgnore ignore;
            ignore.rule = rule.trimmed();
            ignore.line = line;
            ignore.statement = wholeFile ? -1 : statement;
            if (wholeFile || statement >= 0)
                ignores.append(ignore);
        }
    }
    return ignores;
}

void applyLintIgnores(QList<LintFinding> &findings, const QList<int> &statements, QList<LintIgnore> &ignores)
{
    QList<LintFinding> kept;
    for (qsizetype i = 0; i < findings.size(); ++i) {
        bool silenced = false;
        for (LintIgnore &ignore : ignores) {
            if (ignore.rule == findings.at(i).rule && (ignore.statement < 0 || ignore.statement == statements.at(i))) {
                ignore.used = true;
                silenced = true;
            }
        }
        if (!silenced)
            kept.append(findings.at(i));
    }
    findings = kept;
}

} // namespace Retort
