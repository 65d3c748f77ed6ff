// Which Python runs an Alembic project: the setting, VIRTUAL_ENV, a
// virtualenv near alembic.ini, python3 on PATH — with real virtualenvs made
// by `python3 -m venv` — and clear errors for a missing or broken one.
#include "alembic/pythonenvironment.h"
#include "alembic/pythonprobecache.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Retort;
using namespace Qt::StringLiterals;

class PythonEnvironmentTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void choosesThePython_data();
    void choosesThePython();
    void refusesAMissingOrBrokenOne_data();
    void refusesAMissingOrBrokenOne();
    void tellsTheVersionsOfTheVirtualEnv();
    void asksOnceUntilItsPackagesChange();

private:
    Project project(const QString &pythonSetting = {}) const;

    QTemporaryDir m_dir; // repo/backend/alembic.ini's folder, virtualenvs around it
};

void PythonEnvironmentTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Virtualenvs as teams make them, with the system's Alembic.
    for (const QString &name : { u"repo/backend/.venv"_s, u"repo/venv"_s, u"repo/backend/tools/env"_s }) {
        const Test::ProcessResult made = Test::runProcess(u"python3"_s,
            { u"-m"_s, u"venv"_s, u"--system-site-packages"_s, u"--without-pip"_s, m_dir.filePath(name) });
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    }
    // Without the system's packages: no Alembic in it.
    const Test::ProcessResult bare =
        Test::runProcess(u"python3"_s, { u"-m"_s, u"venv"_s, u"--without-pip"_s, m_dir.filePath(u"bare"_s) });
    QVERIFY2(bare.exitCode == 0, qPrintable(bare.err));
    QVERIFY(QDir().mkpath(m_dir.filePath(u"repo/other"_s)));
    QVERIFY(QDir().mkpath(m_dir.filePath(u"not-a-venv/bin"_s)));
}

void PythonEnvironmentTest::init()
{
    PythonProbeCache::clearMemory();
}

Project PythonEnvironmentTest::project(const QString &pythonSetting) const
{
    Project project;
    project.kind = ProjectKind::Alembic;
    project.directory = m_dir.filePath(u"repo/backend"_s);
    project.configFile = project.directory + u"/alembic.ini"_s;
    project.settings.python = pythonSetting;
    if (!pythonSetting.isEmpty())
        project.settings.pythonDefinedAt = project.directory + u"/retort.ini:3"_s;
    return project;
}

void PythonEnvironmentTest::choosesThePython_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("virtualEnv"); // VIRTUAL_ENV, relative to the temporary folder
    QTest::addColumn<QString>("directory"); // the project's folder, relative to it
    QTest::addColumn<QString>("interpreter"); // expected, relative to it ("" for PATH's)
    QTest::addColumn<QString>("origin");
    QTest::newRow("setting-names-a-virtualenv-folder")
        << u"tools/env"_s << u"bare"_s << u"repo/backend"_s << u"repo/backend/tools/env/bin/python"_s
        << u"python in %1/repo/backend/retort.ini:3"_s;
    QTest::newRow("setting-names-an-interpreter")
        << u"../venv/bin/python"_s << QString() << u"repo/backend"_s << u"repo/venv/bin/python"_s
        << u"python in %1/repo/backend/retort.ini:3"_s;
    QTest::newRow("virtual-env-of-the-shell")
        << QString() << u"repo/venv"_s << u"repo/backend"_s << u"repo/venv/bin/python"_s << u"VIRTUAL_ENV"_s;
    QTest::newRow("dot-venv-next-to-alembic-ini")
        << QString() << QString() << u"repo/backend"_s << u"repo/backend/.venv/bin/python"_s
        << u".venv next to alembic.ini"_s;
    QTest::newRow("venv-in-the-folder-above") << QString() << QString() << u"repo/other"_s << u"repo/venv/bin/python"_s
                                              << u"venv in the folder above alembic.ini"_s;
    QTest::newRow("python3-on-path") << QString() << QString() << u"not-a-venv"_s << QString() << u"python3 on PATH"_s;
}

