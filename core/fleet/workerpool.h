#pragma once

#include <atomic>
#include <functional>

namespace Retort {

// Runs job(index, worker) for every index in [0, count) on up to `threads`
// threads of its own (QThreads, so each may open database connections and
// run processes), handing out indexes in order; blocks until all are done.
// `worker` is the thread's number in [0, threads), for per-thread slots.
// Once *stop is true no further index starts (those running finish).
void runInParallel(int count, int threads, const std::function<void(int index, int worker)> &job,
    const std::atomic<bool> *stop = nullptr);

} // namespace Retort
