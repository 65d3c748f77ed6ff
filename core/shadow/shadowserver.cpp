#include "shadowserver.h"

#include "process/processrunner.h"
#include "shadow/shadowtemplate.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QProcess>

#include <cerrno>
#include <csignal>
#include <pwd.h>
#include <unistd.h>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ShadowServer", text);
}

const QString kServerUser = QStringLiteral("postgres");
const QString kSuperuser = QStringLiteral("retort");
// The socket lives in the server's own folder, so the usual port cannot
// clash with another server.
const int kPort = 5432;

// The account to run the server as when we are root, if there is one.
std::optional<uid_t> serverAccount(gid_t *group)
{
    const passwd *entry = ::getpwnam(kServerUser.toLocal8Bit().constData());
    if (!entry)
        return std::nullopt;
    *group = entry->pw_gid;
    return entry->pw_uid;
}

const QString kOwnerFile = QStringLiteral("retort.owner");

bool processAlive(pid_t pid)
{
    return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

// Servers left behind by a Retort that was killed (kill -9, a crash) keep
// running, since PostgreSQL has no idle shutdown: stop those whose owner is
// gone, and remove their folders.
void reapStale(const PostgresBinaries &binaries)
{
    const QDir temp(QDir::tempPath());
    for (const QString &name : temp.entryList({ QStringLiteral("retort-shadow-*") }, QDir::Dirs)) {
        QDir folder(temp.filePath(name));
        QFile owner(folder.filePath(kOwnerFile));
        if (!owner.open(QIODevice::ReadOnly))
            continue;
        const pid_t pid = pid_t(owner.readAll().trimmed().toLong());
        owner.close();
        if (processAlive(pid))
            continue;
        QProcess stop;
        const QStringList arguments = { QStringLiteral("-D"), folder.filePath(QStringLiteral("data")),
            QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop") };
        if (::geteuid() == 0) {
            stop.start(QStringLiteral("runuser"),
                QStringList { QStringLiteral("-u"), kServerUser, QStringLiteral("--"),
                    binaries.program(QStringLiteral("pg_ctl")) } +
                    arguments);
        } else {
            stop.start(binaries.program(QStringLiteral("pg_ctl")), arguments);
        }
        stop.waitForFinished(30000);
        folder.removeRecursively();
    }
}

struct Registry {
    QMutex mutex;
    QHash<int, std::shared_ptr<ShadowServer>> servers; // by requested major version
    bool cleanupRegistered = false;
    bool reaped = false;
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

} // namespace

ShadowServer::ShadowServer(PostgresBinaries binaries)
    : m_binaries(std::move(binaries))
    , m_dir(QDir(QDir::tempPath()).filePath(QStringLiteral("retort-shadow-XXXXXX")))
{ }

ShadowServer::~ShadowServer()
{
    if (m_started) {
        (void)run(m_binaries.program(QStringLiteral("pg_ctl")),
            { QStringLiteral("-D"), QDir(m_dir.path()).filePath(QStringLiteral("data")), QStringLiteral("-m"),
                QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop") });
    }
}

Result<void> ShadowServer::run(const QString &program, const QStringList &arguments) const
{
    ProcessRunner runner;
    ProcessRequest request(program, arguments);
    if (::geteuid() == 0) {
        request = ProcessRequest(QStringLiteral("runuser"),
            QStringList { QStringLiteral("-u"), kServerUser, QStringLiteral("--"), program } + arguments);
    }
    request.workingDirectory = m_dir.path();
    request.privateFiles = true;
    Result<ProcessOutput> output = runner.run(request);
    if (!output)
        return output.error();
    return {};
}

Result<std::unique_ptr<ShadowServer>> ShadowServer::start(
    const PostgresBinaries &binaries, const QString &templateFolder)
{
    std::unique_ptr<ShadowServer> server(new ShadowServer(binaries));
    if (!server->m_dir.isValid()) {
        return Error::at({}, 0,
            tr("cannot create a folder for the shadow server in %1: %2")
                .arg(QDir::tempPath(), server->m_dir.errorString()));
    }
    const QString folder = server->m_dir.path();
    std::optional<ShadowTemplate::Owner> owner; // of the server's files, when not ours
    if (::geteuid() == 0) {
        gid_t group = 0;
        const std::optional<uid_t> account = serverAccount(&group);
        if (!account) {
            return Error::at({}, 0,
                tr("PostgreSQL refuses to run as root, and there is no \"%1\" user to run the shadow server as. "
                   "Run Retort as an ordinary user, create that user (the postgresql package does), or set "
                   "shadow_url in the [retort] section of retort.ini to a server Retort may create scratch "
                   "databases on")
                    .arg(kServerUser));
        }
        if (::chown(QFile::encodeName(folder).constData(), *account, group) != 0)
            return Error::at({}, 0, tr("cannot hand %1 to the %2 user").arg(folder, kServerUser));
        owner = ShadowTemplate::Owner { *account, group };
    }
    QFile ownerFile(QDir(folder).filePath(kOwnerFile));
    if (!ownerFile.open(QIODevice::WriteOnly) ||
        ownerFile.write(QByteArray::number(QCoreApplication::applicationPid())) < 0)
        return Error::at(ownerFile.fileName(), 0, tr("cannot write: %1").arg(ownerFile.errorString()));
    ownerFile.close();
    const QString data = QDir(folder).filePath(QStringLiteral("data"));
    // Trust is safe here: the only way in is the socket, in a folder only
    // the server's user (and root) can enter.
    const QStringList initdbArguments { QStringLiteral("-U"), kSuperuser, QStringLiteral("-A"), QStringLiteral("trust"),
        QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C"), QStringLiteral("--no-sync") };
    const ShadowTemplate kept(binaries, initdbArguments, templateFolder);
    const auto initdb = [&]() -> Result<void> {
        if (auto r = server->run(binaries.program(QStringLiteral("initdb")),
                QStringList { QStringLiteral("-D"), data } + initdbArguments);
            !r) {
            return Error::at({}, 0, tr("initdb failed for the shadow server: %1").arg(r.error().message));
        }
        kept.keep(data);
        return {};
    };
    const QString options =
        QStringLiteral("-p %1 -k '%2' -c listen_addresses='' -c unix_socket_permissions=0700 -c fsync=off -c "
                       "synchronous_commit=off -c full_page_writes=off -c max_connections=50")
            .arg(kPort)
            .arg(folder);
    const auto launch = [&] {
        return server->run(binaries.program(QStringLiteral("pg_ctl")),
            { QStringLiteral("-D"), data, QStringLiteral("-l"), QDir(folder).filePath(QStringLiteral("server.log")),
                QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-o"), options,
                QStringLiteral("start") });
    };

    server->m_fromTemplate = kept.exists() && kept.copyTo(data, owner);
    if (!server->m_fromTemplate) {
        if (auto made = initdb(); !made)
            return made.error();
    }
    Result<void> started = launch();
    if (!started && server->m_fromTemplate) {
        // A template this installation cannot start from: made by initdb
        // again, as if there had been none.
        kept.discard();
        QDir(data).removeRecursively();
        server->m_fromTemplate = false;
        if (auto made = initdb(); !made)
            return made.error();
        started = launch();
    }
    if (!started) {
        return Error::at(
            {}, 0, tr("the shadow server did not start: %1\n%2").arg(started.error().message, server->logTail()));
    }
    server->m_started = true;
    return server;
}

Result<std::shared_ptr<ShadowServer>> ShadowServer::shared(int wantedMajor, QString *warning)
{
    Registry &shared = registry();
    const QMutexLocker locker(&shared.mutex);
    auto found = shared.servers.find(wantedMajor);
    if (found != shared.servers.end()) {
        if ((*found)->isRunning())
            return *found;
        shared.servers.erase(found); // killed from outside: start another
    }
    QString chosenWarning;
    Result<PostgresBinaries> binaries = choosePostgresBinaries(wantedMajor, &chosenWarning);
    if (!binaries)
        return binaries.error();
    if (!shared.reaped) {
        reapStale(*binaries);
        shared.reaped = true;
    }
    Result<std::unique_ptr<ShadowServer>> server = start(*binaries);
    if (!server)
        return server.error();
    std::shared_ptr<ShadowServer> result(std::move(*server));
    shared.servers.insert(wantedMajor, result);
    if (!shared.cleanupRegistered && QCoreApplication::instance()) {
        qAddPostRoutine(&ShadowServer::stopAll);
        shared.cleanupRegistered = true;
    }
    if (warning)
        *warning = chosenWarning;
    return result;
}

void ShadowServer::stopAll()
{
    Registry &shared = registry();
    QHash<int, std::shared_ptr<ShadowServer>> servers;
    {
        const QMutexLocker locker(&shared.mutex);
        servers.swap(shared.servers);
    }
    servers.clear(); // stops each one not in use elsewhere
}

bool ShadowServer::isAnyRunning()
{
    Registry &shared = registry();
    const QMutexLocker locker(&shared.mutex);
    return std::any_of(shared.servers.cbegin(), shared.servers.cend(),
        [](const std::shared_ptr<ShadowServer> &server) { return server->isRunning(); });
}

ConnectionSettings ShadowServer::maintenanceSettings() const
{
    ConnectionSettings settings;
    settings.dialect = Dialect::PostgreSQL;
    settings.host = m_dir.path();
    settings.port = kPort;
    settings.user = kSuperuser;
    settings.database = QStringLiteral("postgres");
    return settings;
}

bool ShadowServer::isRunning() const
{
    // The postmaster removes its pid file when it stops; a kill -9 leaves
    // the file, but then the process named in it is gone.
    QFile pidFile(QDir(m_dir.path()).filePath(QStringLiteral("data/postmaster.pid")));
    if (!pidFile.open(QIODevice::ReadOnly))
        return false;
    return processAlive(pid_t(pidFile.readLine().trimmed().toLong()));
}

QString ShadowServer::logTail(int lines) const
{
    QFile log(QDir(m_dir.path()).filePath(QStringLiteral("server.log")));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromUtf8(log.readAll()).trimmed().split(QLatin1Char('\n'));
    return all.mid(qMax<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

QString ShadowServer::description() const
{
    return tr("a private PostgreSQL %1 server (%2)").arg(m_binaries.major).arg(m_dir.path());
}

} // namespace Retort
