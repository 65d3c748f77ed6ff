#include "lintfindingmodel.h"

#include "lint/lintformat.h"
#include "lint/lintrules.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

namespace Retort {

LintFindingModel::LintFindingModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void LintFindingModel::setFindings(const QList<LintFinding> &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

int LintFindingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int LintFindingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LintFindingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case RuleColumn:
        return tr("Rule");
    case LineColumn:
        return tr("Line");
    case LockColumn:
        return tr("Lock");
    case TableColumn:
        return tr("Table");
    case DataColumn:
        return tr("Data check");
    case MessageColumn:
        return tr("Finding");
    default:
        return {};
    }
}

QVariant LintFindingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_findings.size())
        return {};
    const LintFinding &finding = m_findings.at(index.row());
    const LintRule *rule = findLintRule(finding.rule);
    if (role == RuleIdRole)
        return finding.rule;
    if (role == LineRole)
        return finding.line;
    if (role == Qt::DecorationRole && index.column() == SeverityColumn) {
        const QStyle::StandardPixmap icon = finding.severity == LintSeverity::Error ? QStyle::SP_MessageBoxCritical
            : finding.severity == LintSeverity::Warning                             ? QStyle::SP_MessageBoxWarning
                                                                                    : QStyle::SP_MessageBoxInformation;
        return QApplication::style()->standardIcon(icon);
    }
    if (role == Qt::ToolTipRole) {
        if (!rule)
            return finding.message;
        return QStringLiteral("<p><b>%1</b></p><p>%2</p><pre>%3</pre>")
            .arg(LintRule::text(rule->title).toHtmlEscaped(), LintRule::text(rule->why).toHtmlEscaped(),
                LintRule::text(rule->safe).toHtmlEscaped());
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeverityColumn:
        return finding.severity == LintSeverity::Error  ? tr("error")
            : finding.severity == LintSeverity::Warning ? tr("warning")
                                                        : tr("info");
    case RuleColumn:
        return finding.rule;
    case LineColumn:
        return finding.line;
    case LockColumn:
        return rule ? LintRule::text(rule->lock) : QString();
    case TableColumn:
        if (!finding.live.checked)
            return finding.table;
        return QStringLiteral("%1 (%2, %3)")
            .arg(finding.table, QLocale().formattedDataSize(std::max<qint64>(0, finding.live.totalBytes)),
                tr("~%Ln row(s)", nullptr,
                    int(std::min<qint64>(std::max<qint64>(0, finding.live.rowEstimate), INT_MAX))));
    case DataColumn: {
        QStringList parts;
        if (!finding.live.dataCheck.isEmpty())
            parts.append(finding.live.dataCheck);
        if (!finding.live.note.isEmpty())
            parts.append(finding.live.note);
        if (!finding.live.blockers.isEmpty())
            parts.append(tr("%n session(s) hold locks on it now", nullptr, int(finding.live.blockers.size())));
        return parts.join(QLatin1String("; "));
    }
    case MessageColumn:
        return finding.message;
    default:
        return {};
    }
}

} // namespace Retort
