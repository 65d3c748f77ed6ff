// The objects of a schema text and what differs between two of them: what
// the review's tree of changes shows, attributed to the step that made it.
#include "shadow/schemaobjects.h"

#include <QTest>

using namespace Retort;

Q_DECLARE_METATYPE(Retort::Dialect)

class TestSchemaObjects : public QObject
{
    Q_OBJECT

private slots:
    void compare_data();
    void compare();
    void attribution();
};

static QString describe(const QList<SchemaObjectChange> &changes)
{
    QStringList lines;
    for (const SchemaObjectChange &change : changes) {
        const SchemaObject &object = change.object();
        lines.append(QStringLiteral("%1 %2 %3")
                         .arg(schemaActionName(change.action), object.kind,
                             object.table.isEmpty() ? object.name : object.table + QLatin1Char('.') + object.name));
    }
    return lines.join(QLatin1String("; "));
}

void TestSchemaObjects::compare_data()
{
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expected");
    const QString users = QStringLiteral("CREATE TABLE public.users (\n    id integer NOT NULL,\n    email text\n);\n");
    QTest::newRow("nothing") << Dialect::PostgreSQL << users << users << QString();
    QTest::newRow("table-added-is-one-change")
        << Dialect::PostgreSQL << QString() << users << QStringLiteral("added table public.users");
    QTest::newRow("table-removed") << Dialect::PostgreSQL << users << QString()
                                   << QStringLiteral("removed table public.users");
    QTest::newRow("column-added") << Dialect::PostgreSQL << users
                                  << QStringLiteral(
                                         "CREATE TABLE public.users (\n    id integer NOT NULL,\n    email text,\n    "
                                         "email_verified boolean\n);\n")
                                  << QStringLiteral("added column public.users.email_verified");
    QTest::newRow("column-altered") << Dialect::PostgreSQL << users
                                    << QStringLiteral("CREATE TABLE public.users (\n    id bigint NOT NULL,\n    "
                                                      "email text\n);\n")
                                    << QStringLiteral("altered column public.users.id");
    QTest::newRow("index-and-constraint")
        << Dialect::PostgreSQL << users
        << users +
            QStringLiteral("\nALTER TABLE ONLY public.users\n    ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n\n"
                           "CREATE UNIQUE INDEX ix_users_email ON public.users USING btree (email);\n")
        << QStringLiteral("added constraint public.users.users_pkey; added index public.users.ix_users_email");
    QTest::newRow("sqlite-one-line-table")
        << Dialect::SQLite << QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\n")
        << QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INT, UNIQUE (a, b));\n")
        << QStringLiteral("added column t.b; added constraint t.unique1");
    QTest::newRow("view-altered") << Dialect::PostgreSQL
                                  << QStringLiteral("CREATE VIEW public.v AS\n SELECT 1 AS one;\n")
                                  << QStringLiteral("CREATE VIEW public.v AS\n SELECT 2 AS one;\n")
                                  << QStringLiteral("altered view public.v");
}

void TestSchemaObjects::compare()
{
    QFETCH(Dialect, dialect);
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, expected);
    QCOMPARE(describe(compareSchemaObjects(before, after, dialect)), expected);
}

void TestSchemaObjects::attribution()
{
    const QString empty;
    const QString one = QStringLiteral("CREATE TABLE t (id int);\n");
    const QString two = QStringLiteral("CREATE TABLE t (id int, a int);\n");
    const QString three = QStringLiteral("CREATE TABLE t (id int, a int);\nCREATE INDEX i ON t (a);\n");
    const QList<SchemaObjectChange> changes = attributeChanges(empty, { one, two, three }, Dialect::SQLite);
    QCOMPARE(describe(changes), QStringLiteral("added index t.i; added table t"));
    QCOMPARE(changes.at(0).step, 2); // the index, by the third step
    QCOMPARE(changes.at(1).step, 0); // the table, by the step that created it
}

QTEST_GUILESS_MAIN(TestSchemaObjects)
#include "tst_schemaobjects.moc"
