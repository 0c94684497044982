// Work spread over threads, the calling thread one of them. Threads the
// system will not start (ulimit, memory) are done without: fewer threads than
// asked for only make it slower.
#ifndef TWSIM_CORE_RUN_JOBS_H_
#define TWSIM_CORE_RUN_JOBS_H_

#include <cstddef>
#include <functional>

namespace twsim {

// Runs work() on `threads` threads at once (at least the calling thread) and
// returns when every one has returned. on_started(n), if given, is told how
// many threads run it once they have all been started, before the calling
// thread begins. Returns that number. work() must not throw.
int run_on_threads(int threads, const std::function<void()>& work,
                   const std::function<void(int started)>& on_started = nullptr);

// job(i) for every i in [0, n), on up to `threads` threads that each take the
// next i in turn, so the jobs start in index order. An exception a job throws
// is rethrown once all threads have stopped; the jobs not yet started are
// then skipped.
void run_jobs(std::size_t n, int threads, const std::function<void(std::size_t)>& job);

}  // namespace twsim

#endif  // TWSIM_CORE_RUN_JOBS_H_
