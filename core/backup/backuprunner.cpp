#include "backuprunner.h"

#include "archivereadback.h"
#include "backupfolder.h"
#include "db/sqlerror.h"
#include "exec/executor.h"
#include "passfile.h"
#include "sql/sqlresource.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlQuery>
#include <QTemporaryFile>

#include <unistd.h>

namespace Retort {

namespace {

const QString kClientToolsHint = QStringLiteral(
    "install the PostgreSQL client tools (Debian and Ubuntu: package postgresql-client) or put them on PATH");

QString safeFileName(const QString &text)
{
    QString name = text;
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.+-]"));
    name.replace(unsafe, QStringLiteral("_"));
    return name.isEmpty() ? QStringLiteral("database") : name;
}

// "SCHEMA billing" or "TABLE public.users": how a restore names objects.
QString objectKey(const QString &kind, const QString &schema, const QString &name)
{
    if (kind == QLatin1String("SCHEMA"))
        return kind + QLatin1Char(' ') + name;
    return kind + QLatin1Char(' ') + schema + QLatin1Char('.') + name;
}

QString versionText(int number)
{
    return number >= 1000 ? QString::number(number / 100) : QStringLiteral("%1.%2").arg(number / 100).arg(number % 100);
}

} // namespace

BackupRunner::BackupRunner(Executor &executor, QObject *parent)
    : QObject(parent)
    , m_executor(executor)
{
    connect(&m_processes, &ProcessRunner::errorLine, this, [this](const QString &program, const QString &line) {
        // pg_dump names itself already ("pg_dump: reading schemas").
        emit progress(line.startsWith(program + QLatin1Char(':')) ? line : program + QLatin1String(": ") + line);
    });
}

int BackupRunner::toolVersionNumber(const QString &versionText)
{
    static const QRegularExpression pattern(QStringLiteral("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?"));
    const QRegularExpressionMatch match = pattern.match(versionText);
    if (!match.hasMatch())
        return 0;
    const int major = match.captured(1).toInt();
    // Before 10 the major version had two parts: 9.6.
    return major >= 10 ? major * 100 : major * 100 + match.captured(2).toInt();
}

Result<int> BackupRunner::serverVersion()
{
    QSqlQuery query(m_executor.database());
    if (!query.exec(sqlResource(QStringLiteral("server_version_num"), Dialect::PostgreSQL)) || !query.next())
        return sqlError(tr("cannot ask the server for its version"), query.lastError());
    const int number = query.value(0).toInt();
    // 170002 -> 1700; 90624 -> 906.
    return number >= 100000 ? (number / 10000) * 100 : number / 100;
}

Result<QString> BackupRunner::checkedTool(const QString &name, int serverVersion, QString *versionTextOut)
{
    Result<QString> path = ProcessRunner::locate(name, kClientToolsHint);
    if (!path)
        return path.error();
    ProcessRunner probe;
    Result<ProcessOutput> version = probe.run(ProcessRequest { *path, { QStringLiteral("--version") } });
    if (!version)
        return version.error();
    const QString text = QString::fromUtf8(version->standardOutput).trimmed();
    const int number = toolVersionNumber(text);
    if (number == 0)
        return Error::at(*path, 0, tr("cannot tell the version of %1 from \"%2\"").arg(name, text));
    if (versionTextOut)
        *versionTextOut = text;
    if (number < serverVersion) {
        QString message = tr("%1 %2 (%3) is older than the server (PostgreSQL %4) and cannot work with it; install "
                             "the client tools of version %4 or newer (Debian and Ubuntu: package "
                             "postgresql-client-%4) and put them first on PATH")
                              .arg(name, versionText(number), *path, versionText(serverVersion));
        // Debian keeps every installed version beside the one on PATH.
        const QStringList installed =
            QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &dir : installed) {
            const QString candidate = QStringLiteral("/usr/lib/postgresql/%1/bin/%2").arg(dir, name);
            if (dir.toInt() * 100 >= serverVersion && QFileInfo(candidate).isExecutable()) {
                message += tr(" (there is one in %1)").arg(QFileInfo(candidate).absolutePath());
                break;
            }
        }
        return Error::at({}, 0, message);
    }
    return *path;
}

