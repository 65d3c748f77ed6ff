#include "processrunner.h"

#include "db/connectionsettings.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <csignal>
#include <cstring>
#include <sys/stat.h>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ProcessRunner", text);
}

QString signalName(int signal)
{
    const char *name = sigabbrev_np(signal);
    return name ? QStringLiteral("SIG") + QLatin1String(name) : QString::number(signal);
}

// A program with its stderr collected line by line.
struct Child {
    QString name;
    QProcess process;
    QByteArray pendingError;
    QString standardError;
    QByteArray eventMark;
};

void drainErrors(Child &child, ProcessRunner &runner, bool final)
{
    child.pendingError += child.process.readAllStandardError();
    qsizetype newline;
    while ((newline = child.pendingError.indexOf('\n')) >= 0 || (final && !child.pendingError.isEmpty())) {
        const qsizetype end = newline >= 0 ? newline : child.pendingError.size();
        if (!child.eventMark.isEmpty() && child.pendingError.startsWith(child.eventMark)) {
            const QByteArray event = child.pendingError.mid(child.eventMark.size(), end - child.eventMark.size());
            child.pendingError.remove(0, newline >= 0 ? newline + 1 : end);
            emit runner.markedLine(event);
            continue;
        }
        const QString line = redactPasswords(QString::fromUtf8(child.pendingError.left(end)).trimmed());
        child.pendingError.remove(0, newline >= 0 ? newline + 1 : end);
        if (line.isEmpty())
            continue;
        child.standardError += line + QLatin1Char('\n');
        emit runner.errorLine(child.name, line);
    }
}

Result<void> prepare(Child &child, const ProcessRequest &request)
{
    Result<QString> path = ProcessRunner::locate(request.program, request.missingHint);
    if (!path)
        return path.error();
    child.name = QFileInfo(request.program).fileName();
    child.eventMark = request.eventMark;
    child.process.setProgram(*path);
    child.process.setArguments(request.arguments);
    if (!request.workingDirectory.isEmpty())
        child.process.setWorkingDirectory(request.workingDirectory);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : request.removeFromEnvironment)
        environment.remove(name);
    for (auto it = request.environment.cbegin(); it != request.environment.cend(); ++it)
        environment.insert(it.key(), it.value());
    child.process.setProcessEnvironment(environment);
    // Waiting on stderr: progress comes there, and stdout may be piped on.
    child.process.setReadChannel(QProcess::StandardError);
    if (request.privateFiles)
        child.process.setChildProcessModifier([] { ::umask(077); });
    return {};
}

Error failure(const Child &child)
{
    const QString said = child.standardError.trimmed();
    QString message;
    if (child.process.error() == QProcess::FailedToStart)
        message = tr("%1 could not be started: %2").arg(child.name, child.process.errorString());
    else if (child.process.exitStatus() == QProcess::CrashExit)
        message = tr("%1 was killed by %2").arg(child.name, signalName(child.process.exitCode()));
    else
        message = tr("%1 failed with exit code %2").arg(child.name).arg(child.process.exitCode());
    if (!said.isEmpty())
        message += QLatin1String(":\n") + said;
    return Error::at({}, 0, message);
}

bool succeeded(const Child &child)
{
    return child.process.error() != QProcess::FailedToStart && child.process.exitStatus() == QProcess::NormalExit &&
        child.process.exitCode() == 0;
}

} // namespace

Result<QString> ProcessRunner::locate(const QString &program, const QString &missingHint)
{
    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo info(program);
        if (info.isFile() && info.isExecutable())
            return info.absoluteFilePath();
        return Error::at(program, 0, tr("%1 does not exist or is not executable").arg(program));
    }
    const QString found = QStandardPaths::findExecutable(program);
    if (found.isEmpty()) {
        QString message = tr("%1 was not found on PATH").arg(program);
        if (!missingHint.isEmpty())
            message += QLatin1String("; ") + missingHint;
        return Error::at({}, 0, message);
    }
    return found;
}

Result<ProcessOutput> ProcessRunner::run(const ProcessRequest &request, const std::optional<ProcessRequest> &then)
{
    std::vector<std::unique_ptr<Child>> children;
    children.push_back(std::make_unique<Child>());
    if (auto r = prepare(*children.front(), request); !r)
        return r.error();
    if (then) {
        children.push_back(std::make_unique<Child>());
        if (auto r = prepare(*children.back(), *then); !r)
            return r.error();
        children.front()->process.setStandardOutputProcess(&children.back()->process);
    }

    QElapsedTimer timer;
    timer.start();
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
        (*it)->process.start();
        if (!(*it)->process.waitForStarted())
            return failure(**it);
    }
    children.front()->process.closeWriteChannel();

    ProcessOutput output;
    Child &last = *children.back();
    bool killed = false;
    const auto running = [&] {
        for (const auto &child : children) {
            if (child->process.state() != QProcess::NotRunning)
                return true;
        }
        return false;
    };
    while (running()) {
        for (const auto &child : children) {
            if (child->process.state() != QProcess::NotRunning && !child->process.waitForReadyRead(50))
                child->process.waitForFinished(20);
            drainErrors(*child, *this, false);
        }
        output.standardOutput += last.process.readAllStandardOutput();
        if (isCancelled() && !killed) {
            for (const auto &child : children)
                child->process.terminate();
            killed = true;
        }
    }
    for (const auto &child : children) {
        child->process.waitForFinished();
        drainErrors(*child, *this, true);
    }
    output.standardOutput += last.process.readAllStandardOutput();
    output.durationMs = timer.elapsed();
    if (killed)
        return Error::at({}, 0, tr("%1 was cancelled").arg(children.front()->name));
    for (const auto &child : children) {
        const bool exitCodeOnly = child->process.error() != QProcess::FailedToStart &&
            child->process.exitStatus() == QProcess::NormalExit && request.anyExitCode && !then;
        if (!succeeded(*child) && !exitCodeOnly)
            return failure(*child);
    }
    output.exitCode = last.process.exitCode();
    for (const auto &child : children)
        output.standardError += child->standardError;
    return output;
}

} // namespace Retort
