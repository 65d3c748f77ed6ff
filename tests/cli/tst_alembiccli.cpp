// retort-cli's read commands print what `alembic` prints for the same
// command, on a project made with the `alembic` command (labels, merges,
// depends_on, several bases and heads) and a SQLite database migrated by
// `alembic upgrade` — which also checks that Retort reads the version table
// Alembic wrote. Alembic prints some sets in hash order; the reference
// helper sorts them, as Retort does.
#include "referencecomparison.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Retort;

namespace {

// Entries (log entries, or lines) in sorted order, for outputs whose order
// Alembic takes from a set.
QString sortedEntries(const QString &text)
{
    QStringList entries;
    QString entry;
    const bool logEntries = text.contains(QLatin1String("Rev: "));
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (!logEntries || line.startsWith(QLatin1String("Rev: "))) {
            entries.append(entry.trimmed());
            entry.clear();
        }
        entry += line + QLatin1Char('\n');
    }
    entries.append(entry.trimmed());
    entries.removeAll(QString());
    entries.sort();
    return entries.join(QLatin1String("\n--\n"));
}

} // namespace

class AlembicCliTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void printsWhatAlembicPrints_data();
    void printsWhatAlembicPrints();

private:
    QString alembic(const QStringList &arguments);
    QTemporaryDir m_dir;
    QString m_project;
    QString m_ini;
    QString m_url;
};

QString AlembicCliTest::alembic(const QStringList &arguments)
{
    const Test::ProcessResult result = Test::runProcess(QStringLiteral("alembic"), arguments, m_project);
    return result.exitCode == 0 ? QString()
                                : QStringLiteral("alembic %1: %2").arg(arguments.join(QLatin1Char(' ')), result.err);
}

void AlembicCliTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("project"));
    m_ini = m_project + QStringLiteral("/alembic.ini");
    m_url = QStringLiteral("sqlite:///") + m_dir.filePath(QStringLiteral("app.db"));
    QVERIFY(QDir().mkpath(m_project));
    QString failure = alembic({ QStringLiteral("init"), QStringLiteral("migrations") });
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QFile ini(m_ini);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(ini.readAll());
    ini.close();
    text.replace(
        QRegularExpression(QStringLiteral("(?m)^sqlalchemy\\.url = .*$")), QStringLiteral("sqlalchemy.url = ") + m_url);
    QVERIFY(ini.open(QIODevice::WriteOnly | QIODevice::Truncate));
    ini.write(text.toUtf8());
    ini.close();

    const auto revision = [](const QString &id, const QString &message, const QStringList &extra) {
        return QStringList { QStringLiteral("-c"), QStringLiteral("alembic.ini"), QStringLiteral("revision"),
            QStringLiteral("-m"), message, QStringLiteral("--rev-id"), id } +
            extra;
    };
    const QList<QStringList> commands = {
        revision(QStringLiteral("a1f0c0de0001"), QStringLiteral("Create organizations"),
            { QStringLiteral("--head"), QStringLiteral("base") }),
        revision(QStringLiteral("b2f0c0de0002"), QStringLiteral("Create users"), {}),
        revision(QStringLiteral("c3f0c0de0003"), QStringLiteral("Create billing plans"),
            { QStringLiteral("--branch-label"), QStringLiteral("billing") }),
        revision(QStringLiteral("d4f0c0de0004"), QStringLiteral("Add audit log"),
            { QStringLiteral("--head"), QStringLiteral("b2f0c0de0002"), QStringLiteral("--splice") }),
        revision(QStringLiteral("e5f0c0de0005"), QStringLiteral("Create invoices"),
            { QStringLiteral("--head"), QStringLiteral("billing@head") }),
        QStringList { QStringLiteral("-c"), QStringLiteral("alembic.ini"), QStringLiteral("merge"),
            QStringLiteral("-m"), QStringLiteral("Merge billing and audit"), QStringLiteral("--rev-id"),
            QStringLiteral("f6f0c0de0006"), QStringLiteral("e5f0c0de0005"), QStringLiteral("d4f0c0de0004") },
        revision(QStringLiteral("0af0c0de0007"), QStringLiteral("Reports start here"),
            { QStringLiteral("--head"), QStringLiteral("base"), QStringLiteral("--branch-label"),
                QStringLiteral("reports") }),
        revision(QStringLiteral("0bf0c0de0008"), QStringLiteral("Reports read users"),
            { QStringLiteral("--head"), QStringLiteral("reports@head"), QStringLiteral("--depends-on"),
                QStringLiteral("b2f0c0de0002") }),
        revision(QStringLiteral("99f0c0de0009"), QStringLiteral("Soft-delete documents"),
            { QStringLiteral("--head"), QStringLiteral("f6f0c0de0006") }),
        // Real migrations on a real SQLite file: all heads, then one step
        // back on the reports branch.
        { QStringLiteral("-c"), QStringLiteral("alembic.ini"), QStringLiteral("upgrade"), QStringLiteral("heads") },
        { QStringLiteral("-c"), QStringLiteral("alembic.ini"), QStringLiteral("downgrade"),
            QStringLiteral("reports@-1") },
    };
    for (const QStringList &command : commands) {
        failure = alembic(command);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }
}

