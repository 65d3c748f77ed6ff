#pragma once

// Shared by the fleet suites: many scratch databases on the test server,
// a passfile for them (a fleet file never holds passwords), fleet files
// written on the fly, and retort-cli run on a fleet.
#include "../exec/executortestutil.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>

namespace Retort::Test {

// `count` empty databases on the test server, named PREFIX_1..PREFIX_N,
// dropped afterwards. CREATE DATABASE copies template1: fast for an empty
// database, so a suite can make fifty.
class DatabaseSet
{
public:
    explicit DatabaseSet(int count, const QString &label = QStringLiteral("fleet"))
    {
        Result<ConnectionSettings> admin = ConnectionSettings::fromUrl(qEnvironmentVariable("RETORT_TEST_PG_URL"));
        if (!admin)
            return;
        m_admin = *admin;
        m_prefix = QStringLiteral("retort_%1_%2_%3")
                       .arg(label)
                       .arg(QCoreApplication::applicationPid())
                       .arg(QRandomGenerator::global()->bounded(100000));
        auto connection = DatabaseConnection::open(m_admin);
        if (!connection)
            return;
        QSqlQuery query((*connection)->database());
        for (int i = 1; i <= count; ++i) {
            if (!query.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name(i))))
                return;
            m_names.append(name(i));
        }
        m_valid = true;
    }
    ~DatabaseSet()
    {
        auto connection = DatabaseConnection::open(m_admin);
        if (!connection)
            return;
        QSqlQuery query((*connection)->database());
        for (const QString &database : std::as_const(m_names))
            query.exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(database));
    }
    bool isValid() const { return m_valid; }
    QString name(int i) const { return m_prefix + QLatin1Char('_') + QString::number(i); }
    int count() const { return int(m_names.size()); }
    // The database's connection, with the password (for the test's own checks).
    ConnectionSettings settings(int i) const
    {
        ConnectionSettings settings = m_admin;
        settings.database = name(i);
        return settings;
    }
    // Its URL without the password, as a fleet file holds it.
    QString fleetUrl(int i) const { return fleetUrlOf(name(i)); }
    QString fleetUrlOf(const QString &database) const
    {
        ConnectionSettings settings = m_admin;
        settings.password.clear();
        settings.database = database;
        return settings.url();
    }
    std::unique_ptr<DatabaseConnection> connect(int i) const
    {
        auto connection = DatabaseConnection::open(settings(i));
        return connection ? std::move(*connection) : nullptr;
    }
    // A libpq passfile with the server's password for every database.
    void writePassFile(const QString &path, const QString &password = {}) const
    {
        QFile file(path);
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(QStringLiteral("%1:%2:*:%3:%4\n")
                       .arg(m_admin.host)
                       .arg(m_admin.port)
                       .arg(m_admin.user, password.isEmpty() ? m_admin.password : password)
                       .toUtf8());
    }

private:
    ConnectionSettings m_admin;
    QString m_prefix;
    QStringList m_names;
    bool m_valid = false;
};

// A linear project of `count` revisions r001..rNNN, each creating table
// tNNN with two rows (a few statements, so that a kill can land inside one).
inline void writeLinearProject(const TemporaryProject &project, int count)
{
    for (int n = 1; n <= count; ++n) {
        const QString id = QStringLiteral("r%1").arg(n, 3, 10, QLatin1Char('0'));
        const QString table = QStringLiteral("t%1").arg(n, 3, 10, QLatin1Char('0'));
        project.writeRevision(id + QStringLiteral(".sql"),
            revisionFile(id, n == 1 ? QString() : QStringLiteral("r%1").arg(n - 1, 3, 10, QLatin1Char('0')),
                QStringLiteral("CREATE TABLE %1 (id integer PRIMARY KEY, note text);\n"
                               "INSERT INTO %1 SELECT g, md5(g::text) FROM generate_series(1, 2) g;\n"
                               "COMMENT ON TABLE %1 IS 'revision %2';")
                    .arg(table, id),
                QStringLiteral("DROP TABLE %1;").arg(table)));
    }
}

// retort-cli with the passfile (and nothing else) to find passwords.
inline QStringList fleetEnvironment(const QString &passFile)
{
    return { QStringLiteral("PGPASSFILE=") + passFile, QStringLiteral("DATABASE_URL"), QStringLiteral("PGPASSWORD") };
}

inline void startFleetCli(QProcess &process, const QString &passFile, const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PGPASSFILE"), passFile);
    environment.remove(QStringLiteral("DATABASE_URL"));
    environment.remove(QStringLiteral("PGPASSWORD"));
    process.setProcessEnvironment(environment);
    process.setProgram(cliExecutable());
    process.setArguments(arguments);
    process.start();
    process.waitForStarted();
}

} // namespace Retort::Test
