#include "backupverifier.h"

#include "archivereadback.h"
#include "backupcatalog.h"
#include "backuprunner.h"
#include "db/versiontable.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::BackupVerifier", text);
}

Error damaged(const QString &file, Error error)
{
    error.file = file;
    error.message = tr("the backup is damaged: %1").arg(error.message);
    return error;
}

} // namespace

BackupVerifier::BackupVerifier(QObject *parent)
    : QObject(parent)
{
    connect(&m_processes, &ProcessRunner::errorLine, this, [this](const QString &program, const QString &line) {
        emit progress(line.startsWith(program + QLatin1Char(':')) ? line : program + QLatin1String(": ") + line);
    });
}

std::optional<QStringList> copiedRows(const QByteArray &script, const QString &table)
{
    // "COPY public.alembic_version (version_num) FROM stdin;", rows, "\.".
    const QByteArray quoted = '"' + table.toUtf8() + '"';
    bool inBlock = false;
    std::optional<QStringList> rows;
    for (const QByteArray &line : script.split('\n')) {
        if (!inBlock) {
            if (!line.startsWith("COPY ") || !line.endsWith("FROM stdin;"))
                continue;
            const QByteArray name = line.mid(5, line.indexOf(' ', 5) - 5);
            const QByteArray bare = name.mid(name.lastIndexOf('.') + 1);
            if (bare == table.toUtf8() || bare == quoted) {
                inBlock = true;
                rows = QStringList();
            }
            continue;
        }
        if (line == "\\.")
            break;
        rows->append(QString::fromUtf8(line.split('\t').constFirst()));
    }
    if (rows)
        rows->sort();
    return rows;
}

Result<BackupCheck> BackupVerifier::verify(const QString &file, const ProjectSettings &settings)
{
    Result<BackupFile> described = BackupCatalog::describe(file);
    if (!described)
        return described.error();
    switch (described->format) {
    case BackupFormat::PostgresCustom:
        return verifyPostgres(described->path, settings);
    case BackupFormat::Sqlite:
        return verifySqlite(described->path, settings);
    case BackupFormat::Unknown:
        break;
    }
    return Error::at(described->path, 0,
        tr("not a backup Retort can read: neither a pg_dump archive (custom format) nor a SQLite database"));
}

Result<BackupCheck> BackupVerifier::verifyPostgres(const QString &file, const ProjectSettings &settings)
{
    Result<QString> pgRestore = ProcessRunner::locate(QStringLiteral("pg_restore"),
        tr("install the PostgreSQL client tools (Debian and Ubuntu: package postgresql-client) or put them on PATH"));
    if (!pgRestore)
        return pgRestore.error();
    BackupCheck check { file, 0, {}, false };

    emit phase(tr("Reading the whole backup"));
    Result<ArchiveReadBack> readBack = readBackArchive(m_processes, *pgRestore, file);
    if (!readBack)
        return readBack.error();
    check.entries = readBack->entries;

    emit phase(tr("Reading the revision in the backup"));
    QStringList arguments { QStringLiteral("--data-only"), QStringLiteral("--table=") + settings.versionTable,
        QStringLiteral("--file=-") };
    if (!settings.versionTableSchema.isEmpty())
        arguments.append(QStringLiteral("--schema=") + settings.versionTableSchema);
    arguments.append(file);
    Result<ProcessOutput> versions = m_processes.run(ProcessRequest { *pgRestore, arguments });
    if (!versions)
        return damaged(file, versions.error());
    if (std::optional<QStringList> rows = copiedRows(versions->standardOutput, settings.versionTable)) {
        check.versionRows = *rows;
        check.versionRowsKnown = true;
    }
    return check;
}

Result<BackupCheck> BackupVerifier::verifySqlite(const QString &file, const ProjectSettings &settings)
{
    emit phase(tr("Checking the backup's integrity"));
    Result<int> tables = BackupRunner::checkSqliteBackup(file);
    if (!tables) {
        Error error = tables.error();
        error.file = file;
        return error;
    }
    BackupCheck check { file, *tables, {}, false };
    emit phase(tr("Reading the revision in the backup"));
    ConnectionSettings connection;
    connection.dialect = Dialect::SQLite;
    connection.sqlitePath = file;
    Result<VersionRows> rows = VersionTable::read(connection, settings);
    if (!rows)
        return damaged(file, rows.error());
    check.versionRows = rows->rows;
    check.versionRowsKnown = rows->tableExists;
    return check;
}

} // namespace Retort
