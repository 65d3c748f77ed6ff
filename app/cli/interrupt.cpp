#include "interrupt.h"

#include <atomic>
#include <csignal>
#include <unistd.h>

namespace Retort::Cli {

namespace {

std::atomic<std::function<void()> *> g_cancel { nullptr };
std::atomic<bool> g_interrupted { false };
struct sigaction g_previousInt { };
struct sigaction g_previousTerm { };

extern "C" void onInterrupt(int signal)
{
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
    if (std::function<void()> *cancel = g_cancel.load())
        (*cancel)();
}

} // namespace

InterruptHandler::InterruptHandler(std::function<void()> cancel)
    : m_cancel(std::move(cancel))
{
    g_interrupted.store(false);
    g_cancel.store(&m_cancel);
    struct sigaction action { };
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, &g_previousInt);
    sigaction(SIGTERM, &action, &g_previousTerm);
}

InterruptHandler::~InterruptHandler()
{
    sigaction(SIGINT, &g_previousInt, nullptr);
    sigaction(SIGTERM, &g_previousTerm, nullptr);
    g_cancel.store(nullptr);
}

bool InterruptHandler::interrupted()
{
    return g_interrupted.load();
}

} // namespace Retort::Cli
