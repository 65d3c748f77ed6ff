// The schema engine on schemas nobody wrote by hand: for each seed, a random
// schema (tables of random columns, keys, foreign keys, indexes, checks, an
// enum, views) and a random mutation of it. The diff from one to the other,
// applied with psql, must converge — by Retort's canonical dump and by
// pg_dump --schema-only, the independent judge — and so must the reverse
// diff. Each schema's canonical dump is also checked after a pg_dump | psql
// round trip. RETORT_SCHEMA_SEED=N runs one seed (to replay a failure).

#include "schema/canonicalddl.h"
#include "schema/schemadiff.h"
#include "schematestutil.h"
#include "testsupport.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Retort;
using namespace Retort::Test;

namespace {

// Column types, and the ones each may become without rows in the way.
const QStringList kTypes { u"integer"_s, u"bigint"_s, u"text"_s, u"character varying(40)"_s, u"boolean"_s,
    u"numeric(10,2)"_s, u"timestamp with time zone"_s, u"jsonb"_s };

QStringList retypesOf(const QString &type)
{
    if (type == u"integer"_s)
        return { u"bigint"_s, u"text"_s, u"numeric(10,2)"_s };
    if (type == u"bigint"_s)
        return { u"integer"_s, u"text"_s };
    if (type == u"text"_s)
        return { u"character varying(40)"_s };
    if (type == u"character varying(40)"_s)
        return { u"text"_s, u"character varying(80)"_s };
    if (type == u"numeric(10,2)"_s)
        return { u"numeric(12,2)"_s, u"text"_s };
    return {};
}

struct Column {
    QString name;
    QString type;
    bool notNull = false;
    QString defaultValue; // SQL, or empty
};

struct Table {
    QString name;
    QList<Column> columns; // the first is "id integer", the primary key
    QString references; // a table this one has a foreign key to, or empty
    QStringList indexed; // columns with an index of their own
    bool check = false; // CHECK (id > 0)
};

struct Schema {
    QList<Table> tables;
    QStringList moods { u"sad"_s, u"ok"_s, u"happy"_s };
    QStringList views; // tables with a view over them

