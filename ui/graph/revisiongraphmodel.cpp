#include "revisiongraphmodel.h"

#include "report/alembictext.h"

#include <QFont>
#include <QLocale>

namespace Retort {

RevisionGraphModel::RevisionGraphModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void RevisionGraphModel::setProject(const Project &project)
{
    // Until the database state is read again for the new graph, revisions
    // keep the state they had; new ones count as pending.
    QHash<QString, RevisionState> previous;
    if (m_stateKnown) {
        previous.reserve(m_states.size());
        for (int i = 0; i < m_states.size(); ++i)
            previous.insert(m_project.graph.revision(i).id, m_states.at(i));
    }
    beginResetModel();
    m_project = project;
    m_layout = LaneLayout::compute(m_project.graph);
    m_states.assign(m_project.graph.size(), m_stateKnown ? RevisionState::Pending : RevisionState::Unknown);
    for (int i = 0; i < m_states.size() && !previous.isEmpty(); ++i)
        m_states[i] = previous.value(m_project.graph.revision(i).id, RevisionState::Pending);
    endResetModel();
}

void RevisionGraphModel::setDatabaseState(bool known, const QStringList &currentIds, const QSet<int> &applied)
{
    m_stateKnown = known;
    m_currentIds = currentIds;
    const int count = m_project.graph.size();
    m_states.assign(count, known ? RevisionState::Pending : RevisionState::Unknown);
    if (known) {
        for (int index : applied) {
            if (index >= 0 && index < count)
                m_states[index] = RevisionState::Applied;
        }
        for (const QString &id : currentIds) {
            const int index = m_project.graph.indexOf(id);
            if (index >= 0)
                m_states[index] = RevisionState::Current;
        }
    }
    if (count > 0)
        emit dataChanged(index(0, 0), index(count - 1, ColumnCount - 1));
}

void RevisionGraphModel::setEnvironments(const QList<EnvironmentColumn> &environments)
{
    const int before = int(m_environments.size());
    const int after = int(environments.size());
    // Columns come and go without a reset, which would lose the selection
    // and the scroll position.
    if (after < before) {
        beginRemoveColumns({}, ColumnCount + after, ColumnCount + before - 1);
        m_environments = environments;
        endRemoveColumns();
    } else if (after > before) {
        beginInsertColumns({}, ColumnCount + before, ColumnCount + after - 1);
        m_environments = environments;
        endInsertColumns();
    } else {
        m_environments = environments;
    }
    if (rowCount() > 0)
        emit dataChanged(index(0, LabelsColumn), index(rowCount() - 1, columnCount() - 1));
    if (after > 0)
        emit headerDataChanged(Qt::Horizontal, ColumnCount, ColumnCount + after - 1);
}

RevisionState RevisionGraphModel::environmentState(int environment, int graphIndex) const
{
    if (environment < 0 || environment >= m_environments.size())
        return RevisionState::Unknown;
    const EnvironmentColumn &column = m_environments.at(environment);
    if (!column.known)
        return RevisionState::Unknown;
    if (column.currentIds.contains(m_project.graph.revision(graphIndex).id))
        return RevisionState::Current;
    return column.applied.contains(graphIndex) ? RevisionState::Applied : RevisionState::Pending;
}

QVariantList RevisionGraphModel::environmentMarks(int graphIndex) const
{
    QVariantList marks;
    const QString &id = m_project.graph.revision(graphIndex).id;
    for (const EnvironmentColumn &column : m_environments) {
        if (column.known && column.currentIds.contains(id))
            marks.append(QVariant(QVariantList { column.name, column.hue }));
    }
    return marks;
}

QVariant RevisionGraphModel::environmentData(int environment, int graphIndex, int role) const
{
    const RevisionState state = environmentState(environment, graphIndex);
    switch (role) {
    case Qt::DisplayRole:
        return stateText(state);
    case Qt::ToolTipRole:
        return state == RevisionState::Unknown
            ? tr("%1: not read").arg(m_environments.at(environment).name)
            : tr("In %1: %2").arg(m_environments.at(environment).name, stateText(state));
    case StateRole:
        return int(state);
    case EnvironmentHueRole:
        return m_environments.at(environment).hue;
    }
    return {};
}

RevisionState RevisionGraphModel::state(int graphIndex) const
{
    return graphIndex >= 0 && graphIndex < m_states.size() ? m_states.at(graphIndex) : RevisionState::Unknown;
}

int RevisionGraphModel::rowOf(const QString &revisionId) const
{
    const int index = m_project.graph.indexOf(revisionId);
    return index < 0 ? -1 : m_layout.rowOf(index);
}

int RevisionGraphModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_layout.rowCount();
}

int RevisionGraphModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount + int(m_environments.size());
}

int RevisionGraphModel::flags(int graphIndex) const
{
    const RevisionGraph &graph = m_project.graph;
    int result = 0;
    if (graph.isHead(graphIndex))
        result |= HeadFlag;
    if (graph.isBase(graphIndex))
        result |= BaseFlag;
    if (graph.isMergePoint(graphIndex))
        result |= MergePointFlag;
    if (graph.isBranchPoint(graphIndex))
        result |= BranchPointFlag;
    if (!graph.dependencies(graphIndex).isEmpty())
        result |= HasDependenciesFlag;
    if (!graph.revision(graphIndex).transactional)
        result |= NonTransactionalFlag;
    if (!m_project.broken.isEmpty() && m_project.brokenRevision(graph.revision(graphIndex).id))
        result |= BrokenFlag;
    return result;
}

