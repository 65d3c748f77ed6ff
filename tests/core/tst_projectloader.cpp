// Opening projects: Alembic's configuration rules (script_location,
// version_locations and their separators, recursive folders, %(here)s), the
// order files load in, the project's [retort] sections, and bad folders and
// files (a clear message naming them, never a crash).
#include "project/projectloader.h"
#include "testsupport.h"
#include "util/textfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Retort;

namespace {

QByteArray pythonRevision(const QString &id, const QString &down = QStringLiteral("None"), const QString &extra = {})
{
    return QStringLiteral("\"\"\"revision %1\"\"\"\nrevision = '%1'\ndown_revision = %2\n%3")
        .arg(id, down, extra)
        .toUtf8();
}

QByteArray alembicIni(const QString &mainSection, const QString &more = {})
{
    return (QStringLiteral("[alembic]\n") + mainSection + QStringLiteral("\n\n[loggers]\nkeys = root\n") + more)
        .toUtf8();
}

QStringList ids(const Project &project)
{
    QStringList result;
    for (const Revision &revision : project.graph.revisions())
        result.append(revision.id);
    return result;
}

QString errorText(const Result<Project> &project)
{
    return project ? QString() : project.error().toString();
}

} // namespace

class ProjectLoaderTest : public QObject
{
    Q_OBJECT
private slots:
    void readsFilesWhole_data();
    void readsFilesWhole();
    void readsTheDefaultLayout();
    void opensTheIniFileItself();
    void readsVersionLocationsInOrder_data();
    void readsVersionLocationsInOrder();
    void walksSubfoldersWhenRecursive();
    void skipsWhatAlembicSkips();
    void readsRetortSettingsFromAlembicIni();
    void retortIniComesFirst();
    void rejectsBadConfigurations_data();
    void rejectsBadConfigurations();
    void warnsAboutMissingLocationsAndFilesLoadedTwice();
    void emptyVersionsFolderIsAWarning_data();
    void emptyVersionsFolderIsAWarning();
    void symlinkLoopIsAnError_data();
    void symlinkLoopIsAnError();
    void tenMegabyteFileIsRefused_data();
    void tenMegabyteFileIsRefused();
    void keepsBrokenRevisionsOnlyWhenAsked_data();
    void keepsBrokenRevisionsOnlyWhenAsked();
};

void ProjectLoaderTest::readsTheDefaultLayout()
{
    Test::TemporaryProject project;
    project.writeFile(QStringLiteral("alembic.ini"), alembicIni(QStringLiteral("script_location = migrations")));
    project.writeFile(QStringLiteral("migrations/versions/b2_second.py"),
        pythonRevision(QStringLiteral("b2"), QStringLiteral("'a1'")));
    project.writeFile(QStringLiteral("migrations/versions/a1_first.py"), pythonRevision(QStringLiteral("a1")));
    // A native-looking versions/ folder next to alembic.ini does not make it native.
    project.writeRevision(QStringLiteral("zz.sql"), "not a revision");
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    QCOMPARE(loaded->kind, ProjectKind::Alembic);
    QCOMPARE(ids(*loaded), (QStringList { QStringLiteral("a1"), QStringLiteral("b2") }));
    QCOMPARE(
        loaded->versionFolders, QStringList { QDir(project.path()).filePath(QStringLiteral("migrations/versions")) });
    QCOMPARE(loaded->configFile, QDir(project.path()).filePath(QStringLiteral("alembic.ini")));
    QCOMPARE(loaded->warnings.size(), 0);
}

void ProjectLoaderTest::opensTheIniFileItself()
{
    Test::TemporaryProject project;
    project.writeFile(
        QStringLiteral("config/db.ini"), alembicIni(QStringLiteral("script_location = %(here)s/../alembic")));
    project.writeFile(QStringLiteral("alembic/versions/a1_first.py"), pythonRevision(QStringLiteral("a1")));
    Result<Project> loaded = ProjectLoader::load(project.path() + QStringLiteral("/config/db.ini"));
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    QCOMPARE(ids(*loaded), QStringList { QStringLiteral("a1") });
}

void ProjectLoaderTest::readsVersionLocationsInOrder_data()
{
    QTest::addColumn<QString>("settings");
    QTest::newRow("os-separator") << QStringLiteral("script_location = migrations\nversion_path_separator = "
                                                    "os\nversion_locations = %(here)s/core:%(here)s/billing");
    QTest::newRow("space-separator") << QStringLiteral(
        "script_location = migrations\nversion_path_separator = space\nversion_locations = core billing");
    QTest::newRow("legacy-commas-and-spaces")
        << QStringLiteral("script_location = migrations\nversion_locations = core, billing");
    QTest::newRow("semicolon-separator") << QStringLiteral(
        "script_location = migrations\nversion_path_separator = ;\nversion_locations = core;billing");
}