Result<QString> BackupRunner::partialFile(const QString &folder, const QString &suffix, QString *finalPath)
{
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir())
        return Error::at(folder, 0, tr("the backup folder is a file, not a folder"));
    if (!info.exists()) {
        if (!QDir().mkpath(folder))
            return Error::at(folder, 0, tr("cannot create the backup folder"));
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    if (const QString failed = writeBackupIgnoreRule(folder); !failed.isEmpty())
        return Error::at(
            folder, 0, tr("cannot write in the backup folder: %1 (the ignore rule .gitignore)").arg(failed));
    const ConnectionSettings &settings = m_executor.settings();
    Result<QStringList> rows = m_executor.versionRows();
    const QString at = rows && !rows->isEmpty() ? rows->join(QLatin1Char('+')) : QStringLiteral("base");
    const QString database =
        settings.dialect == Dialect::SQLite ? QFileInfo(settings.sqlitePath).completeBaseName() : settings.database;
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString base = QDir(folder).absoluteFilePath(
        safeFileName(database) + QLatin1Char('-') + stamp + QLatin1Char('-') + safeFileName(at));
    // Never overwrite: another backup in the same second gets a number.
    QString name = base + suffix;
    for (int n = 2; QFileInfo::exists(name) || QFileInfo::exists(name + QLatin1String(".partial")); ++n)
        name = base + QLatin1Char('-') + QString::number(n) + suffix;
    *finalPath = name;
    const QString partial = name + QLatin1String(".partial");
    QFile file(partial);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return Error::at(folder, 0, tr("cannot write in the backup folder: %1").arg(file.errorString()));
    return partial;
}

Result<void> BackupRunner::finish(const QString &partial, const QString &finalPath)
{
    // On disk before it counts as a backup.
    QFile file(partial);
    if (!file.open(QIODevice::ReadOnly) || ::fsync(file.handle()) != 0) {
        QFile::remove(partial);
        return Error::at(partial, 0, tr("cannot flush the backup to disk"));
    }
    file.close();
    if (!QFile::rename(partial, finalPath)) {
        QFile::remove(partial);
        return Error::at(finalPath, 0, tr("cannot give the backup its name"));
    }
    return {};
}

Result<BackupInfo> BackupRunner::backup(const QString &folder)
{
    QElapsedTimer timer;
    timer.start();
    Result<BackupInfo> made = [&]() -> Result<BackupInfo> {
        const bool postgres = m_executor.settings().dialect == Dialect::PostgreSQL;
        BackupInfo info;
        if (Result<QStringList> rows = m_executor.versionRows(); rows)
            info.versionRows = *rows;
        // Everything that can be checked is, before a file is written.
        ToolPaths tools;
        if (postgres) {
            Result<ToolPaths> found = backupTools(&info.tool);
            if (!found)
                return found.error();
            tools = *found;
        } else {
            info.tool = QStringLiteral("SQLite VACUUM INTO");
        }
        QString finalPath;
        Result<QString> partial =
            partialFile(folder, postgres ? QStringLiteral(".dump") : QStringLiteral(".sqlite"), &finalPath);
        if (!partial)
            return partial.error();
        Result<int> entries = postgres ? dumpPostgres(tools, *partial, info.tool) : dumpSqlite(*partial);
        if (!entries) {
            QFile::remove(*partial);
            Error error = entries.error();
            error.message = tr("the backup failed and nothing was kept: %1").arg(error.message);
            return error;
        }
        if (auto r = finish(*partial, finalPath); !r)
            return r.error();
        info.entries = *entries;
        info.path = finalPath;
        info.bytes = QFileInfo(finalPath).size();
        return info;
    }();
    if (!made) {
        (void)m_executor.recordEvent(
            HistoryAction::Backup, HistoryOutcome::Failed, folder, timer.elapsed(), made.error().toString());
        return made;
    }
    made->durationMs = timer.elapsed();
    if (auto recorded =
            m_executor.recordEvent(HistoryAction::Backup, HistoryOutcome::Succeeded, made->path, made->durationMs);
        !recorded)
        return recorded.error();
    return made;
}

