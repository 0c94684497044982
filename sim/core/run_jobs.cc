#include "sim/core/run_jobs.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace twsim {

int run_on_threads(int threads, const std::function<void()>& work,
                   const std::function<void(int started)>& on_started) {
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads; ++t) {
    try {
      helpers.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: those started do the rest
    }
  }
  const int started = static_cast<int>(helpers.size()) + 1;
  if (on_started) on_started(started);
  work();
  for (std::thread& t : helpers) t.join();
  return started;
}

void run_jobs(std::size_t n, int threads, const std::function<void(std::size_t)>& job) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_lock;
  const auto work = [&] {
    for (std::size_t i; (i = next++) < n;) {
      try {
        job(i);
      } catch (...) {
        const std::lock_guard<std::mutex> hold(failure_lock);
        if (!failure) failure = std::current_exception();
        next = n;
      }
    }
  };
  run_on_threads(
      static_cast<int>(std::min<std::size_t>(std::max(threads, 1), std::max<std::size_t>(n, 1))),
      work);
  if (failure) std::rethrow_exception(failure);
}

}  // namespace twsim