void ProjectLoaderTest::readsVersionLocationsInOrder()
{
    QFETCH(QString, settings);
    Test::TemporaryProject project;
    QDir(project.path()).mkpath(QStringLiteral("migrations"));
    project.writeFile(QStringLiteral("alembic.ini"), alembicIni(settings));
    // Load order is location by location, then by name: z1 before a2.
    project.writeFile(QStringLiteral("core/z1_first.py"), pythonRevision(QStringLiteral("z1")));
    project.writeFile(QStringLiteral("billing/a2_second.py"), pythonRevision(QStringLiteral("a2")));
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    QCOMPARE(ids(*loaded), (QStringList { QStringLiteral("z1"), QStringLiteral("a2") }));
    QCOMPARE(loaded->versionFolders.size(), 2);
}

void ProjectLoaderTest::walksSubfoldersWhenRecursive()
{
    Test::TemporaryProject project;
    project.writeFile(QStringLiteral("alembic.ini"),
        alembicIni(QStringLiteral("script_location = migrations\nrecursive_version_locations = true")));
    project.writeFile(QStringLiteral("migrations/versions/m1_top.py"), pythonRevision(QStringLiteral("m1")));
    project.writeFile(QStringLiteral("migrations/versions/b_folder/a1_inner.py"), pythonRevision(QStringLiteral("a1")));
    project.writeFile(
        QStringLiteral("migrations/versions/a_folder/deeper/z1_deep.py"), pythonRevision(QStringLiteral("z1")));
    project.writeFile(QStringLiteral("migrations/versions/a_folder/y1.py"), pythonRevision(QStringLiteral("y1")));
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    // os.walk: a folder's files, then its subfolders in name order, depth first.
    QCOMPARE(ids(*loaded),
        (QStringList { QStringLiteral("m1"), QStringLiteral("y1"), QStringLiteral("z1"), QStringLiteral("a1") }));

    // Without the option only the top folder counts.
    project.writeFile(QStringLiteral("alembic.ini"), alembicIni(QStringLiteral("script_location = migrations")));
    loaded = ProjectLoader::load(project.path());
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    QCOMPARE(ids(*loaded), QStringList { QStringLiteral("m1") });
}

void ProjectLoaderTest::skipsWhatAlembicSkips()
{
    Test::TemporaryProject project;
    project.writeFile(QStringLiteral("alembic.ini"), alembicIni(QStringLiteral("script_location = migrations")));
    project.writeFile(QStringLiteral("migrations/versions/a1_first.py"), pythonRevision(QStringLiteral("a1")));
    project.writeFile(QStringLiteral("migrations/versions/__init__.py"), "");
    project.writeFile(QStringLiteral("migrations/versions/.#a1_first.py"), "emacs lock");
    project.writeFile(QStringLiteral("migrations/versions/README"), "notes");
    project.writeFile(QStringLiteral("migrations/versions/a1_first.pyc"), "\x00\x01");
    project.writeFile(QStringLiteral("migrations/versions/__pycache__/x.py"), "not read");
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    QCOMPARE(ids(*loaded), QStringList { QStringLiteral("a1") });
}

void ProjectLoaderTest::readsRetortSettingsFromAlembicIni()
{
    Test::TemporaryProject project;
    project.writeFile(QStringLiteral("alembic.ini"),
        alembicIni(QStringLiteral("script_location = migrations"),
            QStringLiteral("\n[retort]\nversion_table = schema_versions\n\n[retort.names]\ncli.EXPAND = expand\n")));
    project.writeFile(QStringLiteral("migrations/versions/a1.py"),
        pythonRevision(
            QStringLiteral("a1"), QStringLiteral("None"), QStringLiteral("branch_labels = (cli.EXPAND,)\n")));
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    QCOMPARE(loaded->settings.versionTable, QStringLiteral("schema_versions"));
    QCOMPARE(loaded->graph.revision(0).branchLabels.value(), QStringList { QStringLiteral("expand") });
    QCOMPARE(loaded->warnings.size(), 0);
}

void ProjectLoaderTest::retortIniComesFirst()
{
    Test::TemporaryProject project;
    project.writeFile(QStringLiteral("alembic.ini"),
        alembicIni(QStringLiteral("script_location = migrations"),
            QStringLiteral("\n[retort]\nversion_table = from_alembic_ini\n")));
    project.writeFile(QStringLiteral("retort.ini"), "[retort]\nversion_table = from_retort_ini\n");
    QDir(project.path()).mkpath(QStringLiteral("migrations/versions"));
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    QCOMPARE(loaded->settings.versionTable, QStringLiteral("from_retort_ini"));
}

