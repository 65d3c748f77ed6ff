#pragma once

#include "db/pipeline.h"
#include "project/revision.h"
#include "util/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

#include <memory>

namespace Retort {

// Writes the version table (alembic_version by default) the way Alembic's
// HeadMaintainer does: one row per applied head, a head that moves is an
// UPDATE, a branch that begins an INSERT, one that ends a DELETE — and each
// statement must touch exactly one row, so a table changed behind the
// runner's back stops the step instead of being silently overwritten.
// Runs on `database` in the caller's transaction.
class VersionTableWriter
{
public:
    VersionTableWriter(QSqlDatabase database, Dialect dialect, const QString &schema, const QString &table);
    ~VersionTableWriter();

    QString qualifiedName() const { return m_qualifiedName; }

    Result<bool> exists() const;
    Result<void> createIfMissing() const;
    // The rows, sorted; empty when the table does not exist.
    Result<QStringList> rows() const;
    // Changes the rows from `before` to `after` (both as sets).
    Result<void> change(const QStringList &before, const QStringList &after);

    // The statements change() runs, with the values written in, for scripts
    // printed by --sql. The CREATE statement comes from createStatement().
    QStringList changeStatements(const QStringList &before, const QStringList &after) const;
    QString createStatement() const;
    // change() as queries for a pipeline (PostgreSQL), each of which must
    // affect exactly one row; `what` says what each does, for messages.
    QList<PipelinedQuery> changeQueries(const QStringList &before, const QStringList &after, QStringList *what) const;
    // The message when a change did not match exactly one row.
    QString mismatch(const QString &what, int affected) const;

private:
    struct Change {
        enum Kind { Delete, Update, Insert } kind;
        QString from;
        QString to;
    };
    static QList<Change> changes(const QStringList &before, const QStringList &after);
    QString sql(const QString &name) const;
    Result<void> run(QSqlQuery &query, const QString &name, const QVariantList &values, const QString &what);

    QSqlDatabase m_database;
    Dialect m_dialect;
    QString m_schema;
    QString m_table;
    QString m_qualifiedName;
    // Prepared once per run: a thousand-step upgrade should not prepare a
    // thousand times.
    std::unique_ptr<QSqlQuery> m_delete;
    std::unique_ptr<QSqlQuery> m_update;
    std::unique_ptr<QSqlQuery> m_insert;
};

// A value as an SQL string literal ('it''s'), for offline scripts.
QString sqlStringLiteral(const QString &value);
// `sql` without the comment lines that open a resource file.
QString withoutLeadingComments(const QString &sql);
// `sql` (leading comments dropped) with each ? placeholder replaced by the next of `literals`, for the
// resource statements Retort prints instead of running.
QString inlineParameters(const QString &sql, const QStringList &literals);

} // namespace Retort
