// Seeded random schemas and random changes to them: for each seed, the diff
// from one to the other, applied with psql, must give the same schema by
// Retort's dump and by pg_dump. A failure names its seed; rerun one with
// RETORT_SCHEMA_SEED=N.

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

struct RandomColumn {
    QString name;
    QString type;
    bool notNull = false;
    QString defaultValue;
};

struct RandomTable {
    QString name;
    QList<RandomColumn> columns; // the first is "id integer PRIMARY KEY"
    QStringList indexed; // columns with an index of their own
    QString references; // a table whose id the column "ref" references
};

struct RandomView {
    QString name;
    QString table;
    QStringList columns;
    int threshold = 0;
};

struct RandomSchema {
    QList<RandomTable> tables;
    QList<RandomView> views;
    int counter = 0;
};

// Types and the type each may become without data to convert.
const QList<std::pair<QString, QString>> &types()
{
    static const QList<std::pair<QString, QString>> list = { { u"integer"_s, u"bigint"_s },
        { u"bigint"_s, u"numeric"_s }, { u"text"_s, u"character varying(200)"_s },
        { u"character varying(20)"_s, u"text"_s }, { u"numeric(8,2)"_s, u"numeric(12,2)"_s },
        { u"boolean"_s, u"text"_s }, { u"date"_s, u"timestamp without time zone"_s }, { u"jsonb"_s, u"json"_s } };
    return list;
}

QString defaultFor(const QString &type)
{
    if (type == u"integer"_s || type == u"bigint"_s || type.startsWith(u"numeric"_s))
        return u"0"_s;
    if (type == u"boolean"_s)
        return u"false"_s;
    if (type == u"date"_s)
        return u"CURRENT_DATE"_s;
    return u"'x'"_s;
}

RandomColumn randomColumn(QRandomGenerator &random, RandomSchema &schema)
{
    RandomColumn column;
    column.name = u"c%1"_s.arg(++schema.counter);
    column.type = types().at(random.bounded(int(types().size()))).first;
    column.notNull = random.bounded(4) == 0;
    if (random.bounded(3) == 0)
        column.defaultValue = defaultFor(column.type);
    return column;
}

void addTable(QRandomGenerator &random, RandomSchema &schema)
{
    RandomTable table;
    table.name = u"t%1"_s.arg(++schema.counter);
    table.columns.append({ u"id"_s, u"integer"_s, true, {} });
    for (int i = random.bounded(1, 5); i > 0; --i)
        table.columns.append(randomColumn(random, schema));
    if (!schema.tables.isEmpty() && random.bounded(2) == 0) {
        table.references = schema.tables.at(random.bounded(int(schema.tables.size()))).name;
        table.columns.append({ u"ref"_s, u"integer"_s, false, {} });
    }
    if (random.bounded(2) == 0)
        table.indexed.append(table.columns.at(1).name);
    schema.tables.append(table);
}

void addView(QRandomGenerator &random, RandomSchema &schema)
{
    const RandomTable &table = schema.tables.at(random.bounded(int(schema.tables.size())));
    RandomView view { u"v%1"_s.arg(++schema.counter), table.name, { u"id"_s }, random.bounded(100) };
    if (table.columns.size() > 1)
        view.columns.append(table.columns.at(1 + random.bounded(int(table.columns.size()) - 1)).name);
    schema.views.append(view);
}

