// run_jobs and run_on_threads (sim/core/run_jobs.h): every index once, on
// several threads, the caller one of them, and a job's exception reaches the
// caller after the threads have stopped.
#include "sim/core/run_jobs.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace twsim {
namespace {

TEST(RunJobsTest, RunsEveryIndexOnceOnSeveralThreads) {
  std::vector<std::atomic<int>> runs(1'000);
  run_jobs(runs.size(), 4, [&](std::size_t i) { ++runs[i]; });
  for (std::size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i].load(), 1) << i;
}

TEST(RunJobsTest, AJobsExceptionStopsTheRestAndIsRethrown) {
  // On one thread the jobs after the throwing one never start.
  int ran = 0;
  const auto throw_at_5 = [&](std::size_t i) {
    if (i == 5) throw std::runtime_error("job 5");
    ++ran;
  };
  EXPECT_THROW(run_jobs(1'000, 1, throw_at_5), std::runtime_error);
  EXPECT_EQ(ran, 5);
  // On four, jobs of 1 ms: the other threads finish the few they hold while
  // job 5 throws, then stop; without the stop all 999 others would run.
  std::atomic<int> slow_ran{0};
  EXPECT_THROW(run_jobs(1'000, 4,
                        [&](std::size_t i) {
                          if (i == 5) throw std::runtime_error("job 5");
                          std::this_thread::sleep_for(std::chrono::milliseconds(1));
                          ++slow_ran;
                        }),
               std::runtime_error);
  EXPECT_LT(slow_ran.load(), 100);
}

TEST(RunJobsTest, NoJobsAndOneThreadAreFine) {
  int ran = 0;
  run_jobs(0, 4, [&](std::size_t) { ++ran; });
  run_jobs(3, 1, [&](std::size_t) { ++ran; });
  EXPECT_EQ(ran, 3);
}

TEST(RunOnThreadsTest, TheCallingThreadIsOneAndIsToldTheCountFirst) {
  // Given 3 threads asked for; then work runs 3 times at once (each waits
  // for the other two), one of them on the caller, which hears the count
  // before its own turn.
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> arrived{0};
  std::atomic<bool> on_caller{false};
  int told = 0;
  const int started = run_on_threads(
      3,
      [&] {
        if (std::this_thread::get_id() == caller) {
          EXPECT_EQ(told, 3);
          on_caller = true;
        }
        ++arrived;
        while (arrived.load() < 3) std::this_thread::yield();
      },
      [&](int n) { told = n; });
  EXPECT_EQ(started, 3);
  EXPECT_EQ(arrived.load(), 3);
  EXPECT_TRUE(on_caller.load());
  // Fewer than one thread asked for is the caller alone.
  EXPECT_EQ(run_on_threads(0, [&] { EXPECT_EQ(std::this_thread::get_id(), caller); }), 1);
}

}  // namespace
}  // namespace twsim
