#include "demoproject.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace Retort::DemoProject {

namespace {

QString dataFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace

QString install(QString *error)
{
    const QString target = QDir(dataFolder()).filePath(QStringLiteral("demo-project"));
    // Once copied it is the user's: their edits are kept.
    if (QFile::exists(QDir(target).filePath(QStringLiteral("retort.ini"))))
        return target;
    QDirIterator files(QStringLiteral(":/retort/demo"), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString source = files.next();
        const QString relative = source.mid(QStringLiteral(":/retort/demo/").size());
        const QString destination = QDir(target).filePath(relative);
        if (!QDir().mkpath(QFileInfo(destination).absolutePath()) || !QFile::copy(source, destination)) {
            if (error)
                *error = QCoreApplication::translate("Retort::DemoProject", "Cannot write the demo project into %1")
                             .arg(QDir::toNativeSeparators(target));
            return {};
        }
        // Resources are read-only; the copy must not be.
        QFile::setPermissions(destination, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return target;
}

QString databaseFile()
{
    return QDir(dataFolder()).filePath(QStringLiteral("demo.sqlite"));
}

} // namespace Retort::DemoProject
