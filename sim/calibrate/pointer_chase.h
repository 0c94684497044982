// The measurement behind `twsim calibrate`: the latency of one dependent load
// (a pointer chase, as lmbench's lat_mem_rd and the AnandTech latency charts
// of docs/calibration.md §3.1 measure it) over working sets from L1-sized to
// DRAM-sized, and a page-stride probe that isolates the TLB's part of it.
//
// Nodes are linked in one random cycle (Sattolo's algorithm), so every load
// depends on the one before and hardware prefetchers cannot guess the next
// address, as with task_work nodes scattered over slab pages.
#ifndef TWSIM_CALIBRATE_POINTER_CHASE_H_
#define TWSIM_CALIBRATE_POINTER_CHASE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace twsim {

// One point of a latency curve.
struct ChasePoint {
  std::int64_t bytes;  // working set (dense chase) or span (page-stride probe)
  double ns_per_load;
};

class PointerChase {
 public:
  // Which pages to ask the kernel for (madvise, mm/madvise.c): transparent
  // huge pages where it allows, like the kernel's direct map, so that TLB
  // misses do not dominate the DRAM figure; or base pages, to see the TLB steps.
  enum class Pages { kHuge, kBase };

  // One buffer of `max_bytes` in `pages`, touched once. The cycle's order
  // comes from the named random stream "calibrate" of `seed`.
  PointerChase(std::int64_t max_bytes, std::int64_t node_bytes, std::uint64_t seed,
               Pages pages = Pages::kHuge);
  PointerChase(const PointerChase&) = delete;
  PointerChase& operator=(const PointerChase&) = delete;

  // ns per dependent load over the first `bytes` of the buffer, nodes of
  // node_bytes packed. REQUIRES: node_bytes * 2 <= bytes <= max_bytes.
  double measure(std::int64_t bytes, std::chrono::nanoseconds budget);

  // The page-stride probe: one 8-byte node per 4 KiB page over the first
  // `span` bytes, page k's node in its cache line k mod 64 (so the nodes
  // spread over all cache sets). It touches as many pages as measure(span)
  // but 64 times fewer cache lines: the TLB sees the same working set, the
  // caches a 64 times smaller one. REQUIRES: 2 pages <= span <= max_bytes.
  double measure_page_stride(std::int64_t span, std::chrono::nanoseconds budget);

 private:
  struct Free {
    void operator()(std::byte* p) const;
  };
  // Links nodes 0..n-1 at base + offset(k) in one random cycle and times it:
  // one warm-up lap (at most 2^20 loads), then passes of about 2 ms each
  // (budget / 2 ms of them, at least 5) timed on this thread's CPU clock
  // (CLOCK_THREAD_CPUTIME_ID: the time the thread ran, so a pass that was
  // preempted by another process on a shared machine is not charged for the
  // time it waited, kernel/time/posix-cpu-timers.c, posix_cpu_clock_get);
  // returns the median pass's ns per load.
  template <class Offset>
  double time_cycle(std::uint32_t n, Offset offset, std::chrono::nanoseconds budget);

  std::int64_t max_bytes_;
  std::int64_t node_bytes_;
  std::uint64_t seed_;
  std::unique_ptr<std::byte, Free> buffer_;
};

// The bytes of one page and of one cache line the probe assumes (x86 and
// arm64 base pages; docs/calibration.md §3.1's machines all have 64-byte lines).
inline constexpr std::int64_t kProbePageBytes = 4096;
inline constexpr std::int64_t kProbeLineBytes = 64;

}  // namespace twsim

#endif  // TWSIM_CALIBRATE_POINTER_CHASE_H_