QString RevisionGraphModel::stateText(RevisionState state) const
{
    switch (state) {
    case RevisionState::Unknown:
        return {};
    case RevisionState::Pending:
        return tr("pending");
    case RevisionState::Applied:
        return tr("applied");
    case RevisionState::Current:
        return tr("current");
    }
    return {};
}

QString RevisionGraphModel::toolTip(int graphIndex) const
{
    const RevisionGraph &graph = m_project.graph;
    const Revision &revision = graph.revision(graphIndex);
    const auto ids = [&graph](IndexSpan indexes) {
        QStringList result;
        for (int i : indexes)
            result.append(graph.revision(i).id);
        return result.isEmpty() ? QStringLiteral("—") : result.join(QLatin1String(", "));
    };
    QStringList kinds;
    const int f = flags(graphIndex);
    if (f & HeadFlag)
        kinds.append(tr("head"));
    if (f & BaseFlag)
        kinds.append(tr("base"));
    if (f & MergePointFlag)
        kinds.append(tr("merge point"));
    if (f & BranchPointFlag)
        kinds.append(tr("branch point"));
    QString text =
        QStringLiteral("<b>%1</b> %2<br>").arg(revision.id, AlembicText(graph).doc(graphIndex).toHtmlEscaped());
    if (!kinds.isEmpty())
        text += tr("<i>%1</i><br>").arg(kinds.join(QLatin1String(", ")));
    if (const BrokenRevision *broken = m_project.brokenRevision(revision.id)) {
        text += tr("<b>Broken:</b> %1 — Revision ▸ Re-attach to… repairs it<br>")
                    .arg(broken->error.toString().toHtmlEscaped());
    }
    text += tr("Parents: %1<br>Children: %2").arg(ids(graph.parents(graphIndex)), ids(graph.children(graphIndex)));
    if (!graph.dependencies(graphIndex).isEmpty())
        text += tr("<br>Depends on: %1").arg(ids(graph.dependencies(graphIndex)));
    const QString state = stateText(this->state(graphIndex));
    if (!state.isEmpty())
        text += tr("<br>In the database: %1").arg(state);
    for (int i = 0; i < m_environments.size(); ++i) {
        const QString there = stateText(environmentState(i, graphIndex));
        if (!there.isEmpty())
            text += tr("<br>In %1: %2").arg(m_environments.at(i).name.toHtmlEscaped(), there);
    }
    return text;
}

QVariant RevisionGraphModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int graphIndex = m_layout.revisionAt(index.row());
    const Revision &revision = m_project.graph.revision(graphIndex);
    if (index.column() >= ColumnCount && role != GraphIndexRole && role != RevisionIdRole)
        return environmentData(index.column() - ColumnCount, graphIndex, role);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RevisionColumn:
            return revision.id;
        case MessageColumn:
            return AlembicText(m_project.graph).doc(graphIndex);
        case LabelsColumn:
            return revision.branchLabels.join(QLatin1String(", "));
        case DateColumn:
            return revision.createDate.isValid()
                ? QLocale().toString(revision.createDate.toLocalTime(), QLocale::ShortFormat)
                : QString();
        case StateColumn:
            return stateText(state(graphIndex));
        }
        break;
    case Qt::ToolTipRole:
        return toolTip(graphIndex);
    case Qt::FontRole:
        // Current revisions stand out in every column, pending ones recede.
        if (state(graphIndex) == RevisionState::Current || state(graphIndex) == RevisionState::Pending) {
            QFont font;
            font.setBold(state(graphIndex) == RevisionState::Current);
            font.setItalic(state(graphIndex) == RevisionState::Pending);
            return font;
        }
        break;
    case RevisionIdRole:
        return revision.id;
    case GraphIndexRole:
        return graphIndex;
    case LaneCellsRole: {
        const std::span<const LaneCell> cells = m_layout.cells(index.row());
        // No copy: the bytes live in the layout, which outlives the paint
        // call that reads them.
        return QByteArray::fromRawData(reinterpret_cast<const char *>(cells.data()), qsizetype(cells.size()));
    }
    case NodeColumnRole:
        return m_layout.nodeColumn(index.row());
    case LaneCountRole:
        return m_layout.columnCount();
    case StateRole:
        return int(state(graphIndex));
    case FlagsRole:
        return flags(graphIndex);
    case BranchLabelsRole:
        return revision.branchLabels.value();
    case EnvironmentMarksRole:
        return m_environments.isEmpty() ? QVariant() : QVariant(environmentMarks(graphIndex));
    case SearchTextRole:
        return QString(revision.id + QLatin1Char(' ') + revision.message + QLatin1Char(' ') +
            revision.branchLabels.join(QLatin1Char(' ')));
    }
    return {};
}

QVariant RevisionGraphModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section >= ColumnCount && section < columnCount())
        return m_environments.at(section - ColumnCount).name;
    switch (section) {
    case GraphColumn:
        return tr("Graph");
    case RevisionColumn:
        return tr("Revision");
    case MessageColumn:
        return tr("Message");
    case LabelsColumn:
        return tr("Labels");
    case DateColumn:
        return tr("Date");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace Retort
