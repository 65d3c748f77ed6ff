#include "projectloader.h"

#include "alembicconfig.h"
#include "alembicrevisionparser.h"
#include "nativerevisionparser.h"
#include "revisionfiles.h"
#include "revisionindex.h"
#include "util/bytearena.h"
#include "util/stringarena.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QMutex>
#include <QSet>
#include <QtConcurrentMap>

#include <atomic>
#include <vector>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ProjectLoader", text);
}

Result<IniFile> readIni(const QString &path)
{
    return IniFile::read(path);
}

// retort.ini next to the project when there is one, else the [retort]
// sections of alembic.ini (for Alembic projects).
Result<ProjectSettings> readSettings(const QString &directory, const IniFile *alembicIni)
{
    const QString path = QDir(directory).absoluteFilePath(QStringLiteral("retort.ini"));
    if (QFileInfo::exists(path)) {
        Result<IniFile> ini = readIni(path);
        if (!ini)
            return ini.error();
        return ProjectSettings::fromIni(*ini);
    }
    if (alembicIni)
        return ProjectSettings::fromIni(*alembicIni);
    return ProjectSettings();
}

// With keepBrokenRevisions: parents that are no revision of the project
// are taken off (and recorded), so that the rest of the graph can be built.
void detachMissingParents(Project &project, QList<Revision> &revisions)
{
    QSet<QString> ids;
    ids.reserve(revisions.size());
    for (const Revision &revision : std::as_const(revisions))
        ids.insert(revision.id);
    for (Revision &revision : revisions) {
        BrokenRevision broken;
        for (const QString &parent : std::as_const(revision.downRevisions)) {
            if (!ids.contains(parent))
                broken.missing.append(parent);
        }
        if (broken.missing.isEmpty())
            continue;
        broken.id = revision.id;
        broken.downRevisions = revision.downRevisions;
        broken.error = errorAbout(revision,
            tr("down_revision %1 of revision %2 is not a revision of this project")
                .arg(broken.missing.join(QLatin1String(", ")), revision.id));
        for (const QString &parent : std::as_const(broken.missing))
            revision.downRevisions.removeAll(parent);
        project.broken.append(broken);
    }
}

Result<Project> buildGraph(Project project, QList<Revision> revisions, const LoadOptions &options)
{
    if (options.keepBrokenRevisions)
        detachMissingParents(project, revisions);
    if (revisions.isEmpty()) {
        project.warnings.append(Error::at(project.versionFolders.value(0), 0,
            project.kind == ProjectKind::Native ? tr("there are no revision files (*.sql) here yet")
                                                : tr("there are no revision files (*.py) here yet")));
    }
    Result<RevisionGraph> graph = RevisionGraph::build(std::move(revisions));
    if (!graph)
        return graph.error();
    project.graph = std::move(*graph);
    return project;
}

// After the index of `names` was written: the SQL parsed from each file now
// lies in it too, mapped (its pages given back as they are compared), and
// is taken from there instead of the heap, as the next open would.
void shareSectionsWithIndex(
    const QString &indexFile, const QStringList &names, const QList<FileStamp> &stamps, QList<Revision> &revisions)
{
    const RevisionIndex written = RevisionIndex::open(indexFile);
    const QList<qsizetype> entries = written.match(names);
    constexpr qsizetype kChunk = 4096;
    for (qsizetype first = 0; first < names.size(); first += kChunk) {
        const qsizetype end = std::min(names.size(), first + kChunk);
        for (qsizetype i = first; i < end; ++i) {
            if (const qsizetype entry = entries.at(i); entry >= 0 && written.stamp(entry) == stamps.at(i))
                written.shareSections(entry, revisions[i]);
        }
        written.releaseMatched(entries, first, end);
    }
    written.releaseAll();
}

