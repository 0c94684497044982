// Per-worker events that a loop would push all at once (the wake-ups at exit
// start: zap_other_threads' SIGKILL to every io-wq worker, or
// io_wq_exit_workers' io_wq_worker_wake for each, torvalds/linux
// kernel/signal.c zap_other_threads, io_uring/io-wq.c io_wq_exit_workers),
// held as a sorted array of (time, worker) and pushed one at a time: only the
// earliest is in the event queue. Each pops exactly where its eager push
// would have (the same time, tie key 0 and push-order number, reserved at
// commit), so the run's events and random draws are the same; what is saved
// is a queued callback per worker (4,000,000 in configs/scale/million-cpus.json).
// With fast-forward (sim/core/fast_forward.h), a run of entries that come
// before anything queued fires from one event, each counted as an event
// stepped in closed form (a wake-up that only queues for a CPU, at exit start).
#ifndef TWSIM_MODEL_WAKEUP_SCHEDULE_H_
#define TWSIM_MODEL_WAKEUP_SCHEDULE_H_

#include <cstdint>
#include <vector>

#include "sim/core/fast_forward.h"
#include "sim/core/time.h"
#include "sim/model/run_context.h"

namespace twsim {

class WakeupSchedule {
 public:
  // What an event does: `kind` is the caller's, as given to add().
  using Fire = void (*)(void* target, int worker, int kind);

  // `ctx` and `target` must outlive the run.
  WakeupSchedule(RunContext* ctx, Fire fire, void* target)
      : ctx_(ctx), fire_(fire), target_(target), fast_forward_(fast_forward_enabled()) {}
  ~WakeupSchedule();  // adds its closed-form events to fast_forwarded_events()
  WakeupSchedule(const WakeupSchedule&) = delete;
  WakeupSchedule& operator=(const WakeupSchedule&) = delete;

  // The event an eager loop would push now with ctx->after(delay, ...)
  // (worker >= 0; kind 0 or 1),
  // in the order it would push them. No other event may be pushed between
  // the first add() and commit().
  void add(Ns delay, int worker, int kind);
  // Room for n add()s (no growth by doubling).
  void reserve(std::size_t n) { entries_.reserve(n); }
  // Reserves the push-order numbers of the add()s and queues the earliest;
  // each event queues the next when it runs. Once per schedule.
  void commit();

 private:
  // 16 bytes: a million-CPU run holds 4,000,000 of them at exit start.
  struct Entry {
    Ns when;
    std::uint32_t order;  // push order among this commit's adds
    std::uint32_t worker : 31;
    std::uint32_t kind : 1;
  };
  void push_next();
  // The queued event of entries_[next_], and with fast-forward the entries
  // after it that come before anything queued (stepped in closed form).
  void fire_from_next();
  static void sort_by_time_then_order(std::vector<Entry>* entries);

  RunContext* ctx_;
  Fire fire_;
  void* target_;
  std::vector<Entry> entries_;  // in add() order until commit, then sorted
  std::uint64_t first_seq_ = 0;
  std::size_t next_ = 0;
  bool committed_ = false;
  bool fast_forward_;
  std::uint64_t computed_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_WAKEUP_SCHEDULE_H_
