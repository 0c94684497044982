// job(i) for every i in [0, n), on up to `threads` threads that each take the
// next i in turn (the calling thread is one of them), so the jobs start in
// index order. An exception a job throws is rethrown once all threads have
// stopped; the jobs not yet started are then skipped. Fewer threads than
// asked for (the system would not start more) only make it slower.
#ifndef TWSIM_CORE_RUN_JOBS_H_
#define TWSIM_CORE_RUN_JOBS_H_

#include <cstddef>
#include <functional>

namespace twsim {

void run_jobs(std::size_t n, int threads, const std::function<void(std::size_t)>& job);

}  // namespace twsim

#endif  // TWSIM_CORE_RUN_JOBS_H_
