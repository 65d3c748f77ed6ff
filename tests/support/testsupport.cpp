#include "testsupport.h"

#include "graph/revisiongraph.h"
#include "graph/targetresolver.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

namespace Retort::Test {

QString sourceDirectory()
{
    return QStringLiteral(RETORT_TEST_SOURCE_DIR);
}

QString demoProjectDirectory()
{
    return sourceDirectory() + QStringLiteral("/migrations");
}

QString testDataDirectory()
{
    return sourceDirectory() + QStringLiteral("/tests/data");
}

QString cliExecutable()
{
    return QStringLiteral(RETORT_TEST_CLI);
}

QString guiExecutable()
{
    return QStringLiteral(RETORT_TEST_GUI);
}

QList<Revision> revisionsFromSpecs(const QStringList &specs)
{
    QList<Revision> result;
    for (const QString &spec : specs) {
        Revision revision;
        QString rest = spec;
        const auto take = [&rest](QChar marker) {
            const qsizetype at = rest.indexOf(marker);
            if (at < 0)
                return QStringList();
            const QString part = rest.mid(at + 1);
            rest.truncate(at);
            return part.split(QLatin1Char(','), Qt::SkipEmptyParts);
        };
        revision.branchLabels = take(QLatin1Char('#'));
        revision.dependsOn = take(QLatin1Char('|'));
        const qsizetype arrow = rest.indexOf(QLatin1String("<-"));
        revision.id = arrow < 0 ? rest : rest.left(arrow);
        if (arrow >= 0)
            revision.downRevisions = rest.mid(arrow + 2).split(QLatin1Char(','), Qt::SkipEmptyParts);
        revision.setFilePath(QStringLiteral("versions/%1.sql").arg(revision.id));
        revision.message = QStringLiteral("revision %1").arg(revision.id);
        result.append(revision);
    }
    return result;
}

TemporaryProject::TemporaryProject()
{
    QDir(m_dir.path()).mkpath(QStringLiteral("versions"));
}

QString TemporaryProject::versionsPath() const
{
    return m_dir.filePath(QStringLiteral("versions"));
}

QString TemporaryProject::writeFile(const QString &relativePath, const QByteArray &content) const
{
    const QString path = m_dir.filePath(relativePath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

void TemporaryProject::copyFrom(const QString &projectDirectory) const
{
    for (const QString &folder : { QString(), QStringLiteral("versions") }) {
        const QDir source(QDir(projectDirectory).filePath(folder));
        const QDir target(QDir(path()).filePath(folder));
        for (const QString &name : source.entryList(QDir::Files)) {
            if (!QFile::copy(source.filePath(name), target.filePath(name)))
                qFatal("cannot copy %s", qPrintable(source.filePath(name)));
        }
    }
}

QString TemporaryProject::writeRevision(const QString &name, const QByteArray &content) const
{
    return writeFile(QStringLiteral("versions/") + name, content);
}

QByteArray TemporaryProject::nativeRevision(const QString &id, const QString &downRevisions, const QString &message,
    const QString &extraHeader, const QString &upgradeSql)
{
    QString text =
        QStringLiteral("-- revision: %1\n-- down_revision: %2\n-- message: %3\n").arg(id, downRevisions, message);
    text += extraHeader;
    text += QStringLiteral("\n-- migrate:upgrade\n%1\n\n-- migrate:downgrade\nSELECT 1;\n").arg(upgradeSql);
    return text.toUtf8();
}

bool postgresAvailable(QString *why)
{
    if (qEnvironmentVariableIsEmpty("RETORT_TEST_PG_URL")) {
        if (why)
            *why =
                QStringLiteral("RETORT_TEST_PG_URL is not set: run the tests with ./dev test, which starts PostgreSQL");
        return false;
    }
    return true;
}

ScratchPostgresDatabase::ScratchPostgresDatabase()
{
    if (!postgresAvailable(&m_error))
        return;
    Result<ConnectionSettings> admin = ConnectionSettings::fromUrl(qEnvironmentVariable("RETORT_TEST_PG_URL"));
    if (!admin) {
        m_error = admin.error().toString();
        return;
    }
    m_admin = *admin;
    m_settings = m_admin;
    m_settings.database = QStringLiteral("retort_test_%1_%2")
                              .arg(QCoreApplication::applicationPid())
                              .arg(QRandomGenerator::global()->generate() % 1000000);
    auto connection = DatabaseConnection::open(m_admin);
    if (!connection) {
        m_error = connection.error().toString();
        return;
    }
    QSqlQuery query((*connection)->database());
    if (!query.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(m_settings.database))) {
        m_error = query.lastError().text();
        return;
    }
    m_valid = true;
}

ScratchPostgresDatabase::~ScratchPostgresDatabase()
{
    if (!m_valid)
        return;
    auto connection = DatabaseConnection::open(m_admin);
    if (!connection)
        return;
    QSqlQuery query((*connection)->database());
    query.exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_settings.database));
}

