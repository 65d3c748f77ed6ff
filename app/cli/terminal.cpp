#include "terminal.h"

#include <QFile>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace Retort::Cli {

namespace {

// The terminal state to put back if Ctrl-C arrives while echo is off.
termios g_savedTerminal;
int g_terminalFd = -1;

extern "C" void restoreTerminalAndDie(int signal)
{
    if (g_terminalFd >= 0)
        tcsetattr(g_terminalFd, TCSANOW, &g_savedTerminal);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

QString readLine(int fd)
{
    QByteArray line;
    char c = 0;
    while (true) {
        const ssize_t n = ::read(fd, &c, 1);
        if (n <= 0)
            return line.isEmpty() ? QString() : QString::fromUtf8(line);
        if (c == '\n')
            break;
        line.append(c);
    }
    const QString text = QString::fromUtf8(line.endsWith('\r') ? line.chopped(1) : line);
    // An empty line is an answer (Enter: the default), unlike no line at all
    // (null), which fromUtf8 would make of it.
    return text.isNull() ? QStringLiteral("") : text;
}

class TtyFile
{
public:
    TtyFile()
        : m_fd(::open("/dev/tty", O_RDWR | O_CLOEXEC))
    { }
    ~TtyFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int fd() const { return m_fd; }
    void write(const QString &text) const
    {
        const QByteArray bytes = text.toUtf8();
        if (m_fd >= 0 && ::write(m_fd, bytes.constData(), size_t(bytes.size())) < 0)
            return;
    }

private:
    int m_fd;
};

} // namespace

bool Terminal::isInteractive()
{
    return TtyFile().fd() >= 0;
}

QString Terminal::ask(const QString &question)
{
    TtyFile tty;
    if (tty.fd() < 0)
        return {};
    tty.write(question);
    return readLine(tty.fd());
}

QString Terminal::askHidden(const QString &question)
{
    TtyFile tty;
    if (tty.fd() < 0)
        return {};
    tty.write(question);
    termios original {};
    const bool haveTermios = tcgetattr(tty.fd(), &original) == 0;
    if (haveTermios) {
        g_savedTerminal = original;
        g_terminalFd = tty.fd();
        std::signal(SIGINT, restoreTerminalAndDie);
        std::signal(SIGTERM, restoreTerminalAndDie);
        termios silent = original;
        silent.c_lflag &= tcflag_t(~ECHO);
        tcsetattr(tty.fd(), TCSAFLUSH, &silent);
    }
    const QString answer = readLine(tty.fd());
    if (haveTermios) {
        tcsetattr(tty.fd(), TCSAFLUSH, &original);
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        g_terminalFd = -1;
    }
    tty.write(QStringLiteral("\n"));
    return answer;
}

bool Terminal::confirm(const QString &question, bool defaultYes)
{
    const QString raw = ask(question + (defaultYes ? QStringLiteral(" [Y/n] ") : QStringLiteral(" [y/N] ")));
    if (raw.isNull())
        return false; // no terminal, or input ended: never a yes
    const QString answer = raw.trimmed().toLower();
    if (answer.isEmpty())
        return defaultYes;
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

} // namespace Retort::Cli
