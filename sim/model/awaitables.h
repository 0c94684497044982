// What a simulated thread can wait for (core/task.h), each doing exactly what
// the callback it replaces did, so that the event order is unchanged:
//  - Delay: time passes with the thread on its CPU (sim.after);
//  - Locked: a critical section on pi_lock (LockSection::call), resumed at
//    the unlock;
//  - FreeCpu: the thread needs a CPU (CpuPool::run_when_free);
//  - PutRef: io_worker_ref_put, which goes on at once unless it drops the
//    last reference (then complete(&worker_done) takes pi_lock first);
//  - CreateDone: wait_for_completion(&worker->ref_done) until the callback of
//    the worker's create_work has run.
#ifndef TWSIM_MODEL_AWAITABLES_H_
#define TWSIM_MODEL_AWAITABLES_H_

#include <coroutine>
#include <utility>

#include "sim/core/simulator.h"
#include "sim/core/unique_function.h"
#include "sim/model/cpu_pool.h"
#include "sim/model/io_wq_refs.h"
#include "sim/model/lock_request.h"
#include "sim/model/lock_section.h"

namespace twsim {

struct Delay {
  Simulator* sim;
  Ns ns;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    sim->after(ns, [h] { h.resume(); });
  }
  void await_resume() const noexcept {}
};

// The lock call's state is the awaitable itself, in the thread's frame (a
// queued waiter is then 32 bytes in PiLock, and no closure block).
template <typename Body>  // Ns(): runs at the grant; returns the hold time
struct Locked : LockRequest {
  Body fn;
  std::coroutine_handle<> waiter{};
  Locked(LockSection* lock, int on_cpu, Runner runner, CallSite call_site, Body critical)
      : LockRequest{on_cpu, runner, call_site, &run_body, &resume, lock}, fn(std::move(critical)) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    waiter = h;
    section->call(this);
  }
  void await_resume() const noexcept {}

 private:
  static Ns run_body(LockRequest* self) { return static_cast<Locked*>(self)->fn(); }
  static void resume(LockRequest* self) { static_cast<Locked*>(self)->waiter.resume(); }
};

struct FreeCpu {
  CpuPool* pool;
  Affinity affinity;
  int cpu = -1;
  std::coroutine_handle<> waiter{};
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    waiter = h;
    pool->run_when_free(affinity, CpuThread{[](void* self, int c) {
                                              auto* f = static_cast<FreeCpu*>(self);
                                              f->cpu = c;
                                              f->waiter.resume();
                                            },
                                            this});
  }
  int await_resume() const noexcept { return cpu; }
};

struct PutRef {
  IoWqRefs* refs;
  int cpu;
  Role role;
  bool ran_inline = false;  // put() called back before returning
  bool returned = false;
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    refs->put(cpu, role, [this, h] {
      if (returned) {
        h.resume();
      } else {
        ran_inline = true;
      }
    });
    returned = true;
    return !ran_inline;  // not the last reference: go on without suspending
  }
  void await_resume() const noexcept {}
};

struct CreateDone {
  std::coroutine_handle<>* on_done;  // WorkerState::on_create_done
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) { *on_done = h; }
  void await_resume() const noexcept {}
};

}  // namespace twsim

#endif  // TWSIM_MODEL_AWAITABLES_H_