void mutate(QRandomGenerator &random, RandomSchema &schema)
{
    RandomTable &table = schema.tables[random.bounded(int(schema.tables.size()))];
    switch (random.bounded(9)) {
    case 0:
        table.columns.append(randomColumn(random, schema));
        break;
    case 1: { // drop a column, and the views and indexes that use it
        if (table.columns.size() < 3)
            break;
        const int index = 1 + random.bounded(int(table.columns.size()) - 1);
        const QString name = table.columns.takeAt(index).name;
        if (name == u"ref"_s)
            table.references.clear();
        table.indexed.removeAll(name);
        schema.views.removeIf([&](const RandomView &v) { return v.table == table.name && v.columns.contains(name); });
        break;
    }
    case 2: { // change a type
        RandomColumn &column = table.columns[random.bounded(int(table.columns.size()))];
        if (column.name == u"id"_s || column.name == u"ref"_s)
            break;
        for (const auto &[from, to] : types()) {
            if (from == column.type) {
                column.type = to;
                column.defaultValue = column.defaultValue.isEmpty() ? QString() : defaultFor(to);
                break;
            }
        }
        break;
    }
    case 3: {
        RandomColumn &column = table.columns.last();
        if (column.name != u"id"_s)
            column.notNull = !column.notNull;
        break;
    }
    case 4: {
        RandomColumn &column = table.columns.last();
        column.defaultValue = column.defaultValue.isEmpty() ? defaultFor(column.type) : QString();
        break;
    }
    case 5:
        if (table.indexed.isEmpty())
            table.indexed.append(table.columns.last().name);
        else
            table.indexed.clear();
        break;
    case 6:
        addTable(random, schema);
        break;
    case 7: { // drop a table nothing references
        const QString name = table.name;
        if (std::any_of(schema.tables.cbegin(), schema.tables.cend(),
                [&](const RandomTable &t) { return t.references == name; }) ||
            schema.tables.size() < 2)
            break;
        schema.views.removeIf([&](const RandomView &v) { return v.table == name; });
        schema.tables.removeIf([&](const RandomTable &t) { return t.name == name; });
        break;
    }
    default:
        if (!schema.views.isEmpty() && random.bounded(2) == 0)
            schema.views[random.bounded(int(schema.views.size()))].threshold += 1;
        else
            addView(random, schema);
        break;
    }
}

QString sql(const RandomSchema &schema)
{
    QString text;
    for (const RandomTable &table : schema.tables) {
        QStringList columns;
        for (const RandomColumn &column : table.columns) {
            QString definition = column.name + u' ' + column.type;
            if (column.name == u"id"_s)
                definition += u" PRIMARY KEY"_s;
            else if (column.notNull)
                definition += u" NOT NULL"_s;
            if (!column.defaultValue.isEmpty())
                definition += u" DEFAULT "_s + column.defaultValue;
            if (column.name == u"ref"_s)
                definition += u" REFERENCES "_s + table.references;
            columns.append(definition);
        }
        text += u"CREATE TABLE %1 (%2);\n"_s.arg(table.name, columns.join(u", "_s));
        for (const QString &column : table.indexed)
            text += u"CREATE INDEX %1_%2 ON %1 (%2);\n"_s.arg(table.name, column);
    }
    for (const RandomView &view : schema.views)
        text += u"CREATE VIEW %1 AS SELECT %2 FROM %3 WHERE id > %4;\n"_s
                    .arg(view.name, view.columns.join(u", "_s), view.table)
                    .arg(view.threshold);
    return text;
}

} // namespace

class SchemaRandomTest : public QObject
{
    Q_OBJECT

private slots:
    void convergence_data()
    {
        QTest::addColumn<quint32>("seed");
        if (qEnvironmentVariableIsSet("RETORT_SCHEMA_SEED")) {
            QTest::newRow("seed-from-environment") << quint32(qEnvironmentVariableIntValue("RETORT_SCHEMA_SEED"));
            return;
        }
        for (quint32 seed = 1; seed <= 8; ++seed)
            QTest::newRow(qPrintable(u"seed-%1"_s.arg(seed))) << seed;
    }

    void convergence()
    {
        QFETCH(quint32, seed);
        if (!m_databases.isValid())
            QSKIP(qPrintable(m_databases.error()));
        QRandomGenerator random(seed);
        RandomSchema before;
        for (int i = random.bounded(3, 7); i > 0; --i)
            addTable(random, before);
        for (int i = random.bounded(0, 3); i > 0; --i)
            addView(random, before);
        RandomSchema after = before;
        for (int i = random.bounded(2, 8); i > 0; --i)
            mutate(random, after);

        QString error;
        const ConnectionSettings from = m_databases.create(&error);
        const ConnectionSettings to = m_databases.create(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(runPsql(from, sql(before)), QString());
        QCOMPARE(runPsql(to, sql(after)), QString());
        const SchemaModel target = readSchema(to, &error);
        const QString script = changeScript(SchemaDiff::compare(readSchema(from, &error), target));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(
            runPsql(from, script).isEmpty(), qPrintable(sql(before) + u"\n--\n"_s + sql(after) + u"\n--\n"_s + script));
        QCOMPARE(CanonicalDdl::write(readSchema(from, &error)), CanonicalDdl::write(target));
        QCOMPARE(normalizedPgDump(from, &error), normalizedPgDump(to, &error));
    }

private:
    SchemaDatabases m_databases;
};

QTEST_GUILESS_MAIN(SchemaRandomTest)
#include "tst_schemarandom.moc"