void ProjectLoaderTest::rejectsBadConfigurations_data()
{
    QTest::addColumn<QByteArray>("ini");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("no-alembic-section") << QByteArray("[loggers]\nkeys = root\n") << 0
                                        << QStringLiteral("there is no [alembic] section");
    QTest::newRow("no-script-location") << alembicIni(QStringLiteral("sqlalchemy.url = sqlite://")) << 0
                                        << QStringLiteral("no 'script_location' key");
    QTest::newRow("script-location-missing")
        << alembicIni(QStringLiteral("script_location = nowhere")) << 2 << QStringLiteral("is not a folder");
    QTest::newRow("package-resource") << alembicIni(QStringLiteral("script_location = myapp:migrations")) << 2
                                      << QStringLiteral("names a Python package resource");
    QTest::newRow("bad-separator") << alembicIni(QStringLiteral(
                                          "script_location = .\nversion_locations = a\nversion_path_separator = |"))
                                   << 4 << QStringLiteral("'|' is not a valid value for version_path_separator");
    QTest::newRow("malformed-ini") << QByteArray("[alembic\nscript_location = .\n") << 1
                                   << QStringLiteral("a section header must end with ']'");
}

void ProjectLoaderTest::rejectsBadConfigurations()
{
    QFETCH(QByteArray, ini);
    QFETCH(int, line);
    QFETCH(QString, message);
    Test::TemporaryProject project;
    const QString path = project.writeFile(QStringLiteral("alembic.ini"), ini);
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().file, path);
    QCOMPARE(loaded.error().line, line);
    QVERIFY2(loaded.error().message.contains(message), qPrintable(loaded.error().message));
}

void ProjectLoaderTest::warnsAboutMissingLocationsAndFilesLoadedTwice()
{
    Test::TemporaryProject project;
    project.writeFile(QStringLiteral("alembic.ini"),
        alembicIni(QStringLiteral("script_location = .\nversion_path_separator = os\nversion_locations = "
                                  "one:two:gone")));
    const QString first = project.writeFile(QStringLiteral("one/a1.py"), pythonRevision(QStringLiteral("a1")));
    QDir(project.path()).mkpath(QStringLiteral("two"));
    QVERIFY(QFile::link(first, project.path() + QStringLiteral("/two/a1_again.py")));
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    QCOMPARE(ids(*loaded), QStringList { QStringLiteral("a1") });
    QCOMPARE(loaded->warnings.size(), 2);
    QVERIFY2(loaded->warnings.at(0).message.contains(QStringLiteral("/gone does not exist")),
        qPrintable(loaded->warnings.at(0).toString()));
    QCOMPARE(loaded->warnings.at(1).file, QFileInfo(first).canonicalFilePath());
    QVERIFY2(loaded->warnings.at(1).message.contains(QStringLiteral("reached twice")),
        qPrintable(loaded->warnings.at(1).toString()));
}

void ProjectLoaderTest::emptyVersionsFolderIsAWarning_data()
{
    QTest::addColumn<bool>("alembic");
    QTest::newRow("native") << false;
    QTest::newRow("alembic") << true;
}

void ProjectLoaderTest::emptyVersionsFolderIsAWarning()
{
    QFETCH(bool, alembic);
    Test::TemporaryProject project;
    if (alembic) {
        project.writeFile(QStringLiteral("alembic.ini"), alembicIni(QStringLiteral("script_location = .")));
    }
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    QCOMPARE(loaded->graph.size(), 0);
    QCOMPARE(loaded->warnings.size(), 1);
    QCOMPARE(loaded->warnings.first().file, project.versionsPath());
    QVERIFY2(loaded->warnings.first().message.contains(QStringLiteral("no revision files")),
        qPrintable(loaded->warnings.first().toString()));
}

void ProjectLoaderTest::symlinkLoopIsAnError_data()
{
    emptyVersionsFolderIsAWarning_data();
}

void ProjectLoaderTest::symlinkLoopIsAnError()
{
    QFETCH(bool, alembic);
    Test::TemporaryProject project;
    if (alembic)
        project.writeFile(QStringLiteral("alembic.ini"), alembicIni(QStringLiteral("script_location = .")));
    const QString link =
        project.versionsPath() + (alembic ? QStringLiteral("/b2_loop.py") : QStringLiteral("/b2_loop.sql"));
    QVERIFY(QFile::link(link, link));
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().file, link);
    QVERIFY2(loaded.error().message.contains(QStringLiteral("does not exist or loops back")),
        qPrintable(loaded.error().toString()));
}

void ProjectLoaderTest::tenMegabyteFileIsRefused_data()
{
    emptyVersionsFolderIsAWarning_data();
}

