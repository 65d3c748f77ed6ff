#include "workerpool.h"

#include <QThread>

#include <memory>
#include <vector>

namespace Retort {

void runInParallel(
    int count, int threads, const std::function<void(int index, int worker)> &job, const std::atomic<bool> *stop)
{
    std::atomic<int> next { 0 };
    const auto work = [&](int worker) {
        for (;;) {
            if (stop && stop->load())
                return;
            const int index = next.fetch_add(1);
            if (index >= count)
                return;
            job(index, worker);
        }
    };
    const int workers = qBound(1, threads, qMax(1, count));
    std::vector<std::unique_ptr<QThread>> pool;
    for (int worker = 0; worker < workers; ++worker) {
        pool.emplace_back(QThread::create(work, worker));
        pool.back()->start();
    }
    for (auto &thread : pool)
        thread->wait();
}

} // namespace Retort