void AlembicCliTest::printsWhatAlembicPrints_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("unordered");
    const auto row = [](const char *name, const QStringList &arguments, bool unordered = false) {
        QTest::newRow(name) << arguments << unordered;
    };
    row("heads", { QStringLiteral("heads") });
    row("heads-verbose", { QStringLiteral("heads"), QStringLiteral("--verbose") });
    row("heads-resolve-dependencies", { QStringLiteral("heads"), QStringLiteral("--resolve-dependencies") });
    row("history", { QStringLiteral("history") });
    row("history-verbose", { QStringLiteral("history"), QStringLiteral("--verbose") });
    row("history-indicate-current", { QStringLiteral("history"), QStringLiteral("-i") });
    row("history-range", { QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral("b2f0:f6f0c0de0006") });
    row("history-from", { QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral("d4f0c0de0004:") });
    row("history-to", { QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral(":c3f0c0de0003") });
    row("history-label-range",
        { QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral("reports@base:reports@head") });
    row("history-relative", { QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral("d4f0c0de0004:+1") });
    row("history-from-current", { QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral("current:") });
    row("history-to-current-verbose",
        { QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral(":current"), QStringLiteral("--verbose") });
    row("branches", { QStringLiteral("branches") });
    row("branches-verbose", { QStringLiteral("branches"), QStringLiteral("--verbose") });
    row("show-prefix", { QStringLiteral("show"), QStringLiteral("c3f0") });
    row("show-heads", { QStringLiteral("show"), QStringLiteral("heads") });
    row("show-label-head", { QStringLiteral("show"), QStringLiteral("billing@head") });
    row("show-relative", { QStringLiteral("show"), QStringLiteral("-1") });
    row("show-current", { QStringLiteral("show"), QStringLiteral("current") }, true);
    row("current", { QStringLiteral("current") }, true);
    row("current-verbose", { QStringLiteral("current"), QStringLiteral("--verbose") }, true);
}

void AlembicCliTest::printsWhatAlembicPrints()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, unordered);
    const Test::ProcessResult expected = Test::runProcess(Test::pythonExecutable(),
        QStringList { Test::referenceHelper(), QStringLiteral("cli"), QStringLiteral("-c"), m_ini } + arguments,
        m_project, { QStringLiteral("PYTHONHASHSEED=0") });
    QVERIFY2(expected.exitCode == 0, qPrintable(expected.err));
    const Test::ProcessResult actual = Test::runProcess(Test::cliExecutable(),
        QStringList { QStringLiteral("-p"), m_project, QStringLiteral("--db"), m_url } + arguments);
    QVERIFY2(actual.exitCode == 0, qPrintable(actual.err));
    QCOMPARE(actual.err, QString());
    QVERIFY2(!actual.out.isEmpty(), "no output");
    if (unordered)
        QCOMPARE(sortedEntries(actual.out), sortedEntries(expected.out));
    else
        QCOMPARE(actual.out, expected.out);
}

QTEST_GUILESS_MAIN(AlembicCliTest)
#include "tst_alembiccli.moc"
