#pragma once

#include "graph/lanelayout.h"
#include "project/project.h"

#include <QAbstractTableModel>
#include <QSet>

namespace Retort {

// Where a revision stands in the connected database.
enum class RevisionState {
    Unknown, // no database connected, or its state is not read yet
    Pending, // not applied
    Applied, // applied: an ancestor (or dependency) of a current revision
    Current, // in the version table
};

// Another database shown beside the connected one (see EnvironmentSet): a
// column of its own saying applied or pending, and its name marked on the
// revisions it is at, in its colour.
struct EnvironmentColumn {
    QString name;
    int hue = 0; // GraphColors::hue degrees
    bool known = false; // its version rows were read
    QStringList currentIds;
    QSet<int> applied; // graph indexes
};

// The project's revisions in graph order (newest first, lines of history
// kept together) with their lanes, for the graph view. The lanes are
// computed once per project, eagerly; a row's lanes travel to the delegate
// through LaneCellsRole and NodeColumnRole.
class RevisionGraphModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { GraphColumn, RevisionColumn, MessageColumn, LabelsColumn, DateColumn, StateColumn, ColumnCount };
    enum Role {
        RevisionIdRole = Qt::UserRole + 1, // QString
        GraphIndexRole, // int: the revision's index in the RevisionGraph
        LaneCellsRole, // QByteArray: the row's LaneCell values, one per column
        NodeColumnRole, // int
        LaneCountRole, // int: columns of the widest row
        StateRole, // RevisionState as int
        FlagsRole, // RevisionFlags as int
        BranchLabelsRole, // QStringList
        SearchTextRole, // QString: what the filter looks at
        EnvironmentHueRole, // int, in an environment's column: its colour
        EnvironmentMarksRole, // QVariantList of {name, hue}: the environments at this revision
    };
    enum RevisionFlag {
        HeadFlag = 0x1,
        BaseFlag = 0x2,
        MergePointFlag = 0x4,
        BranchPointFlag = 0x8,
        HasDependenciesFlag = 0x10,
        NonTransactionalFlag = 0x20,
        BrokenFlag = 0x40, // its down_revision points nowhere (Project::broken)
    };

    explicit RevisionGraphModel(QObject *parent = nullptr);

    // Replaces the project and lays out its graph. The database state is
    // kept for revisions that still exist.
    void setProject(const Project &project);
    const Project &project() const { return m_project; }
    const RevisionGraph &graph() const { return m_project.graph; }
    const LaneLayout &layout() const { return m_layout; }

    // The database's version rows and every revision they mean is applied
    // (graph indexes); an empty `currentIds` with `known` false means no
    // database.
    void setDatabaseState(bool known, const QStringList &currentIds, const QSet<int> &applied);
    RevisionState state(int graphIndex) const;
    // The environments watched beside the connection, a column each after
    // StateColumn.
    void setEnvironments(const QList<EnvironmentColumn> &environments);
    const QList<EnvironmentColumn> &environments() const { return m_environments; }
    // Where `graphIndex` stands in environment `environment`.
    RevisionState environmentState(int environment, int graphIndex) const;
    bool hasDatabaseState() const { return m_stateKnown; }
    const QStringList &currentIds() const { return m_currentIds; }

    // -1 when the revision is not in the project.
    int rowOf(const QString &revisionId) const;
    int graphIndex(int row) const { return m_layout.revisionAt(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString stateText(RevisionState state) const;
    QVariantList environmentMarks(int graphIndex) const;
    QVariant environmentData(int environment, int graphIndex, int role) const;
    QString toolTip(int graphIndex) const;
    int flags(int graphIndex) const;

    Project m_project;
    LaneLayout m_layout;
    bool m_stateKnown = false;
    QStringList m_currentIds;
    QList<RevisionState> m_states; // by graph index
    QList<EnvironmentColumn> m_environments;
};

} // namespace Retort
