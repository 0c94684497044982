// Pending events, earliest first. Events at the same time pop in the order of
// their tie-break key, then in the order they were pushed (seq). Most events
// use key 0; a caller that needs a seeded order among simultaneous events
// (contenders reaching pi_lock in the same nanosecond) passes a random key.
// Either way two runs with the same seed pop the same sequence.
#ifndef TWSIM_CORE_EVENT_QUEUE_H_
#define TWSIM_CORE_EVENT_QUEUE_H_

#include <boost/heap/d_ary_heap.hpp>
#include <cstdint>
#include <deque>
#include <vector>

#include "sim/core/time.h"
#include "sim/core/unique_function.h"

namespace twsim {

class EventQueue {
 public:
  using Callback = UniqueFunction<void()>;

  // REQUIRES: when >= the time of the last popped event.
  void push(Ns when, Callback fn, std::uint64_t tie_key = 0);

  // Hands out the next `n` push-order numbers (seq) without pushing: a caller
  // that would push n events now may push them later, one at a time, with
  // push_reserved, and they pop exactly where the n eager pushes would have
  // (same time, key 0, same seq), without n callbacks held meanwhile.
  std::uint64_t reserve_seqs(std::uint64_t n) {
    const std::uint64_t first = next_seq_;
    next_seq_ += n;
    return first;
  }
  // REQUIRES: seq came from reserve_seqs and was not pushed before.
  void push_reserved(Ns when, Callback fn, std::uint64_t seq);

  // Whether the earliest event fires before an event at (when, tie_key,
  // seq) would. REQUIRES: !empty().
  bool top_fires_before(Ns when, std::uint64_t tie_key, std::uint64_t seq) const {
    return FiresLater()(Entry{when, tie_key, seq, 0}, heap_.top());
  }

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  Ns next_time() const { return heap_.top().when; }

  // Removes the earliest event and returns its time; its callback is moved
  // into *fn so that the caller can run it after the queue is consistent.
  Ns pop(Callback* fn);

  // The same without moving the callback: pop_slot() removes the earliest
  // event, *when gets its time, and the callback stays in the returned slot
  // until run_slot(slot) runs it in place and frees the slot. Events pushed
  // meanwhile (by the callback itself) never move it.
  std::uint32_t pop_slot(Ns* when);
  void run_slot(std::uint32_t slot);

 private:
  // Heap entries are small and trivially copyable; the callbacks live in a
  // slab indexed by `slot` so that sifting the heap never moves a
  // callback (measured: tests/bench/event_queue_bench.cc).
  struct Entry {
    Ns when;
    std::uint64_t tie_key;
    std::uint64_t seq;
    std::uint32_t slot;
  };
  // Boost.Heap keeps the "largest" element on top, so the comparator says
  // "a fires later than b".
  struct FiresLater {
    bool operator()(const Entry& a, const Entry& b) const {
      if (a.when != b.when) return a.when > b.when;
      if (a.tie_key != b.tie_key) return a.tie_key > b.tie_key;
      return a.seq > b.seq;
    }
  };
  // A 4-ary array heap: no per-node allocation and no cancel needed (the
  // model never cancels an event).
  boost::heap::d_ary_heap<Entry, boost::heap::arity<4>, boost::heap::compare<FiresLater>> heap_;
  std::deque<Callback> slots_;  // a deque: growing it never moves a running callback
  std::vector<std::uint32_t> free_slots_;
  std::uint32_t store(Callback fn);

  std::uint64_t next_seq_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_CORE_EVENT_QUEUE_H_