void ProjectLoaderTest::tenMegabyteFileIsRefused()
{
    QFETCH(bool, alembic);
    Test::TemporaryProject project;
    QByteArray content;
    QString name;
    if (alembic) {
        project.writeFile(QStringLiteral("alembic.ini"), alembicIni(QStringLiteral("script_location = .")));
        content = pythonRevision(QStringLiteral("a1"), QStringLiteral("None"),
            QStringLiteral("DATA = '''%1'''\n").arg(QString(10 * 1024 * 1024, QLatin1Char('x'))));
        name = QStringLiteral("a1_data.py");
    } else {
        content = Test::TemporaryProject::nativeRevision(QStringLiteral("a1"), {}, QStringLiteral("m"), {},
            QStringLiteral("INSERT INTO t VALUES ('%1');").arg(QString(10 * 1024 * 1024, QLatin1Char('x'))));
        name = QStringLiteral("a1_data.sql");
    }
    const QString path = project.writeRevision(name, content);
    Result<Project> loaded = ProjectLoader::load(project.path());
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().file, path);
    QVERIFY2(loaded.error().message.contains(QStringLiteral("the file is 10.0 MB; revision files larger than 8 MB")),
        qPrintable(loaded.error().toString()));
}

void ProjectLoaderTest::keepsBrokenRevisionsOnlyWhenAsked_data()
{
    QTest::addColumn<QString>("down");
    QTest::addColumn<QStringList>("kept");
    QTest::addColumn<QStringList>("missing");
    QTest::newRow("only-parent-missing") << QStringLiteral("gone") << QStringList()
                                         << QStringList { QStringLiteral("gone") };
    QTest::newRow("one-of-a-merge-missing")
        << QStringLiteral("a, gone") << QStringList { QStringLiteral("a") } << QStringList { QStringLiteral("gone") };
}

void ProjectLoaderTest::keepsBrokenRevisionsOnlyWhenAsked()
{
    QFETCH(QString, down);
    QFETCH(QStringList, kept);
    QFETCH(QStringList, missing);
    Test::TemporaryProject project;
    project.writeRevision(QStringLiteral("a.sql"),
        Test::TemporaryProject::nativeRevision(QStringLiteral("a"), {}, QStringLiteral("Base")));
    project.writeRevision(QStringLiteral("b.sql"),
        Test::TemporaryProject::nativeRevision(QStringLiteral("b"), down, QStringLiteral("Lost")));
    project.writeRevision(QStringLiteral("c.sql"),
        Test::TemporaryProject::nativeRevision(QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("After")));
    // Strict by default: the command line's error.
    Result<Project> strict = ProjectLoader::load(project.path());
    QVERIFY(!strict.ok());
    QVERIFY2(strict.error().message.startsWith(QStringLiteral("down_revision gone of revision b")),
        qPrintable(strict.error().toString()));

    LoadOptions options;
    options.keepBrokenRevisions = true;
    Result<Project> lenient = ProjectLoader::load(project.path(), options);
    QVERIFY(lenient.ok());
    QCOMPARE(lenient->broken.size(), 1);
    const BrokenRevision &broken = lenient->broken.first();
    QCOMPARE(broken.id, QStringLiteral("b"));
    QCOMPARE(broken.missing, missing);
    QCOMPARE(broken.downRevisions.join(QLatin1String(", ")), down);
    QCOMPARE(broken.error.toString(), strict.error().toString());
    QVERIFY(lenient->brokenRevision(QStringLiteral("b")));
    QVERIFY(!lenient->brokenRevision(QStringLiteral("c")));
    // The graph keeps the rest: b without its missing parent, c after b.
    const RevisionGraph &graph = lenient->graph;
    QCOMPARE(graph.size(), 3);
    QCOMPARE(graph.revision(graph.indexOf(QStringLiteral("b"))).downRevisions, kept);
    QCOMPARE(
        graph.parents(graph.indexOf(QStringLiteral("c"))).toList(), QList<int> { graph.indexOf(QStringLiteral("b")) });
}

void ProjectLoaderTest::readsFilesWhole_data()
{
    QTest::addColumn<int>("size");
    for (int size : { 0, 1, 4095, 4096, 4097, 300000 })
        QTest::newRow(qPrintable(QString::number(size))) << size;
}

void ProjectLoaderTest::readsFilesWhole()
{
    // Revision files are read with one read of their size and a byte
    // more: every size comes back whole, and a folder is an error.
    QFETCH(int, size);
    QTemporaryDir folder;
    QByteArray content(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        content[i] = char('a' + i % 26);
    const QString path = folder.filePath(QStringLiteral("file.sql"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(content) == size);
    file.close();
    Result<QByteArray> read = readFileBytes(path);
    QVERIFY(read);
    QCOMPARE(*read, content);
    QVERIFY(!readFileBytes(folder.path()));
    QVERIFY(!readFileBytes(folder.filePath(QStringLiteral("missing.sql"))));
}

QTEST_GUILESS_MAIN(ProjectLoaderTest)
#include "tst_projectloader.moc"
