// A simulated thread's body as a C++20 coroutine: it reads top to bottom like
// the kernel function it models, and each co_await (a delay, a lock, a free
// CPU) hands control back to the event loop until the simulator resumes it.
//
// A Task starts suspended. start() runs a top-level one (a thread); a Task
// co_awaited by another runs at once inside the awaiting one, which goes on
// as soon as it finishes (a function call, like io_wq_cancel_tw_create from
// io_wq_exit_workers). Whoever holds the Task owns the frame: destroying it
// frees the coroutine wherever it stands (a run cut off at the horizon). A
// started top-level Task frees its frame itself when it ends (a million-CPU
// run has 4,000,000 workers whose exits must not all stay in memory); it must
// not move while it runs.
// An exception thrown inside (a broken invariant, a stop request) leaves
// through whoever resumed it, as it would from an event callback.
#ifndef TWSIM_CORE_TASK_H_
#define TWSIM_CORE_TASK_H_

#include <coroutine>
#include <cstddef>
#include <utility>

#include "sim/core/block_pool.h"

namespace twsim {

class Task {
 public:
  struct promise_type {
    std::coroutine_handle<> continuation;  // the awaiting Task, if any
    Task* owner = nullptr;                 // a started top-level Task: frees the frame at the end

    // Frames come from the thread's block pool: a thread's body (a worker's
    // exit, each cancel call) is a new frame, many times per run.
    static void* operator new(std::size_t size) { return pool_allocate(size); }
    static void operator delete(void* frame, std::size_t size) noexcept { pool_free(frame, size); }

    Task get_return_object() {
      return Task(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct Final {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        const std::coroutine_handle<> next = h.promise().continuation;
        if (next) return next;
        if (Task* owner = h.promise().owner) {
          owner->handle_ = {};
          h.destroy();  // suspended here, so it may go
        }
        return std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    Final final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };

  Task() = default;
  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) { adopt(&other); }
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      if (handle_) handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
      adopt(&other);
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() {
    if (handle_) handle_.destroy();
  }

  // Runs a top-level Task until its first suspension; it frees its frame
  // when it ends (then this Task holds none).
  void start() {
    handle_.promise().owner = this;
    handle_.resume();  // may end it: nothing of it is read after this
  }

  // co_await task: runs it now; the awaiting coroutine resumes when it ends.
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept {
    handle_.promise().continuation = awaiting;
    return handle_;
  }
  void await_resume() const noexcept {}

 private:
  explicit Task(std::coroutine_handle<promise_type> h) : handle_(h) {}
  void adopt(const Task* from) {
    if (handle_ && handle_.promise().owner == from) handle_.promise().owner = this;
  }
  std::coroutine_handle<promise_type> handle_;
};

}  // namespace twsim

#endif  // TWSIM_CORE_TASK_H_