Result<BackupRunner::ToolPaths> BackupRunner::backupTools(QString *versionText)
{
    Result<int> server = serverVersion();
    if (!server)
        return server.error();
    emit phase(tr("Checking pg_dump and pg_restore"));
    ToolPaths tools;
    Result<QString> pgDump = checkedTool(QStringLiteral("pg_dump"), *server, versionText);
    if (!pgDump)
        return pgDump.error();
    Result<QString> pgRestore = checkedTool(QStringLiteral("pg_restore"), *server, nullptr);
    if (!pgRestore)
        return pgRestore.error();
    tools.pgDump = *pgDump;
    tools.pgRestore = *pgRestore;
    return tools;
}

Result<int> BackupRunner::dumpPostgres(const ToolPaths &tools, const QString &partial, const QString &toolVersion)
{
    const ConnectionSettings &settings = m_executor.settings();
    Result<std::unique_ptr<PassFile>> passFile = PassFile::create(settings);
    if (!passFile)
        return passFile.error();
    emit phase(tr("Dumping %1 with %2").arg(settings.displayName(), toolVersion));
    ProcessRequest dump { tools.pgDump,
        { QStringLiteral("--format=custom"), QStringLiteral("--verbose"), QStringLiteral("--file=") + partial,
            QStringLiteral("--dbname=") + settings.conninfo() } };
    (*passFile)->apply(dump);
    if (Result<ProcessOutput> dumped = m_processes.run(dump); !dumped)
        return dumped.error();

    emit phase(tr("Verifying the backup by reading it back"));
    Result<ArchiveReadBack> readBack = readBackArchive(m_processes, tools.pgRestore, partial);
    if (!readBack)
        return readBack.error();
    return readBack->entries;
}

Result<RestorePlan> BackupRunner::planRestore(const QString &file)
{
    const QFileInfo info(file);
    if (!info.isFile())
        return Error::at(file, 0, tr("there is no backup file here"));
    if (!info.isReadable())
        return Error::at(file, 0, tr("the backup file cannot be read (permissions)"));
    if (m_executor.settings().dialect == Dialect::SQLite) {
        emit phase(tr("Checking the backup"));
        if (Result<int> checked = checkSqliteBackup(info.absoluteFilePath()); !checked) {
            Error error = checked.error();
            error.file = info.absoluteFilePath();
            error.message = tr("the backup is damaged and cannot be restored: %1").arg(error.message);
            return error;
        }
        return RestorePlan { info.absoluteFilePath(), {} };
    }
    return planPostgresRestore(info.absoluteFilePath());
}

Result<RestorePlan> BackupRunner::planPostgresRestore(const QString &file)
{
    Result<QString> pgRestore = ProcessRunner::locate(QStringLiteral("pg_restore"), kClientToolsHint);
    if (!pgRestore)
        return pgRestore.error();
    // Every byte is read before anything is changed: a damaged backup is
    // refused here, not half way through the restore.
    emit phase(tr("Reading the whole backup"));
    Result<ArchiveReadBack> readBack = readBackArchive(m_processes, *pgRestore, file);
    if (!readBack)
        return readBack.error();
    // Lines: "215; 1259 16386 TABLE public users owner".
    QSet<QString> inBackup;
    static const QRegularExpression entry(
        QStringLiteral("^\\d+; \\d+ \\d+ (SCHEMA|TABLE|VIEW|MATERIALIZED VIEW|SEQUENCE|FOREIGN TABLE) (\\S+) (\\S+) "));
    for (const QByteArray &line : readBack->tableOfContents.split('\n')) {
        const QRegularExpressionMatch match = entry.match(QString::fromUtf8(line));
        if (!match.hasMatch())
            continue;
        inBackup.insert(objectKey(match.captured(1), match.captured(2), match.captured(3)));
    }
    QSqlQuery query(m_executor.database());
    if (!query.exec(sqlResource(QStringLiteral("restore_relations"), Dialect::PostgreSQL)))
        return sqlError(tr("cannot list the database's objects"), query.lastError());
    RestorePlan plan { file, {} };
    QSet<QString> droppedSchemas;
    while (query.next()) {
        const QString kind = query.value(0).toString();
        const QString schema = query.value(1).toString();
        const QString name = query.value(2).toString();
        const QString key = objectKey(kind, schema, name);
        if (inBackup.contains(key) || droppedSchemas.contains(schema))
            continue;
        if (kind == QLatin1String("SCHEMA"))
            droppedSchemas.insert(name);
        plan.removed.append(key);
    }
    return plan;
}