std::unique_ptr<DatabaseConnection> ScratchPostgresDatabase::connect() const
{
    auto connection = DatabaseConnection::open(m_settings);
    if (!connection)
        qWarning("%s", qPrintable(connection.error().toString()));
    return connection ? std::move(*connection) : nullptr;
}

ReadOnlyRole::ReadOnlyRole(const ConnectionSettings &admin, const QString &name, const QStringList &extraRoles)
    : m_admin(admin)
    , m_settings(admin)
{
    m_settings.user = QStringLiteral("%1_%2").arg(name).arg(QCoreApplication::applicationPid());
    m_settings.password = QStringLiteral("reader-%1").arg(QRandomGenerator::global()->generate());
    QStringList setup = { QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_settings.user),
        QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(m_settings.user, m_settings.password),
        QStringLiteral("ALTER ROLE %1 SET default_transaction_read_only = on").arg(m_settings.user) };
    for (const QString &role : QStringList { QStringLiteral("pg_read_all_data") } + extraRoles)
        setup.append(QStringLiteral("GRANT %1 TO %2").arg(role, m_settings.user));
    for (const QString &sql : std::as_const(setup)) {
        if (!execute(sql))
            return;
    }
    m_valid = true;
}

ReadOnlyRole::~ReadOnlyRole()
{
    execute(QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_settings.user));
}

bool ReadOnlyRole::execute(const QString &sql)
{
    auto connection = DatabaseConnection::open(m_admin);
    if (!connection) {
        m_error = connection.error().toString();
        return false;
    }
    QSqlQuery query((*connection)->database());
    if (!query.exec(sql)) {
        m_error = sql + QLatin1String(": ") + query.lastError().text();
        return false;
    }
    return true;
}

ProcessResult runProcess(const QString &program, const QStringList &arguments, const QString &workingDirectory,
    const QStringList &environment, const QByteArray &input, int timeoutMs)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : environment) {
        const qsizetype equals = entry.indexOf(QLatin1Char('='));
        if (equals < 0)
            env.remove(entry);
        else
            env.insert(entry.left(equals), entry.mid(equals + 1));
    }
    process.setProcessEnvironment(env);
    process.start();
    ProcessResult result;
    if (!process.waitForStarted()) {
        result.err = process.errorString();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

bool matchesGoldenFile(const QString &actual, const QString &path, QString *difference)
{
    if (qEnvironmentVariableIntValue("RETORT_REGENERATE") == 1) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write(actual.toUtf8());
        return true;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *difference = QStringLiteral("no golden file %1; run with RETORT_REGENERATE=1 to create it").arg(path);
        return false;
    }
    const QString expected = QString::fromUtf8(file.readAll());
    if (expected == actual)
        return true;
    const QStringList expectedLines = expected.split(QLatin1Char('\n'));
    const QStringList actualLines = actual.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < std::max(expectedLines.size(), actualLines.size()); ++i) {
        const QString e = expectedLines.value(i, QStringLiteral("<end of file>"));
        const QString a = actualLines.value(i, QStringLiteral("<end of output>"));
        if (e != a) {
            *difference = QStringLiteral("%1:%2:\n  expected: %3\n  actual:   %4").arg(path).arg(i + 1).arg(e, a);
            return false;
        }
    }
    return false;
}

QStringList revisionIds(const RevisionGraph &graph, const QList<int> &indexes)
{
    QStringList result;
    for (int index : indexes) {
        if (index == TargetResolver::None)
            result.append(QStringLiteral("<none>"));
        else if (index == TargetResolver::BaseMarker)
            result.append(QStringLiteral("base"));
        else
            result.append(graph.revision(index).id);
    }
    return result;
}

QStringList revisionIds(const RevisionGraph &graph, IndexSpan indexes)
{
    return revisionIds(graph, indexes.toList());
}

} // namespace Retort::Test