void PythonEnvironmentTest::choosesThePython()
{
    QFETCH(QString, setting);
    QFETCH(QString, virtualEnv);
    QFETCH(QString, directory);
    QFETCH(QString, interpreter);
    QFETCH(QString, origin);
    Project chosen = project(setting);
    chosen.directory = m_dir.filePath(directory);
    QProcessEnvironment environment;
    environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
    if (!virtualEnv.isEmpty())
        environment.insert(u"VIRTUAL_ENV"_s, m_dir.filePath(virtualEnv));
    const Result<PythonEnvironment> python = PythonEnvironment::locate(chosen, environment);
    QVERIFY2(python, qPrintable(python ? QString() : python.error().toString()));
    QCOMPARE(python->interpreter, interpreter.isEmpty() ? u"/usr/bin/python3"_s : m_dir.filePath(interpreter));
    QCOMPARE(python->origin, origin.contains(u"%1"_s) ? origin.arg(m_dir.path()) : origin);
}

void PythonEnvironmentTest::refusesAMissingOrBrokenOne_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("virtualEnv");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("file"); // where the message points
    QTest::newRow("setting-names-nothing") << u"missing/bin/python"_s << QString()
                                           << u"python = missing/bin/python: %1/repo/backend/missing/bin/python "
                                              "does not exist or is not executable"_s
                                           << u"repo/backend/retort.ini:3"_s;
    QTest::newRow("setting-names-a-folder-that-is-no-virtualenv")
        << u"../../not-a-venv"_s << QString() << u"which is not a virtualenv"_s << u"repo/backend/retort.ini:3"_s;
    QTest::newRow("virtual-env-is-no-virtualenv")
        << QString() << u"not-a-venv"_s << u"VIRTUAL_ENV is %1/not-a-venv, which is not a virtualenv"_s
        << u"repo/backend/alembic.ini"_s;
    QTest::newRow("virtualenv-without-alembic")
        << u"../../bare"_s << QString() << u"cannot import Alembic (ModuleNotFoundError: No module named 'alembic')"_s
        << u"repo/backend/retort.ini:3"_s;
}

void PythonEnvironmentTest::refusesAMissingOrBrokenOne()
{
    QFETCH(QString, setting);
    QFETCH(QString, virtualEnv);
    QFETCH(QString, message);
    QFETCH(QString, file);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"VIRTUAL_ENV"_s);
    if (!virtualEnv.isEmpty())
        environment.insert(u"VIRTUAL_ENV"_s, m_dir.filePath(virtualEnv));
    const Result<PythonEnvironment> python = PythonEnvironment::inspect(project(setting), environment);
    QVERIFY(!python);
    const QString text = python.error().toString();
    QVERIFY2(text.startsWith(m_dir.filePath(file) + u':'), qPrintable(text));
    QVERIFY2(text.contains(message.contains(u"%1"_s) ? message.arg(m_dir.path()) : message), qPrintable(text));
}

void PythonEnvironmentTest::tellsTheVersionsOfTheVirtualEnv()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"VIRTUAL_ENV"_s);
    const Result<PythonEnvironment> python = PythonEnvironment::inspect(project(), environment);
    QVERIFY2(python, qPrintable(python ? QString() : python.error().toString()));
    QCOMPARE(python->virtualEnv, m_dir.filePath(u"repo/backend/.venv"_s));
    // What that interpreter itself says.
    const Test::ProcessResult asked = Test::runProcess(python->interpreter,
        { u"-c"_s,
            u"import sys, alembic, sqlalchemy; print('%d.%d.%d' % sys.version_info[:3], alembic.__version__, "
            "sqlalchemy.__version__)"_s });
    QCOMPARE(u"%1 %2 %3"_s.arg(python->pythonVersion, python->alembicVersion, python->sqlalchemyVersion),
        asked.out.trimmed());
    QCOMPARE(python->summary(),
        u"Python %1, Alembic %2 (%3, .venv next to alembic.ini)"_s.arg(
            python->pythonVersion, python->alembicVersion, python->interpreter));
}

