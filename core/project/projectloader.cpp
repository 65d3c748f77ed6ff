#include "projectloader.h"

#include "nativerevisionparser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ProjectLoader", text);
}

Result<ProjectSettings> readSettings(const QString &directory)
{
    const QString path = QDir(directory).absoluteFilePath(QStringLiteral("retort.ini"));
    if (!QFileInfo::exists(path))
        return ProjectSettings();
    Result<IniFile> ini = IniFile::read(path);
    if (!ini)
        return ini.error();
    return ProjectSettings::fromIni(*ini);
}

Result<Project> loadNative(Project project)
{
    const QString folder = QDir(project.directory).absoluteFilePath(QStringLiteral("versions"));
    project.versionFolders = { folder };
    QList<Revision> revisions;
    const QStringList files = ProjectLoader::revisionFiles(folder, QStringLiteral(".sql"));
    revisions.reserve(files.size());
    for (const QString &file : files) {
        Result<Revision> revision = NativeRevisionParser::parseFile(file);
        if (!revision)
            return revision.error();
        revisions.append(std::move(*revision));
    }
    Result<RevisionGraph> graph = RevisionGraph::build(std::move(revisions));
    if (!graph)
        return graph.error();
    project.graph = std::move(*graph);
    return project;
}

} // namespace

QStringList ProjectLoader::revisionFiles(const QString &folder, const QString &suffix)
{
    QDir dir(folder);
    QStringList names = dir.entryList({ QLatin1Char('*') + suffix }, QDir::Files | QDir::Readable, QDir::NoSort);
    // Byte-wise name order, as Python's sorted() gives Alembic.
    std::sort(names.begin(), names.end());
    QStringList paths;
    paths.reserve(names.size());
    for (const QString &name : std::as_const(names))
        paths.append(dir.filePath(name));
    return paths;
}

Result<Project> ProjectLoader::load(const QString &directory)
{
    const QFileInfo info(directory);
    if (!info.exists())
        return Error::at(directory, 0, tr("the project folder does not exist"));
    if (!info.isDir())
        return Error::at(
            directory, 0, tr("not a folder; a project is a folder with a versions/ folder or an alembic.ini"));

    Project project;
    project.directory = info.absoluteFilePath();
    Result<ProjectSettings> settings = readSettings(project.directory);
    if (!settings)
        return settings.error();
    project.settings = *settings;

    const QDir dir(project.directory);
    if (dir.exists(QStringLiteral("versions"))) {
        project.kind = ProjectKind::Native;
        return loadNative(std::move(project));
    }
    if (dir.exists(QStringLiteral("alembic.ini"))) {
        return Error::at(
            dir.absoluteFilePath(QStringLiteral("alembic.ini")), 0, tr("Alembic projects are not supported yet"));
    }
    return Error::at(
        project.directory, 0, tr("not a migration project: there is no versions/ folder and no alembic.ini"));
}

} // namespace Retort
