// The discrete-event engine: a clock and the queue of pending events. It knows
// nothing of the model; components schedule callbacks on it. Owns no
// components; they must outlive run().
#ifndef TWSIM_CORE_SIMULATOR_H_
#define TWSIM_CORE_SIMULATOR_H_

#include <atomic>
#include <cstdint>
#include <vector>

#include "sim/core/event_queue.h"
#include "sim/core/ring_queue.h"
#include "sim/core/time.h"

namespace twsim {

class Simulator {
 public:
  Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  Ns now() const { return now_; }
  // Runs fn at absolute time `when`. A `when` before now() breaks monotone
  // time: it throws InvariantViolation (sim/core/invariant.h).
  void at(Ns when, EventQueue::Callback fn, std::uint64_t tie_key = 0);
  // Runs fn `delay` ns from now; a negative delay throws as above.
  void after(Ns delay, EventQueue::Callback fn, std::uint64_t tie_key = 0) {
    at(now_ + delay, std::move(fn), tie_key);
  }

  // Reserved push order (EventQueue::reserve_seqs): events pushed later
  // that pop as if pushed now. at_reserved checks monotone time as at() does.
  std::uint64_t reserve_seqs(std::uint64_t n) { return queue_.reserve_seqs(n); }
  void at_reserved(Ns when, EventQueue::Callback fn, std::uint64_t seq);

  // Pops and runs events in order until the queue is empty or the next event
  // lies after `end`. Afterwards now() is the time of the last event run.
  // If a stop flag is set (set_stop_flag) and becomes true, throws
  // RunStopped within 1024 events.
  void run_until(Ns end);

  // A flag (SIGINT/SIGTERM) that abandons the run; it must outlive run_until.
  void set_stop_flag(const std::atomic<bool>* stop) { stop_ = stop; }

  // An event the model computed in closed form instead of queueing it
  // (sim/model/walk_ring.h): the clock moves to `when` and it counts as run,
  // as if popped; the stop flag is honoured as for popped events.
  // REQUIRES: now() <= when <= run_end().
  void step_in_closed_form(Ns when);
  // The `end` of the run_until call now running (what may still run).
  Ns run_end() const { return run_end_; }

  // With fast-forward (fast_forward.h), events scheduled `delay` ns ahead
  // with tie key 0 get a lane of their own, as events for now() always do
  // (see below). For the model's fixed costs (worker_exit_ns, a handoff):
  // most of a run's events. Without fast-forward, or for delay <= 0, nothing.
  void add_delay_lane(Ns delay);

  std::uint64_t events_run() const { return events_run_; }
  std::size_t pending() const;
  // The time of the earliest queued event; kNever if none.
  Ns next_event_time() const;

 private:
  EventQueue queue_;
  // With fast-forward, events with tie key 0 scheduled now() or a lane's
  // delay ahead wait in that lane, a FIFO beside the heap, each with the
  // push-order number the heap would have given it, and run where the heap
  // would have popped them. Time only moves forward, so a lane's events come
  // in (time, number) order: no heap push and pop for them. Lane 0 is for
  // now() (a CPU handed to a waiting thread, a zero delay).
  struct LaneEvent {
    Ns when = 0;
    std::uint64_t seq = 0;
    EventQueue::Callback fn;
  };
  struct Lane {
    Ns delay = 0;
    RingQueue<LaneEvent> events;
  };
  std::vector<Lane> lanes_;  // empty without fast-forward; a handful with it
  Lane* earliest_lane();     // the lane whose front runs first, or nullptr
  void run_lane_front(Lane* lane);
  void run_heap_top();
  Ns now_ = 0;
  Ns run_end_ = 0;
  std::uint64_t events_run_ = 0;
  void check_stop() const;  // RunStopped every 1024 events once the stop flag is set
  const std::atomic<bool>* stop_ = nullptr;
};

// Thrown by run_until when its stop flag became true: the run is abandoned.
struct RunStopped {};

}  // namespace twsim

#endif  // TWSIM_CORE_SIMULATOR_H_
