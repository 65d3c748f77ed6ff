#pragma once

// What the reliability suites check after a runner was killed: the version
// table, the schema and the history agree. The projects they run are
// linear, r001..rNNN, revision rNNN creating table tNNN with two rows.
#include "../exec/executortestutil.h"

#include <QThread>

namespace Retort::Test {

inline QString revisionId(int n)
{
    return QStringLiteral("r%1").arg(n, 3, 10, QLatin1Char('0'));
}

// Waits until the server has finished with every connection of a killed
// runner (its transaction rolled back, its lock released).
inline void waitForRunnersToGo(QSqlDatabase db)
{
    using namespace Qt::StringLiterals;
    for (int i = 0; i < 100; ++i) {
        if (column(db,
                u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                "application_name LIKE 'retort%' AND pid <> pg_backend_pid()"_s)
                .value(0) == u"0"_s)
            return;
        QThread::msleep(50);
    }
}

// The number of the applied revision, and every check that the schema and
// the history agree with it: tables t001..tNNN exist, each with its one
// row, nothing beyond; one successful upgrade recorded per revision.
inline QString consistencyProblem(QSqlDatabase db, int *applied)
{
    using namespace Qt::StringLiterals;
    const bool migrated = column(db, u"SELECT to_regclass('alembic_version') IS NOT NULL"_s).value(0) == u"true"_s;
    const QStringList rows = migrated ? column(db, u"SELECT version_num FROM alembic_version"_s) : QStringList();
    if (rows.size() > 1)
        return u"several version rows: "_s + rows.join(u' ');
    const int at = rows.isEmpty() ? 0 : rows.first().mid(1).toInt();
    *applied = at;
    const QStringList tables = column(db,
        u"SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND "
        "tablename LIKE 't%' ORDER BY 1"_s);
    QStringList expected;
    for (int n = 1; n <= at; ++n)
        expected.append(u"t%1"_s.arg(n, 3, 10, QLatin1Char('0')));
    if (tables != expected)
        return u"version table at %1 but tables %2"_s.arg(at).arg(tables.join(u' '));
    for (const QString &table : expected) {
        if (column(db, u"SELECT count(*) FROM "_s + table).value(0) != u"2"_s)
            return table + u" does not hold exactly its two rows"_s;
    }
    const bool recorded =
        column(db, u"SELECT to_regclass('retort_meta.retort_history') IS NOT NULL"_s).value(0) == u"true"_s;
    const QStringList history = recorded
        ? column(db,
              u"SELECT revision || ':' || count(*) FROM retort_meta.retort_history WHERE action = 'upgrade' AND "
              "outcome = 'succeeded' GROUP BY revision ORDER BY revision"_s)
        : QStringList();
    QStringList expectedHistory;
    for (int n = 1; n <= at; ++n)
        expectedHistory.append(revisionId(n) + u":1"_s);
    if (history != expectedHistory)
        return u"history does not record each applied revision once: "_s + history.join(u' ');
    return {};
}

} // namespace Retort::Test