// The revisions of a native versions folder, in file order. Everything it
// needs for that (the listing, the index's table) is gone when it returns,
// before the graph is built: at 100,000 revisions that is about 20 MB less
// at the peak.
Result<QList<Revision>> readNativeRevisions(
    const QString &folder, const LoadOptions &options, qsizetype *revisionsFromIndex)
{
    const qint64 listedAtMs = QDateTime::currentMSecsSinceEpoch();
    // Names, not paths: each revision shares its name with the listing, and
    // all of them the folder's path (at 100,000 revisions the whole paths
    // were 18 MB).
    Result<QStringList> names =
        listRevisionFileNames(folder, [](const QString &name) { return name.endsWith(QLatin1String(".sql")); });
    if (!names)
        return names.error();
    // With its '/', as QDir::filePath() joins a folder and a name.
    QString folderPath = QDir(folder).path();
    if (!folderPath.isEmpty() && !folderPath.endsWith(QLatin1Char('/')))
        folderPath += QLatin1Char('/');
    const auto pathOf = [&folderPath, &names](qsizetype i) { return folderPath + names->at(i); };
    const bool indexed = options.revisionIndexFrom >= 0 && names->size() >= options.revisionIndexFrom;
    const QString indexFile = indexed ? RevisionIndex::indexFileFor(folder, options.revisionIndexFolder) : QString();
    const RevisionIndex index = indexed ? RevisionIndex::open(indexFile) : RevisionIndex();
    const QList<qsizetype> entries = indexed ? index.match(*names) : QList<qsizetype>();
    // Reading and parsing the files is most of opening a large project, and
    // each file stands alone: parsed on every core (or decoded from the
    // index when the file is unchanged), straight into their places in file
    // order (the first bad file in that order is the one reported).
    QList<Revision> revisions(names->size());
    QList<FileStamp> stamps(indexed ? names->size() : 0);
    Revision *const parsed = revisions.data();
    std::atomic<qsizetype> fromIndex = 0;
    QMutex errorsMutex;
    QMap<qsizetype, Error> errors; // by file index; rare
    const CompactString sharedFolder(folderPath); // one copy for every revision
    const auto readOne = [&](qsizetype i, StringArena &strings, ByteArena &sql) {
        const auto shareFilePath = [&](Revision &revision) {
            revision.fileFolder = sharedFolder;
            revision.fileName = names->at(i);
        };
        if (indexed) {
            stamps[i] = FileStamp::of(pathOf(i));
            const qsizetype entry = entries.at(i);
            if (entry >= 0 && index.stamp(entry) == stamps.at(i) && index.read(entry, parsed[i], strings)) {
                shareFilePath(parsed[i]);
                ++fromIndex;
                return;
            }
        }
        Result<Revision> revision = NativeRevisionParser::parseFile(pathOf(i));
        if (revision) {
            parsed[i] = std::move(*revision);
            // In the run's blocks, as read from the index: a string of its
            // own each would keep some 9 MB more at 100,000 revisions.
            parsed[i].id = strings.make(parsed[i].id);
            parsed[i].message = strings.make(parsed[i].message);
            // Its SQL in large blocks, which go back to the system whole once
            // the revisions take it from the index this open writes (see
            // shareSectionsWithIndex).
            if (indexed) {
                const auto [bytes, owner] = sql.copy(parsed[i].sectionBlock().bytes());
                if (std::optional<SqlSectionBlock> block = SqlSectionBlock::lyingIn(bytes, owner))
                    parsed[i].setSectionBlock(std::move(*block));
            }
            shareFilePath(parsed[i]);
        } else {
            const QMutexLocker locker(&errorsMutex);
            errors.insert(i, revision.error());
        }
    };
    // Each task reads a run of files with strings of its own (an arena is
    // for one thread), runs long enough that a part-filled block at the end
    // of each costs little.
    constexpr qsizetype kRun = 1024;
    const auto readRun = [&](qsizetype first) {
        StringArena strings;
        ByteArena sql;
        for (qsizetype i = first; i < std::min(names->size(), first + kRun); ++i)
            readOne(i, strings, sql);
    };
    // In chunks, so that the index's pages of each chunk can be given back
    // once it is decoded (names and entries are both sorted by name, so a
    // chunk's entries are a range of the index).
    constexpr qsizetype kChunk = 4 * kRun;
    std::vector<qsizetype> runs;
    for (qsizetype first = 0; first < names->size(); first += kChunk) {
        const qsizetype end = std::min(names->size(), first + kChunk);
        runs.clear();
        for (qsizetype run = first; run < end; run += kRun)
            runs.push_back(run);
        QtConcurrent::blockingMap(runs, readRun);
        if (indexed)
            index.releaseMatched(entries, first, end);
    }
    if (!errors.isEmpty())
        return errors.first();
    if (indexed && (fromIndex != names->size() || index.size() != names->size())) {
        // Only a cache: a project opens without it (a read-only or full
        // disk costs the next open its speed, nothing else).
        if (RevisionIndex::write(indexFile, *names, stamps, revisions, listedAtMs))
            shareSectionsWithIndex(indexFile, *names, stamps, revisions);
    }
    // The revisions' SQL keeps the file mapped: none of its pages stays
    // resident for that (the table was read by match(), and writing the
    // index reads the SQL).
    index.releaseAll();
    *revisionsFromIndex = fromIndex;
    return revisions;
}

