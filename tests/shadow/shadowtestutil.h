#pragma once

// Shared by the shadow suites: shadow options for either dialect, and the
// demo project loaded.
#include "../exec/executortestutil.h"
#include "shadow/schemasnapshot.h"
#include "shadow/shadowdatabase.h"

namespace Retort::Test {

inline ShadowOptions shadowFor(Dialect dialect)
{
    ShadowOptions options;
    options.dialect = dialect;
    return options;
}

inline Project loadDemoProject()
{
    Result<Project> loaded = ProjectLoader::load(demoProjectDirectory());
    if (!loaded)
        qFatal("%s", qPrintable(loaded.error().toString()));
    return *loaded;
}

// The schema of a database as Retort reads it (see readSchema()), or the
// error as text (so that QCOMPARE shows it).
inline QString schemaOf(const ConnectionSettings &settings, const ProjectSettings &names = {})
{
    Result<QString> schema = readSchema(settings, names);
    return schema ? *schema : QStringLiteral("error: ") + schema.error().toString();
}

// Rows of "dialect" for the suites that run on both.
inline void addDialectRows()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
}

// Skips a PostgreSQL row without the test server.
#define RETORT_SKIP_WITHOUT_POSTGRES(dialect)                                                                          \
    do {                                                                                                               \
        QString why;                                                                                                   \
        if ((dialect) == Dialect::PostgreSQL && !postgresAvailable(&why))                                              \
            QSKIP(qPrintable(why));                                                                                    \
    } while (false)

} // namespace Retort::Test
