// What the suites of environments side by side share: three databases of
// one project (dev, staging, production) at three revisions, watched by a
// window, and the profiles that name them.
#pragma once

#include "environments/environmentactions.h"
#include "environments/environmentset.h"
#include "executortestutil.h"
#include "mainwindow.h"
#include "profiles/connectionprofile.h"
#include "settings/appearance.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace Retort::Test {

constexpr int kReadTimeoutMs = 30000;
constexpr int kRunTimeoutMs = 120000;

// Before a suite's first test: settings of its own and the light palette
// (its screenshots); why it cannot run, if the test server is missing.
inline QString prepareEnvironmentsSuite()
{
    QStandardPaths::setTestModeEnabled(true);
    Appearance::instance().setColorScheme(Appearance::ColorScheme::Light);
    QString why;
    postgresAvailable(&why);
    return why;
}

inline bool waitIdle(MainWindow &window)
{
    return QTest::qWaitFor([&window] { return !window.isBusy(); }, kReadTimeoutMs);
}

// r1 accounts, r2 orders, r3 invoices: a line of three.
inline void writeProject(const TemporaryProject &files)
{
    files.writeRevision(QStringLiteral("r1.sql"),
        revisionFile(QStringLiteral("r1"), {}, QStringLiteral("CREATE TABLE accounts (id int PRIMARY KEY);"),
            QStringLiteral("DROP TABLE accounts;")));
    files.writeRevision(QStringLiteral("r2.sql"),
        revisionFile(QStringLiteral("r2"), QStringLiteral("r1"),
            QStringLiteral("CREATE TABLE orders (id int PRIMARY KEY, account int REFERENCES accounts);"),
            QStringLiteral("DROP TABLE orders;")));
    files.writeRevision(QStringLiteral("r3.sql"),
        revisionFile(QStringLiteral("r3"), QStringLiteral("r2"), QStringLiteral("CREATE TABLE invoices (id int);"),
            QStringLiteral("DROP TABLE invoices;")));
}

inline ConnectionProfile profileFor(const QString &name, const ConnectionSettings &settings, bool production = false)
{
    ConnectionProfile profile;
    profile.name = name;
    profile.connection = settings;
    profile.connection.password.clear(); // a profile never holds one
    profile.production = production;
    profile.passwordSource = PasswordSource::Ask;
    // Drift checks replay on the test server, not a private one.
    profile.shadowUrl = qEnvironmentVariable("RETORT_TEST_PG_URL");
    return profile;
}

inline QStringList versionRows(const ConnectionSettings &settings)
{
    auto connection = DatabaseConnection::open(settings);
    if (!connection)
        return { connection.error().toString() };
    return column((*connection)->database(), QStringLiteral("SELECT version_num FROM alembic_version ORDER BY 1"));
}

enum class ProjectType { Native, Alembic };

// dev at r3, staging at r2, production at r1, watched by `window`. The
// Alembic project is the same three revisions as Python files (with the
// same SQL), and each database is migrated by retort-cli through Alembic.
struct ThreeEnvironments {
    ScratchPostgresDatabase dev;
    ScratchPostgresDatabase staging;
    ScratchPostgresDatabase production;
    TemporaryProject files;
    QTemporaryDir alembicFolder;
    QString projectPath;
    QTemporaryDir profiles;
    QString error; // why they could not be made

    explicit ThreeEnvironments(ProjectType type = ProjectType::Native) { prepare(type, &error); }
    bool isValid() const { return error.isEmpty(); }

    bool prepare(ProjectType type, QString *why)
    {
        for (const ScratchPostgresDatabase *database : { &dev, &staging, &production }) {
            if (!database->isValid()) {
                *why = database->error();
                return false;
            }
        }
        writeProject(files);
        projectPath = files.path();
        const std::pair<const ScratchPostgresDatabase *, QString> targets[] = {
            { &dev, QStringLiteral("r3") },
            { &staging, QStringLiteral("r2") },
            { &production, QStringLiteral("r1") },
        };
        if (type == ProjectType::Alembic) {
            projectPath = alembicFolder.filePath(QStringLiteral("app"));
            *why = writeAlembicCopy(files.path(), projectPath, true);
            if (!why->isEmpty())
                return false;
            for (const auto &[database, revision] : targets) {
                const ProcessResult ran = runProcess(cliExecutable(),
                    { QStringLiteral("-p"), projectPath, QStringLiteral("--db"), database->url(),
                        QStringLiteral("upgrade"), revision },
                    projectPath);
                if (ran.exitCode != 0) {
                    *why = ran.err;
                    return false;
                }
            }
            return true;
        }
        const Project project = loadProject(files);
        for (const auto &[database, revision] : targets) {
            if (!migrateTo(project, database->settings(), revision)) {
                *why = QStringLiteral("could not migrate the databases");
                return false;
            }
        }
        return true;
    }

    // Opens the project in `window` and watches the three, read.
    bool openIn(MainWindow &window)
    {
        window.setInteractive(false);
        if (!window.openProject(projectPath))
            return false;
        watch(window);
        return waitIdle(window);
    }

    void watch(MainWindow &window)
    {
        EnvironmentSet *set = window.environmentActions()->environments();
        set->setProfileFile(profiles.filePath(QStringLiteral("profiles.conf")));
        set->setRefreshInterval(0);
        const std::pair<QString, const ScratchPostgresDatabase *> all[] = {
            { QStringLiteral("dev"), &dev },
            { QStringLiteral("staging"), &staging },
            { QStringLiteral("production"), &production },
        };
        for (const auto &[name, database] : all) {
            set->setPassword(name, database->settings().password);
            set->add(profileFor(name, database->settings(), name == QLatin1String("production")));
        }
    }
};

} // namespace Retort::Test
