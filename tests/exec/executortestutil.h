#pragma once

// Shared by the executor suites: a database of either dialect, a project
// written file by file, and plans built by hand (the planner has its own
// tests; these check what the executor does with a plan).
#include "db/databaseconnection.h"
#include "exec/executor.h"
#include "graph/planner.h"
#include "project/projectloader.h"
#include "testsupport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace Retort::Test {

// A fresh, empty database: a scratch PostgreSQL database or a SQLite file.
class ScratchDatabase
{
public:
    explicit ScratchDatabase(Dialect dialect)
    {
        if (dialect == Dialect::PostgreSQL) {
            m_postgres.emplace();
            m_settings = m_postgres->settings();
            m_valid = m_postgres->isValid();
        } else {
            m_settings.dialect = Dialect::SQLite;
            m_settings.sqlitePath = m_dir.filePath(QStringLiteral("test.sqlite"));
            m_valid = true;
        }
    }
    bool isValid() const { return m_valid; }
    const ConnectionSettings &settings() const { return m_settings; }
    std::unique_ptr<DatabaseConnection> connect() const
    {
        auto connection = DatabaseConnection::open(m_settings);
        return connection ? std::move(*connection) : nullptr;
    }

private:
    QTemporaryDir m_dir;
    std::optional<ScratchPostgresDatabase> m_postgres;
    ConnectionSettings m_settings;
    bool m_valid = false;
};

// Brings the database to `revision` the way Retort's executor does, so it
// has the schema, the version table and the history a real one has.
inline bool migrateTo(const Project &project, const ConnectionSettings &settings, const QString &revision)
{
    Executor executor(project, settings, {});
    if (!executor.open())
        return false;
    Result<QStringList> rows = executor.versionRows();
    Result<MigrationPlan> plan = Planner(project.graph).upgrade(rows ? *rows : QStringList(), revision);
    if (!plan) {
        qWarning("%s", qPrintable(plan.error().toString()));
        return false;
    }
    const ExecutionReport report = executor.run(*plan);
    if (!report.ok())
        qWarning("%s", qPrintable(report.failure->error.toString()));
    return report.ok();
}

inline Dialect dialectFromName(const QString &name)
{
    return name == QLatin1String("sqlite") ? Dialect::SQLite : Dialect::PostgreSQL;
}

inline QByteArray revisionFile(const QString &id, const QString &down, const QString &upgrade,
    const QString &downgrade = QStringLiteral("SELECT 1;"), const QString &extraHeader = {})
{
    return QStringLiteral("-- revision: %1\n-- down_revision: %2\n-- message: step %1\n%3\n-- migrate:upgrade\n%4\n\n"
                          "-- migrate:downgrade\n%5\n")
        .arg(id, down, extraHeader, upgrade, downgrade)
        .toUtf8();
}

inline Project loadProject(const TemporaryProject &project)
{
    Result<Project> loaded = ProjectLoader::load(project.path());
    if (!loaded)
        qFatal("%s", qPrintable(loaded.error().toString()));
    return *loaded;
}

// Writes into `target` an Alembic project with the revisions of the native
// project `native` (same ids, parents, labels and messages; the real
// `alembic init`), by tests/exec/make_alembic_project.py. With `withSql` its
// migrations run the native files' SQL; without, they do nothing. Returns
// why it failed, or nothing.
inline QString writeAlembicCopy(const QString &native, const QString &target, bool withSql)
{
    QStringList arguments { sourceDirectory() + QStringLiteral("/tests/exec/make_alembic_project.py"), native, target };
    if (withSql)
        arguments.append(QStringLiteral("--sql"));
    const ProcessResult made = runProcess(QStringLiteral("python3"), arguments);
    return made.exitCode == 0 ? QString() : made.err;
}

// A linear plan through `ids` (in order), upgrading from `before`.
inline MigrationPlan linearPlan(const Project &project, const QStringList &ids, const QStringList &before = {},
    Direction direction = Direction::Upgrade)
{
    MigrationPlan plan;
    plan.direction = direction;
    plan.versionRowsBefore = before;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        PlanStep step;
        step.revision = project.graph.indexOf(ids.at(i));
        step.direction = direction;
        if (direction == Direction::Upgrade) {
            step.versionRowsAfter = { ids.at(i) };
        } else {
            const QStringList &parents = project.graph.revision(step.revision).downRevisions;
            step.versionRowsAfter = parents;
        }
        plan.steps.append(step);
    }
    return plan;
}

inline QStringList column(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    QStringList values;
    if (!query.exec(sql))
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    while (query.next())
        values.append(query.value(0).toString());
    return values;
}

inline QStringList userTables(QSqlDatabase db, Dialect dialect)
{
    return column(db,
        dialect == Dialect::SQLite
            ? QStringLiteral(
                  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1")
            : QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"));
}

} // namespace Retort::Test
