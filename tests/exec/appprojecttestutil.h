// What the suites of the realistic Alembic app project share (the project
// made by make_app_project.py or make_review_project.py: settings read from
// DB_* variables, SQLAlchemy models, a virtualenv): reading and changing its
// files, copying it, and the variables that point its settings at a database.
#pragma once

#include "testsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

namespace Retort::Test {

inline QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

inline bool writeText(const QString &path, const QString &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text.toUtf8()) >= 0;
}

// Copies a project folder without its virtualenv and Python's caches.
inline bool copyProjectTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(from).relativeFilePath(path);
        if (relative.startsWith(QLatin1String(".venv/")) || relative.contains(QLatin1String("__pycache__")))
            continue;
        const QString target = QDir(to).filePath(relative);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(path, target))
            return false;
    }
    return true;
}

// The variables the app's settings read, pointing at `settings`; libpq
// finds the password elsewhere (PGPASSFILE or PGPASSWORD).
inline QStringList appEnvironment(const ConnectionSettings &settings)
{
    if (settings.dialect == Dialect::SQLite)
        return { QStringLiteral("DB_PATH=") + settings.sqlitePath };
    return { QStringLiteral("DB_HOST=") + settings.host, QStringLiteral("DB_PORT=") + QString::number(settings.port),
        QStringLiteral("DB_NAME=") + settings.database, QStringLiteral("DB_USER=") + settings.user };
}

inline ProcessResult python(const QStringList &arguments, const QString &directory = {})
{
    return runProcess(QStringLiteral("python3"), arguments, directory);
}

} // namespace Retort::Test