// Asking imports Alembic (0.4 s), so an answer is kept, and asked again
// when what the Python imports from changes. Counted with an interpreter
// that notes each start in a file.
void PythonEnvironmentTest::asksOnceUntilItsPackagesChange()
{
    const QString venv = m_dir.filePath(u"counted"_s);
    const Test::ProcessResult made =
        Test::runProcess(u"python3"_s, { u"-m"_s, u"venv"_s, u"--system-site-packages"_s, u"--without-pip"_s, venv });
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    const QString log = m_dir.filePath(u"counted-starts.log"_s);
    const QString counted = venv + u"/bin/python-counted"_s;
    QFile wrapper(counted);
    QVERIFY(wrapper.open(QIODevice::WriteOnly));
    wrapper.write(u"#!/bin/sh\necho started >> '%1'\nexec '%2/bin/python' \"$@\"\n"_s.arg(log, venv).toUtf8());
    wrapper.close();
    QVERIFY(wrapper.setPermissions(wrapper.permissions() | QFileDevice::ExeOwner));
    const auto starts = [&log] {
        QFile file(log);
        return file.open(QIODevice::ReadOnly) ? file.readAll().count('\n') : 0;
    };
    const Project counting = project(counted);

    const Result<PythonEnvironment> first = PythonEnvironment::inspect(counting);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().toString()));
    QCOMPARE(starts(), 1);
    const Result<PythonEnvironment> second = PythonEnvironment::inspect(counting);
    QVERIFY(second);
    QCOMPARE(starts(), 1);
    QCOMPARE(second->alembicVersion, first->alembicVersion);
    QCOMPARE(second->interpreter, counted);
    QCOMPARE(second->virtualEnv, venv);

    // A package installed into the virtualenv: asked again, once.
    const QStringList sitePackages =
        QDir(venv + u"/lib"_s).entryList({ u"python3*"_s }, QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(sitePackages.size(), 1);
    QVERIFY(QDir(u"%1/lib/%2/site-packages"_s.arg(venv, sitePackages.first())).mkdir(u"newly_installed"_s));
    QVERIFY(PythonEnvironment::inspect(counting));
    QCOMPARE(starts(), 2);
    QVERIFY(PythonEnvironment::inspect(counting));
    QCOMPARE(starts(), 2);

    // The next process (every retort-cli command is one) takes the answer
    // from disk; a file that is not a whole answer is asked again.
    PythonProbeCache::clearMemory();
    const Result<PythonEnvironment> fromDisk = PythonEnvironment::inspect(counting);
    QVERIFY(fromDisk);
    QCOMPARE(starts(), 2);
    QCOMPARE(fromDisk->alembicVersion, first->alembicVersion);
    QCOMPARE(fromDisk->sqlalchemyVersion, first->sqlalchemyVersion);
    QCOMPARE(fromDisk->pythonVersion, first->pythonVersion);
    QCOMPARE(fromDisk->virtualEnv, venv);
    QCOMPARE(fromDisk->origin, first->origin);
    const QStringList stored = QDir(PythonProbeCache::cacheDirectory()).entryList({ u"*.json"_s }, QDir::Files);
    QString ours;
    for (const QString &name : stored) {
        QFile file(PythonProbeCache::cacheDirectory() + u'/' + name);
        QVERIFY(file.open(QIODevice::ReadOnly));
        if (file.readAll().contains(counted.toUtf8()))
            ours = file.fileName();
    }
    QVERIFY2(!ours.isEmpty(), "the answer is on disk");
    {
        QFile torn(ours);
        QVERIFY(torn.open(QIODevice::WriteOnly | QIODevice::Truncate));
        torn.write("{\"key\": \"");
    }
    PythonProbeCache::clearMemory();
    QVERIFY(PythonEnvironment::inspect(counting));
    QCOMPARE(starts(), 3);
    PythonProbeCache::clearMemory();
    QVERIFY(PythonEnvironment::inspect(counting));
    QCOMPARE(starts(), 3);

    // Another place to import from (PYTHONPATH may bring in another
    // Alembic): asked. A shell's other variables change nothing.
    qputenv("RETORT_TEST_UNRELATED_VARIABLE", "1");
    QVERIFY(PythonEnvironment::inspect(counting));
    QCOMPARE(starts(), 3);
    qunsetenv("RETORT_TEST_UNRELATED_VARIABLE");
    qputenv("PYTHONPATH", m_dir.filePath(u"repo/other"_s).toUtf8());
    const bool asked = PythonEnvironment::inspect(counting).ok();
    qunsetenv("PYTHONPATH");
    QVERIFY(asked);
    QCOMPARE(starts(), 4);
}

QTEST_GUILESS_MAIN(PythonEnvironmentTest)
#include "tst_pythonenvironment.moc"
