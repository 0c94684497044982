// Task (sim/core/task.h): who frees a coroutine's frame. A started top-level
// Task frees it when the body ends, so that finished threads (4,000,000 worker
// exits in a million-CPU run) hold no memory; a nested one is freed by its
// holder; one cut off mid-way by its Task's destructor.
#include "sim/core/task.h"

#include <gtest/gtest.h>

#include <coroutine>
#include <utility>

namespace twsim {
namespace {

// Counts its own destruction: a coroutine's by-value parameter lives in the
// frame and is destroyed exactly when the frame is.
struct FrameProbe {
  int* destroyed;
  explicit FrameProbe(int* d) : destroyed(d) {}
  FrameProbe(FrameProbe&& o) noexcept : destroyed(std::exchange(o.destroyed, nullptr)) {}
  ~FrameProbe() {
    if (destroyed != nullptr) ++*destroyed;
  }
};

struct Suspend {
  std::coroutine_handle<>* resume_with;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) { *resume_with = h; }
  void await_resume() const noexcept {}
};

Task runs_through(FrameProbe) { co_return; }
Task waits_once(FrameProbe, std::coroutine_handle<>* resume_with) { co_await Suspend{resume_with}; }
Task awaits_a_nested_one(FrameProbe, int* nested_destroyed) {
  co_await runs_through(FrameProbe(nested_destroyed));
}

TEST(TaskTest, AStartedTaskFreesItsFrameWhenItEnds) {
  int destroyed = 0;
  Task t = runs_through(FrameProbe(&destroyed));
  EXPECT_EQ(destroyed, 0);  // not started: the frame waits
  t.start();
  EXPECT_EQ(destroyed, 1);  // ended: freed at once, not with t
}

TEST(TaskTest, AFrameFreesWhenResumedToTheEndEvenAfterAMoveBeforeStart) {
  int destroyed = 0;
  std::coroutine_handle<> resume_with;
  Task first = waits_once(FrameProbe(&destroyed), &resume_with);
  Task held = std::move(first);
  held.start();
  EXPECT_EQ(destroyed, 0);  // suspended
  resume_with.resume();
  EXPECT_EQ(destroyed, 1);
}

TEST(TaskTest, ACutOffTaskIsFreedByItsHolder) {
  int destroyed = 0;
  std::coroutine_handle<> resume_with;
  {
    Task t = waits_once(FrameProbe(&destroyed), &resume_with);
    t.start();
    EXPECT_EQ(destroyed, 0);
  }
  EXPECT_EQ(destroyed, 1);  // the run's horizon: its Task's destructor
}

TEST(TaskTest, ANestedTaskIsFreedWhenItsAwaiterGoesOn) {
  int outer = 0;
  int nested = 0;
  Task t = awaits_a_nested_one(FrameProbe(&outer), &nested);
  t.start();
  EXPECT_EQ(nested, 1);
  EXPECT_EQ(outer, 1);
}

}  // namespace
}  // namespace twsim
