#include "postgresbinaries.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>
#include <optional>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::PostgresBinaries", text);
}

bool hasServerPrograms(const QString &directory)
{
    const QDir dir(directory);
    return QFileInfo(dir.filePath(QStringLiteral("initdb"))).isExecutable() &&
        QFileInfo(dir.filePath(QStringLiteral("pg_ctl"))).isExecutable();
}

// "initdb (PostgreSQL) 17.2 (Debian 17.2-1)" -> 17; 9.6 counts as 9.
int askMajor(const QString &directory)
{
    QProcess process;
    process.start(QDir(directory).filePath(QStringLiteral("pg_ctl")), { QStringLiteral("--version") });
    if (!process.waitForFinished(10000))
        return 0;
    static const QRegularExpression version(QStringLiteral("\\(PostgreSQL\\) (\\d+)"));
    const QRegularExpressionMatch match = version.match(QString::fromUtf8(process.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace

QString PostgresBinaries::program(const QString &name) const
{
    return QDir(directory).filePath(name);
}

QList<PostgresBinaries> findPostgresBinaries()
{
    // Asked once per process: each answer runs pg_ctl --version.
    static QMutex mutex;
    static std::optional<QList<PostgresBinaries>> known;
    const QMutexLocker locker(&mutex);
    if (known)
        return *known;
    QList<PostgresBinaries> found;
    const auto add = [&](const QString &directory) {
        const QString canonical = QFileInfo(directory).canonicalFilePath();
        if (canonical.isEmpty() || !hasServerPrograms(canonical))
            return;
        if (std::any_of(found.cbegin(), found.cend(), [&](const auto &b) { return b.directory == canonical; }))
            return;
        found.append({ canonical, askMajor(canonical) });
    };
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    if (!onPath.isEmpty())
        add(QFileInfo(QFileInfo(onPath).canonicalFilePath()).absolutePath());
    const QDir debian(QStringLiteral("/usr/lib/postgresql"));
    for (const QString &version : debian.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        add(debian.filePath(version + QStringLiteral("/bin")));
    const QDir root(QStringLiteral("/usr"));
    for (const QString &pgdg : root.entryList({ QStringLiteral("pgsql-*") }, QDir::Dirs))
        add(root.filePath(pgdg + QStringLiteral("/bin")));
    std::stable_sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.major > b.major; });
    known = found;
    return found;
}

Result<PostgresBinaries> choosePostgresBinaries(int wantedMajor, QString *warning)
{
    return choosePostgresBinaries(findPostgresBinaries(), wantedMajor, warning);
}

Result<PostgresBinaries> choosePostgresBinaries(const QList<PostgresBinaries> &found, int wantedMajor, QString *warning)
{
    if (found.isEmpty()) {
        return Error::at({}, 0,
            tr("no PostgreSQL server programs (initdb, pg_ctl) were found on PATH or in /usr/lib/postgresql/*/bin, "
               "so Retort cannot start a private shadow server. Install the PostgreSQL server (Debian and Ubuntu: "
               "apt install postgresql) or name a database server Retort may create scratch databases on: "
               "shadow_url = postgresql://user@host/postgres in the [retort] section of retort.ini"));
    }
    if (wantedMajor <= 0)
        return found.first();
    for (const PostgresBinaries &binaries : found) {
        if (binaries.major == wantedMajor)
            return binaries;
    }
    if (warning) {
        *warning = tr("the database runs PostgreSQL %1, but only PostgreSQL %2's server programs were found here "
                      "(%3); the shadow runs PostgreSQL %2, and what differs between the two versions may show. "
                      "Install PostgreSQL %1's server or set shadow_url in retort.ini")
                       .arg(wantedMajor)
                       .arg(found.first().major)
                       .arg(found.first().directory);
    }
    return found.first();
}

} // namespace Retort