Result<void> BackupRunner::restore(const RestorePlan &plan)
{
    QElapsedTimer timer;
    timer.start();
    Result<void> restored =
        m_executor.settings().dialect == Dialect::PostgreSQL ? restorePostgres(plan) : restoreSqlite(plan);
    // Recorded after the restore, which replaced the history table too.
    (void)m_executor.recordEvent(HistoryAction::Restore, restored ? HistoryOutcome::Succeeded : HistoryOutcome::Failed,
        plan.file, timer.elapsed(), restored ? QString() : restored.error().toString());
    return restored;
}

Result<void> BackupRunner::restorePostgres(const RestorePlan &plan)
{
    const ConnectionSettings &settings = m_executor.settings();
    Result<QString> pgRestore = ProcessRunner::locate(QStringLiteral("pg_restore"), kClientToolsHint);
    if (!pgRestore)
        return pgRestore.error();
    Result<QString> psql = ProcessRunner::locate(QStringLiteral("psql"), kClientToolsHint);
    if (!psql)
        return psql.error();
    Result<std::unique_ptr<PassFile>> passFile = PassFile::create(settings);
    if (!passFile)
        return passFile.error();

    // First, in the same transaction, what the backup does not have.
    QTemporaryFile preamble(QDir::tempPath() + QStringLiteral("/retort-restore-XXXXXX.sql"));
    if (!preamble.open())
        return Error::at(preamble.fileName(), 0, tr("cannot write a temporary file: %1").arg(preamble.errorString()));
    QByteArray drops;
    for (const QString &object : plan.removed) {
        const qsizetype space = object.lastIndexOf(QLatin1Char(' '));
        const QString kind = object.left(space);
        const QString name = object.mid(space + 1);
        const QString qualified = kind == QLatin1String("SCHEMA")
            ? quoteIdentifier(name)
            : qualifiedTableName(name.section(QLatin1Char('.'), 0, 0), name.section(QLatin1Char('.'), 1));
        drops += sqlResource(QStringLiteral("restore_drop"), Dialect::PostgreSQL,
                     { { QStringLiteral("kind"), kind }, { QStringLiteral("name"), qualified } })
                     .toUtf8() +
            '\n';
    }
    preamble.write(drops);
    preamble.flush();

    emit phase(
        tr("Restoring %1 into %2 in one transaction").arg(QFileInfo(plan.file).fileName(), settings.displayName()));
    ProcessRequest script { *pgRestore,
        { QStringLiteral("--clean"), QStringLiteral("--if-exists"), QStringLiteral("--file=-"), plan.file } };
    ProcessRequest apply { *psql,
        { QStringLiteral("--no-psqlrc"), QStringLiteral("--quiet"), QStringLiteral("--set=ON_ERROR_STOP=1"),
            QStringLiteral("--single-transaction"), QStringLiteral("--dbname=") + settings.conninfo(),
            QStringLiteral("--file=") + preamble.fileName(), QStringLiteral("--file=-") } };
    (*passFile)->apply(apply);
    if (Result<ProcessOutput> done = m_processes.run(script, apply); !done) {
        Error error = done.error();
        error.message = tr("the restore failed and was rolled back; the database is as it was: %1").arg(error.message);
        return error;
    }
    return {};
}

} // namespace Retort
