#include "interrupt.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace Retort::Cli {

namespace {

constexpr char kCancel = 'c';
constexpr char kQuit = 'q';

std::atomic<int> g_wakeFd { -1 };
std::atomic<bool> g_interrupted { false };
struct sigaction g_previousInt { };
struct sigaction g_previousTerm { };

void writeByte(int fd, char byte)
{
    while (::write(fd, &byte, 1) < 0 && errno == EINTR) { }
}

extern "C" void onInterrupt(int signal)
{
    const int savedErrno = errno;
    if (g_interrupted.exchange(true) && signal == SIGINT) {
        // The second Ctrl-C: quit now. The server rolls back whatever
        // transaction the dropped connection had open.
        ::signal(SIGINT, SIG_DFL);
        ::raise(SIGINT);
        return;
    }
    static const char message[] =
        "\nretort-cli: cancelling; the running migration is rolled back (Ctrl-C again to quit "
        "at once)\n";
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, message, sizeof message - 1);
    if (const int fd = g_wakeFd.load(); fd >= 0)
        writeByte(fd, kCancel);
    errno = savedErrno;
}

} // namespace

InterruptHandler::InterruptHandler(std::function<void()> cancel)
    : m_cancel(std::move(cancel))
{
    g_interrupted.store(false);
    // Without the pipe nothing could carry the cancel out of the handler:
    // Ctrl-C then keeps its usual effect, ending the process (a run is
    // kill-safe), rather than saying "cancelling" and doing nothing.
    if (::pipe2(m_pipe, O_CLOEXEC) != 0)
        return;
    m_watcher = std::thread([this] { watch(); });
    g_wakeFd.store(m_pipe[1]);
    struct sigaction action { };
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, &g_previousInt);
    sigaction(SIGTERM, &action, &g_previousTerm);
}

InterruptHandler::~InterruptHandler()
{
    if (!m_watcher.joinable())
        return; // the handlers were never installed
    sigaction(SIGINT, &g_previousInt, nullptr);
    sigaction(SIGTERM, &g_previousTerm, nullptr);
    g_wakeFd.store(-1);
    writeByte(m_pipe[1], kQuit);
    m_watcher.join();
    for (const int fd : m_pipe)
        ::close(fd);
}

void InterruptHandler::watch()
{
    for (;;) {
        char byte = 0;
        const ssize_t got = ::read(m_pipe[0], &byte, 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0 || byte == kQuit)
            return;
        if (m_cancel)
            m_cancel();
    }
}

bool InterruptHandler::interrupted()
{
    return g_interrupted.load();
}

} // namespace Retort::Cli
