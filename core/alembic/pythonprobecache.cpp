#include "pythonprobecache.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QProcessEnvironment>

namespace Retort {

namespace {

struct Answer {
    PythonEnvironment python;
    QList<std::pair<QString, QDateTime>> watched; // a path and its modification time when asked
};

// Answers are asked for from worker threads too (the window's Python status).
QMutex answersMutex;
QHash<QString, Answer> answers;

// The interpreter, and the environment it is started in (PYTHONPATH and the
// like decide what it imports).
QString keyOf(const PythonEnvironment &python)
{
    QStringList environment = QProcessEnvironment::systemEnvironment().toStringList();
    environment.sort();
    return python.interpreter + QLatin1Char('\n') + python.virtualEnv + QLatin1Char('\n') +
        environment.join(QLatin1Char('\n'));
}

QDateTime modifiedAt(const QString &path)
{
    return QFileInfo(path).lastModified(); // invalid once the path is gone
}

} // namespace

std::optional<PythonEnvironment> PythonProbeCache::find(const PythonEnvironment &located)
{
    const QString key = keyOf(located);
    const QMutexLocker locker(&answersMutex);
    const auto answer = answers.constFind(key);
    if (answer == answers.cend())
        return std::nullopt;
    for (const auto &[path, time] : answer->watched) {
        if (modifiedAt(path) != time) {
            answers.erase(answer);
            return std::nullopt;
        }
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
    // The interpreter too: a Python upgraded in place is another Python.
    for (const QString &path : QStringList { inspected.interpreter } + watched)
        answer.watched.append({ path, modifiedAt(path) });
    const QString key = keyOf(inspected);
    const QMutexLocker locker(&answersMutex);
    answers.insert(key, answer);
}

void PythonProbeCache::clear()
{
    const QMutexLocker locker(&answersMutex);
    answers.clear();
}

} // namespace Retort
