#include "plansummary.h"

#include "graph/graphcolors.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPalette>

#include <algorithm>

namespace Retort::PlanSummary {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Retort::PlanSummary", text, nullptr, n);
}

QString rowsText(const QStringList &ids)
{
    return ids.isEmpty() ? tr("an empty version table") : ids.join(QLatin1String(", ")).toHtmlEscaped();
}

} // namespace

QString colored(const QString &html, int hue, const QPalette &palette)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(GraphColors::hue(hue, palette, true).name(), html);
}

QString reviewText(const RevisionGraph &graph, const Review &review, ReviewMode mode, const QString &databaseName)
{
    const QString database = databaseName.toHtmlEscaped();
    QString summary;
    if (mode == ReviewMode::Stamp) {
        summary = tr("Stamping at <b>%1</b> writes the version table of %2 from %3 to %4 and runs no SQL: the schema "
                     "stays as it is.")
                      .arg(review.target.toHtmlEscaped(), database, rowsText(review.plan.versionRowsBefore),
                          rowsText(review.stampedRows));
        if (!review.newlyApplied.isEmpty())
            summary += QLatin1Char(' ') +
                tr("<b>%n revision(s) will count as applied without having run.</b>", int(review.newlyApplied.size()));
        if (!review.newlyUnapplied.isEmpty())
            summary += QLatin1Char(' ') +
                tr("<b>%n revision(s) will count as not applied although their changes stay.</b>",
                    int(review.newlyUnapplied.size()));
    } else if (review.plan.isEmpty()) {
        summary = tr("Nothing to run: %1 is already at <b>%2</b> (%3).")
                      .arg(database, review.target.toHtmlEscaped(), rowsText(review.plan.versionRowsBefore));
    } else {
        int outside = 0;
        int risky = 0;
        for (const ReviewStep &step : review.steps) {
            const int index = step.step.revision;
            outside += index >= 0 && index < graph.size() && !step.transactional;
            risky +=
                std::any_of(step.risks.cbegin(), step.risks.cend(), [](const SqlRisk &r) { return r.losesData(); });
        }
        summary = tr("%n step(s) will run against %1, from %2 to %3.", int(review.steps.size()))
                      .arg(database, rowsText(review.plan.versionRowsBefore), rowsText(review.plan.versionRowsAfter()));
        if (!review.problem.isEmpty())
            summary += QLatin1Char(' ') + tr("<b>The plan cannot run as it is</b> (see the warnings).");
        if (risky > 0)
            summary += QLatin1Char(' ') + tr("<b>At risk: %n step(s) can lose data.</b>", risky);
        if (outside > 0)
            summary += QLatin1Char(' ') + tr("<b>%n run(s) outside a transaction.</b>", outside);
        // Alembic's default env.py commits once, at the end of the whole run.
        if (review.oneTransaction)
            summary += QLatin1Char(' ') +
                tr("All %n steps run in one transaction: a failure in any of them rolls back every one.",
                    int(review.steps.size()));
        if (risky == 0 && outside == 0 && review.problem.isEmpty())
            summary += QLatin1Char(' ') + tr("No step drops data, and each one rolls back on failure.");
    }
    if (!review.edited.isEmpty())
        summary +=
            QLatin1Char(' ') + tr("<b>%n applied revision(s) changed since they ran.</b>", int(review.edited.size()));
    else if (!review.historyTableExists)
        summary += QLatin1Char(' ') + tr("(No history table yet: edits to applied revisions cannot be detected.)");
    return summary;
}

QStringList warningItems(const RevisionGraph &graph, const Review &review, ReviewMode mode, const QPalette &palette)
{
    QStringList items;
    if (!review.problem.isEmpty())
        items.append(colored(tr("This plan cannot run: %1").arg(review.problem.toHtmlEscaped()), 0, palette));
    for (const ReviewStep &step : review.steps) {
        const Revision &revision = graph.revision(step.step.revision);
        const QString file = QFileInfo(revision.filePath()).fileName().toHtmlEscaped();
        for (const SqlRisk &risk : step.risks) {
            if (risk.losesData())
                items.append(tr("%1 line %2: %3").arg(file).arg(risk.line).arg(risk.description().toHtmlEscaped()));
        }
        if (!step.sqlUnavailable.isEmpty())
            items.append(tr("%1 (%2): %3").arg(revision.id, file, step.sqlUnavailable.toHtmlEscaped()));
        if (!step.transactional) {
            items.append(
                tr("%1 (%2) runs outside a transaction: if it fails half way, what ran stays.").arg(revision.id, file));
        }
    }
    const QList<int> heads = graph.heads();
    if (heads.size() > 1) {
        QStringList ids;
        for (int head : heads)
            ids.append(graph.revision(head).id);
        items.append(tr("The project has %n heads (%1): merge them before deploying.", int(heads.size()))
                         .arg(ids.join(QLatin1String(", "))));
    }
    if (!review.edited.isEmpty()) {
        items.append(
            tr("%n applied revision(s) changed since they ran here (see the Review view).", int(review.edited.size())));
    }
    if (mode == ReviewMode::Stamp && !review.newlyApplied.isEmpty()) {
        items.append(tr("%n revision(s) will count as applied without having run.", int(review.newlyApplied.size())));
    }
    if (mode == ReviewMode::Stamp && !review.newlyUnapplied.isEmpty()) {
        items.append(tr("%n revision(s) will count as not applied although their changes stay.",
            int(review.newlyUnapplied.size())));
    }
    return items;
}

QString warningsText(const QStringList &items, const QPalette &palette)
{
    if (items.isEmpty())
        return {};
    // A label with thousands of items would take the whole dialog (and
    // seconds to lay out): the first ones, then how many more.
    constexpr qsizetype kShown = 12;
    QStringList shown = items.mid(0, kShown);
    if (items.size() > kShown)
        shown.append(tr("…and %n more (see the Warnings column).", int(items.size() - kShown)));
    return QStringLiteral("<b>%1</b><ul style=\"margin:0\"><li>%2</li></ul>")
        .arg(colored(tr("Warnings"), GraphColors::WarningHue, palette), shown.join(QLatin1String("</li><li>")));
}

} // namespace Retort::PlanSummary