    QString sql() const
    {
        QStringList statements;
        statements.append(u"CREATE TYPE mood AS ENUM (%1)"_s.arg([this] {
            QStringList quoted;
            for (const QString &m : moods)
                quoted.append(u'\'' + m + u'\'');
            return quoted.join(u", "_s);
        }()));
        for (const Table &table : tables) {
            QStringList parts;
            // PostgreSQL adds columns at the end of a table, so a column a
            // migration adds must come last here too: the foreign key's
            // column goes right after the key.
            if (!table.references.isEmpty())
                parts.append(u"parent_id integer REFERENCES %1 (id) ON DELETE CASCADE"_s.arg(table.references));
            for (const Column &column : table.columns) {
                QString part = column.name + u' ' + column.type;
                if (column.name == u"id"_s)
                    part += u" PRIMARY KEY"_s;
                if (column.notNull && column.name != u"id"_s)
                    part += u" NOT NULL"_s;
                if (!column.defaultValue.isEmpty())
                    part += u" DEFAULT "_s + column.defaultValue;
                parts.append(part);
            }
            if (table.check)
                parts.append(u"CONSTRAINT %1_id_positive CHECK (id > 0)"_s.arg(table.name));
            statements.append(u"CREATE TABLE %1 (%2)"_s.arg(table.name, parts.join(u", "_s)));
            for (const QString &column : table.indexed)
                statements.append(u"CREATE INDEX %1_%2_idx ON %1 (%2)"_s.arg(table.name, column));
        }
        for (const QString &table : views)
            statements.append(u"CREATE VIEW %1_ids AS SELECT id FROM %1 WHERE id > 10"_s.arg(table));
        return statements.join(u";\n"_s) + u";\n"_s;
    }
};

Column makeColumn(const QString &name, const QString &type, bool notNull = false, const QString &defaultValue = {})
{
    Column column;
    column.name = name;
    column.type = type;
    column.notNull = notNull;
    column.defaultValue = defaultValue;
    return column;
}

Table makeTable(const QString &name)
{
    Table table;
    table.name = name;
    table.columns.append(makeColumn(u"id"_s, u"integer"_s, true));
    return table;
}

Column randomColumn(QRandomGenerator &random, const QString &name)
{
    Column column = makeColumn(name, kTypes.at(random.bounded(kTypes.size())));
    column.notNull = random.bounded(3) == 0;
    if (random.bounded(4) == 0) {
        if (column.type == u"integer"_s || column.type == u"bigint"_s || column.type == u"numeric(10,2)"_s)
            column.defaultValue = u"0"_s;
        else if (column.type == u"boolean"_s)
            column.defaultValue = u"false"_s;
        else if (column.type == u"text"_s || column.type == u"character varying(40)"_s)
            column.defaultValue = u"'none'"_s;
        else if (column.type == u"timestamp with time zone"_s)
            column.defaultValue = u"now()"_s;
    }
    return column;
}

Schema randomSchema(QRandomGenerator &random)
{
    Schema schema;
    const int tables = 3 + random.bounded(4);
    for (int t = 0; t < tables; ++t) {
        Table table = makeTable(u"t%1"_s.arg(t));
        const int columns = 1 + random.bounded(5);
        for (int c = 0; c < columns; ++c)
            table.columns.append(randomColumn(random, u"c%1"_s.arg(c)));
        if (random.bounded(3) == 0)
            table.columns.append(makeColumn(u"feeling"_s, u"mood"_s, false, u"'ok'"_s));
        if (t > 0 && random.bounded(2) == 0)
            table.references = u"t%1"_s.arg(random.bounded(t));
        if (random.bounded(2) == 0)
            table.indexed.append(table.columns.at(1 + random.bounded(table.columns.size() - 1)).name);
        table.check = random.bounded(3) == 0;
        schema.tables.append(table);
        if (random.bounded(4) == 0)
            schema.views.append(table.name);
    }
    return schema;
}

// A few random changes of the kinds migrations make.
Schema mutated(Schema schema, QRandomGenerator &random, QStringList *log)
{
    const int changes = 1 + random.bounded(4);
    for (int i = 0; i < changes; ++i) {
        Table &table = schema.tables[random.bounded(schema.tables.size())];
        switch (random.bounded(9)) {
        case 0: // add a column
            table.columns.append(randomColumn(random, u"n%1"_s.arg(i)));
            table.columns.last().notNull = false; // a NOT NULL column without default needs an empty table
            log->append(u"add column to "_s + table.name);
            break;
        case 1: { // drop the last column (added back by the reverse diff, it is last again)
            if (table.columns.size() < 3)
                break;
            const int index = int(table.columns.size()) - 1;
            table.indexed.removeAll(table.columns.at(index).name);
            log->append(u"drop column "_s + table.columns.at(index).name + u" of "_s + table.name);
            table.columns.removeAt(index);
            break;
        }
        case 2: { // change a type
            if (table.columns.size() < 2)
                break;
            Column &column = table.columns[1 + random.bounded(table.columns.size() - 1)];
            const QStringList to = retypesOf(column.type);
            if (to.isEmpty())
                break;
            column.type = to.at(random.bounded(to.size()));
            if (!column.defaultValue.isEmpty() && column.type.startsWith(u"character"_s))
                column.defaultValue = u"'none'"_s;
            if (column.defaultValue == u"0"_s && column.type == u"text"_s)
                column.defaultValue = u"'0'"_s;
            log->append(u"retype "_s + column.name + u" of "_s + table.name);
            break;
        }
        case 3: // toggle NOT NULL
            if (table.columns.size() > 1) {
                Column &column = table.columns[1 + random.bounded(table.columns.size() - 1)];
                column.notNull = !column.notNull;
                log->append(u"not null "_s + column.name + u" of "_s + table.name);
            }
            break;
        case 4: // an index more or less
            if (!table.indexed.isEmpty()) {
                log->append(u"drop index on "_s + table.name);
                table.indexed.removeFirst();
            } else if (table.columns.size() > 1) {
                table.indexed.append(table.columns.at(1).name);
                log->append(u"add index on "_s + table.name);
            }
            break;
        case 5: // a check more or less
            table.check = !table.check;
            log->append(u"check on "_s + table.name);
            break;
        case 6: // a new table
            schema.tables.append(makeTable(u"added%1"_s.arg(i)));
            schema.tables.last().columns.append(randomColumn(random, u"a"_s));
            log->append(u"add table"_s);
            break;
        case 7: // an enum value
            schema.moods.insert(random.bounded(schema.moods.size() + 1), u"mood%1"_s.arg(i));
            log->append(u"add enum value"_s);
            break;
        case 8: // a view more or less
            if (schema.views.contains(table.name))
                schema.views.removeAll(table.name);
            else
                schema.views.append(table.name);
            log->append(u"view of "_s + table.name);
            break;
        }
    }
    return schema;
}

} // namespace

class SchemaRandomTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!m_databases.isValid())
            QSKIP(qPrintable(m_databases.error()));
    }

    void convergence_data()
    {
        QTest::addColumn<quint32>("seed");
        if (qEnvironmentVariableIsSet("RETORT_SCHEMA_SEED")) {
            QTest::newRow("seed from the environment") << quint32(qEnvironmentVariableIntValue("RETORT_SCHEMA_SEED"));
            return;
        }
        for (quint32 seed = 1; seed <= 12; ++seed)
            QTest::addRow("seed %u", seed) << seed;
    }

    void convergence()
    {
        QFETCH(quint32, seed);
        QRandomGenerator random(seed);
        const Schema before = randomSchema(random);
        QStringList log;
        const Schema after = mutated(before, random, &log);
        const QString context = u"seed %1: %2"_s.arg(seed).arg(log.join(u"; "_s));

        QString error;
        const ConnectionSettings from = m_databases.create(&error);
        const ConnectionSettings to = m_databases.create(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(runPsql(from, before.sql()), QString());
        QCOMPARE(runPsql(to, after.sql()), QString());
        const QString beforeDump = normalizedPgDump(from, &error);
        const QString afterDump = normalizedPgDump(to, &error);
        const SchemaModel beforeModel = readSchema(from, &error);
        const SchemaModel afterModel = readSchema(to, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // Forward: from "before" to "after".
        const QList<SchemaChange> forward = SchemaDiff::compare(beforeModel, afterModel);
        QCOMPARE(runPsql(from, changeScript(forward)), QString());
        QVERIFY2(normalizedPgDump(from, &error) == afterDump, qPrintable(context + u"\n"_s + changeScript(forward)));
        QCOMPARE(CanonicalDdl::write(readSchema(from, &error)), CanonicalDdl::write(afterModel));

        // Back: from "after" (where "from" now is) to "before", unless the
        // engine says a human is needed (an enum value removed: the swap is
        // written, so that too converges).
        const QList<SchemaChange> back = SchemaDiff::compare(readSchema(from, &error), beforeModel);
        const bool needsHand =
            std::any_of(back.cbegin(), back.cend(), [](const SchemaChange &c) { return !c.problem.isEmpty(); });
        if (!needsHand) {
            QCOMPARE(runPsql(from, changeScript(back)), QString());
            QVERIFY2(normalizedPgDump(from, &error) == beforeDump, qPrintable(context + u"\n"_s + changeScript(back)));
            QCOMPARE(CanonicalDdl::write(readSchema(from, &error)), CanonicalDdl::write(beforeModel));
        }

        // Determinism across a pg_dump | psql round trip.
        const ConnectionSettings copy = m_databases.create(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(runPsql(copy, pgDumpSchema(to, &error)), QString());
        QCOMPARE(CanonicalDdl::write(readSchema(copy, &error)), CanonicalDdl::write(afterModel));
    }

private:
    SchemaDatabases m_databases;
};

QTEST_GUILESS_MAIN(SchemaRandomTest)
#include "tst_schemarandom.moc"