Result<Project> loadNative(Project project, const LoadOptions &options)
{
    const QString folder = QDir(project.directory).absoluteFilePath(QStringLiteral("versions"));
    project.versionFolders = { folder };
    Result<QList<Revision>> revisions = readNativeRevisions(folder, options, &project.revisionsFromIndex);
    if (!revisions)
        return revisions.error();
    return buildGraph(std::move(project), std::move(*revisions), options);
}

// Alembic's _only_source_rev_file: *.py, but not __init__.py or an editor's
// .#lock file.
bool isAlembicRevisionFile(const QString &name)
{
    return name.endsWith(QLatin1String(".py")) && !name.startsWith(QLatin1String(".#")) &&
        !name.startsWith(QLatin1String("__init__"));
}

Result<Project> loadAlembic(Project project, const IniFile &ini, const LoadOptions &options)
{
    Result<AlembicConfig> config = AlembicConfig::read(ini);
    if (!config)
        return config.error();
    project.warnings += config->warnings;
    project.versionFolders = config->versionLocations;
    QList<Revision> revisions;
    QSet<QString> loaded;
    for (const QString &folder : std::as_const(config->versionLocations)) {
        // Alembic names a revision by its real path (links resolved).
        Result<QStringList> files = listRevisionFiles(folder, isAlembicRevisionFile, config->recursive, true);
        if (!files)
            return files.error();
        for (const QString &real : std::as_const(*files)) {
            if (loaded.contains(real)) {
                project.warnings.append(Error::at(real, 0,
                    tr("the file is reached twice (through a link or an overlapping version location); read once, "
                       "as Alembic does; keep version_locations unique")));
                continue;
            }
            loaded.insert(real);
            Result<Revision> revision =
                AlembicRevisionParser::parseFile(real, project.settings.pythonNames, &project.warnings);
            if (!revision)
                return revision.error();
            revisions.append(std::move(*revision));
        }
    }
    return buildGraph(std::move(project), std::move(revisions), options);
}

} // namespace

QStringList ProjectLoader::revisionFiles(const QString &folder, const QString &suffix)
{
    Result<QStringList> files = listRevisionFiles(
        folder, [&](const QString &name) { return name.endsWith(suffix); }, false);
    return files ? *files : QStringList();
}

Result<Project> ProjectLoader::load(const QString &path, const LoadOptions &options)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error::at(path, 0, tr("the project folder does not exist"));
    QString iniPath;
    Project project;
    if (info.isFile() && info.fileName().endsWith(QLatin1String(".ini")) &&
        info.fileName() != QLatin1String("retort.ini")) {
        iniPath = info.absoluteFilePath();
        project.directory = info.absolutePath();
    } else if (info.isDir()) {
        project.directory = info.absoluteFilePath();
        const QString candidate = QDir(project.directory).absoluteFilePath(QStringLiteral("alembic.ini"));
        if (QFileInfo::exists(candidate))
            iniPath = candidate;
    } else {
        return Error::at(path, 0, tr("not a folder; a project is a folder with a versions/ folder or an alembic.ini"));
    }

    if (!iniPath.isEmpty()) {
        Result<IniFile> ini = readIni(iniPath);
        if (!ini)
            return ini.error();
        Result<ProjectSettings> settings = readSettings(project.directory, &*ini);
        if (!settings)
            return settings.error();
        project.settings = *settings;
        project.kind = ProjectKind::Alembic;
        project.configFile = iniPath;
        return loadAlembic(std::move(project), *ini, options);
    }
    Result<ProjectSettings> settings = readSettings(project.directory, nullptr);
    if (!settings)
        return settings.error();
    project.settings = *settings;
    if (QDir(project.directory).exists(QStringLiteral("versions"))) {
        project.kind = ProjectKind::Native;
        return loadNative(std::move(project), options);
    }
    return Error::at(
        project.directory, 0, tr("not a migration project: there is no versions/ folder and no alembic.ini"));
}

} // namespace Retort
