#include "desiredschema.h"

#include "db/sqlerror.h"
#include "sql/statementsplitter.h"
#include "util/textfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::DesiredSchema", text);
}

} // namespace

Result<QList<SchemaSource>> readDesiredSchema(const Project &project)
{
    const QString configured = project.settings.schemaFile.trimmed();
    const QString config = project.configFile.isEmpty() ? project.directory : project.configFile;
    if (configured.isEmpty()) {
        return Error::at(config, 0,
            tr("the project has no schema_file: add schema_file = schema.sql under [retort] in retort.ini, "
               "and start it with retort-cli schema dump --revision heads > schema.sql"));
    }
    const QString path = QDir(project.directory).absoluteFilePath(configured);
    const QFileInfo info(path);
    QStringList files;
    if (info.isDir()) {
        const QDir folder(path);
        for (const QString &name : folder.entryList({ QStringLiteral("*.sql") }, QDir::Files, QDir::Name))
            files.append(folder.absoluteFilePath(name));
        if (files.isEmpty())
            return Error::at(path, 0, tr("schema_file names a folder without .sql files"));
    } else if (info.isFile()) {
        files.append(path);
    } else {
        return Error::at(config, 0, tr("schema_file %1 does not exist").arg(QDir::toNativeSeparators(path)));
    }
    QList<SchemaSource> sources;
    for (const QString &file : std::as_const(files)) {
        Result<QString> text = readUtf8File(file, 64 * 1024 * 1024);
        if (!text)
            return text.error();
        sources.append({ file, *text });
    }
    return sources;
}

Result<void> loadDesiredSchema(const QSqlDatabase &db, Dialect dialect, const QList<SchemaSource> &sources)
{
    for (const SchemaSource &source : sources) {
        Result<QList<SqlStatement>> statements = StatementSplitter::split(source.text, dialect, 1, source.path);
        if (!statements)
            return statements.error();
        for (const SqlStatement &statement : std::as_const(*statements)) {
            QSqlQuery query(db);
            if (query.exec(statement.text))
                continue;
            Error error = sqlError(query.lastError());
            const int lineInStatement = statementLineOfError(query.lastError());
            error.file = source.path;
            error.line = statement.line + qMax(lineInStatement, 1) - 1;
            return error;
        }
    }
    return {};
}

} // namespace Retort
