#pragma once

#include "project/project.h"
#include "shadow/schemaobjects.h"
#include "shadow/schemareplayer.h"

#include <QStandardItemModel>

namespace Retort {

// The tree of a plan's schema changes: each table (or other top-level
// object) with its columns, indexes and constraints added, removed or
// altered beneath it, each naming the migration and the line that made it
// ("email_verified added by 6c1e8b4d9a37, line 10").
class SchemaChangeModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Role { FileRole = Qt::UserRole + 1, LineRole, RevisionRole, BeforeRole, AfterRole };

    explicit SchemaChangeModel(QObject *parent = nullptr);

    void setChanges(
        const Project &project, const MigrationPlan &plan, Dialect dialect, const QList<SchemaObjectChange> &changes);
    int changeCount() const { return m_count; }

private:
    int m_count = 0;
};

} // namespace Retort
