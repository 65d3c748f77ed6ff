#pragma once

#include <functional>
#include <thread>

namespace Retort::Cli {

// Ctrl-C (SIGINT) while a long operation runs: the first calls `cancel` so
// the operation stops cleanly — the running statement cancelled, its
// migration rolled back; a second quits at once, as Ctrl-C usually does.
// SIGTERM is treated like the first Ctrl-C. The previous handlers come back
// when this object goes.
//
// `cancel` runs on a thread of its own, not in the signal handler: the
// handler only writes a byte to a pipe, so `cancel` may take a mutex (the
// fleet's does, to keep a worker from destroying what it cancels).
class InterruptHandler
{
public:
    explicit InterruptHandler(std::function<void()> cancel);
    ~InterruptHandler();
    InterruptHandler(const InterruptHandler &) = delete;
    InterruptHandler &operator=(const InterruptHandler &) = delete;

    // Whether Ctrl-C (or SIGTERM) arrived.
    static bool interrupted();

private:
    void watch();

    std::function<void()> m_cancel;
    int m_pipe[2] = { -1, -1 };
    std::thread m_watcher;
};

} // namespace Retort::Cli
