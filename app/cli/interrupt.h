#pragma once

#include <functional>

namespace Retort::Cli {

// Ctrl-C (SIGINT) while a long operation runs: the first calls `cancel`
// (which must be signal-safe: Executor::cancel, ProcessRunner::cancel) so
// the operation stops cleanly — the running statement cancelled, its
// migration rolled back; a second quits at once, as Ctrl-C usually does.
// SIGTERM is treated like the first Ctrl-C. The previous handlers come back
// when this object goes.
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
    std::function<void()> m_cancel;
};

} // namespace Retort::Cli
