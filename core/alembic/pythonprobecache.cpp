#include "pythonprobecache.h"

#include "util/cachefolder.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QTimeZone>

namespace Retort {

namespace {

// Bumped when what an answer on disk holds changes.
constexpr char kCacheFormat[] = "retort-python-probe-1";

struct Answer {
    PythonEnvironment python;
    QList<std::pair<QString, qint64>> watched; // a path and its modification time (ms) when asked
};

// Answers are asked for from worker threads too (the window's Python status).
QMutex answersMutex;
QHash<QString, Answer> answers;

// The interpreter, and what decides where it imports from: the variables
// Python reads for its path (PYTHONPATH, PYTHONHOME, PYTHONUSERBASE,
// PYTHONNOUSERSITE, PYTHONSAFEPATH, ...: all PYTHON*) and HOME, where the
// user's own site-packages are. Not the whole environment: a shell's
// variables change from one terminal to the next and say nothing here.
QString keyOf(const PythonEnvironment &python)
{
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    QStringList names = system.keys();
    names.sort();
    QString key =
        QLatin1String(kCacheFormat) + QLatin1Char('\n') + python.interpreter + QLatin1Char('\n') + python.virtualEnv;
    for (const QString &name : std::as_const(names)) {
        if (name.startsWith(QLatin1String("PYTHON")) || name == QLatin1String("HOME"))
            key += QLatin1Char('\n') + name + QLatin1Char('=') + system.value(name);
    }
    return key;
}

qint64 modifiedAt(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? info.lastModified(QTimeZone::UTC).toMSecsSinceEpoch() : -1;
}

bool stillHolds(const Answer &answer)
{
    for (const auto &[path, time] : answer.watched) {
        if (modifiedAt(path) != time)
            return false;
    }
    return true;
}

QString fileFor(const QString &key)
{
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex();
    return QDir(PythonProbeCache::cacheDirectory())
        .filePath(QString::fromLatin1(hash.left(32)) + QStringLiteral(".json"));
}

QJsonObject toJson(const QString &key, const Answer &answer)
{
    QJsonArray watched;
    for (const auto &[path, time] : answer.watched)
        watched.append(QJsonArray { path, time });
    return QJsonObject {
        { QStringLiteral("key"), key },
        { QStringLiteral("interpreter"), answer.python.interpreter },
        { QStringLiteral("virtualEnv"), answer.python.virtualEnv },
        { QStringLiteral("python"), answer.python.pythonVersion },
        { QStringLiteral("alembic"), answer.python.alembicVersion },
        { QStringLiteral("sqlalchemy"), answer.python.sqlalchemyVersion },
        { QStringLiteral("watched"), watched },
    };
}

// An answer another process left, if it is whole and for this key (the
// file name is a shortened hash of it).
std::optional<Answer> readAnswer(const QString &key)
{
    QFile file(fileFor(key));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    if (object.value(QStringLiteral("key")).toString() != key)
        return std::nullopt;
    Answer answer;
    answer.python.interpreter = object.value(QStringLiteral("interpreter")).toString();
    answer.python.virtualEnv = object.value(QStringLiteral("virtualEnv")).toString();
    answer.python.pythonVersion = object.value(QStringLiteral("python")).toString();
    answer.python.alembicVersion = object.value(QStringLiteral("alembic")).toString();
    answer.python.sqlalchemyVersion = object.value(QStringLiteral("sqlalchemy")).toString();
    const QJsonArray watched = object.value(QStringLiteral("watched")).toArray();
    for (const QJsonValue &entry : watched) {
        const QJsonArray pair = entry.toArray();
        if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isDouble())
            return std::nullopt;
        answer.watched.append({ pair.at(0).toString(), pair.at(1).toInteger() });
    }
    if (answer.python.alembicVersion.isEmpty() || answer.watched.isEmpty())
        return std::nullopt;
    return answer;
}

} // namespace

std::optional<PythonEnvironment> PythonProbeCache::find(const PythonEnvironment &located)
{
    const QString key = keyOf(located);
    const QMutexLocker locker(&answersMutex);
    auto answer = answers.find(key);
    if (answer == answers.end()) {
        std::optional<Answer> stored = readAnswer(key);
        if (!stored)
            return std::nullopt;
        answer = answers.insert(key, *stored);
    }
    if (!stillHolds(*answer)) {
        answers.erase(answer);
        return std::nullopt;
    }
    PythonEnvironment python = answer->python;
    python.origin = located.origin; // the same interpreter may be chosen for another reason
    return python;
}

void PythonProbeCache::remember(const PythonEnvironment &inspected, const QStringList &watched)
{
    if (inspected.alembicVersion.isEmpty())
        return;
    Answer answer;
    answer.python = inspected;
    answer.python.origin.clear(); // said again by each locate()
    // The interpreter too: a Python upgraded in place is another Python.
    for (const QString &path : QStringList { inspected.interpreter } + watched)
        answer.watched.append({ path, modifiedAt(path) });
    const QString key = keyOf(inspected);
    const QMutexLocker locker(&answersMutex);
    answers.insert(key, answer);
    // A cache is a convenience: a folder that cannot be written only means
    // asking again in the next process.
    (void)QDir().mkpath(cacheDirectory());
    QSaveFile file(fileFor(key));
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(toJson(key, answer)).toJson(QJsonDocument::Compact));
        (void)file.commit();
    }
}

void PythonProbeCache::clearMemory()
{
    const QMutexLocker locker(&answersMutex);
    answers.clear();
}

QString PythonProbeCache::cacheDirectory()
{
    return sharedCacheFolder(QStringLiteral("python-probe"));
}

} // namespace Retort
