#include "sim/calibrate/pointer_chase.h"

#include <time.h>

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "sim/calibrate/median.h"
#include "sim/core/random.h"

namespace twsim {
namespace {

constexpr std::int64_t kHugePage = 2 << 20;
constexpr std::int64_t kMaxWarmupLoads = 1 << 20;
constexpr std::int64_t kChunkLoads = 1 << 12;  // loads between clock reads
constexpr std::chrono::nanoseconds kPass = std::chrono::milliseconds(2);
constexpr int kMinPasses = 5;

std::byte* load_next(std::byte* p) {
  std::byte* next;
  std::memcpy(&next, p, sizeof next);
  return next;
}

// `loads` dependent loads from p (a multiple of 8); returns where it stopped.
std::byte* chase(std::byte* p, std::int64_t loads) {
  for (std::int64_t i = 0; i < loads; i += 8) {
    p = load_next(p);
    p = load_next(p);
    p = load_next(p);
    p = load_next(p);
    p = load_next(p);
    p = load_next(p);
    p = load_next(p);
    p = load_next(p);
  }
  return p;
}

// Keeps the chase's result alive so the loads cannot be optimised away.
std::byte* volatile g_sink = nullptr;

std::int64_t clock_ns(clockid_t id) {
  timespec t{};
  clock_gettime(id, &t);
  return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec;
}

}  // namespace

void PointerChase::Free::operator()(std::byte* p) const { std::free(p); }

PointerChase::PointerChase(std::int64_t max_bytes, std::int64_t node_bytes, std::uint64_t seed,
                           Pages pages)
    : max_bytes_(max_bytes), node_bytes_(node_bytes), seed_(seed) {
  const std::int64_t rounded = (max_bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, static_cast<std::size_t>(rounded));
  if (p == nullptr) throw std::bad_alloc();
#ifdef __linux__
  // A hint; may fail (THP off, or no THP in the kernel).
  (void)madvise(p, static_cast<std::size_t>(rounded),
                pages == Pages::kHuge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
#endif
  std::memset(p, 0, static_cast<std::size_t>(rounded));
  buffer_.reset(static_cast<std::byte*>(p));
}

template <class Offset>
double PointerChase::time_cycle(std::uint32_t n, Offset offset, std::chrono::nanoseconds budget) {
  // Sattolo's algorithm: a uniformly random permutation with one cycle, so
  // the chase visits every node before coming back.
  std::vector<std::uint32_t> next(n);
  for (std::uint32_t i = 0; i < n; ++i) next[i] = i;
  RandomStream rng(seed_, 0, "calibrate", n);
  for (std::uint32_t i = n - 1; i > 0; --i) std::swap(next[i], next[rng.below(i)]);
  std::byte* base = buffer_.get();
  for (std::uint32_t k = 0; k < n; ++k) {
    std::byte* target = base + offset(next[k]);
    std::memcpy(base + offset(k), &target, sizeof target);
  }

  std::byte* p = chase(base, std::min<std::int64_t>((n + 7) / 8 * 8, kMaxWarmupLoads));
  const int passes = std::max<int>(kMinPasses, static_cast<int>(budget / kPass));
  std::vector<double> ns_per_load;
  for (int s = 0; s < passes; ++s) {
    std::int64_t loads = 0;
    const std::int64_t wall_start = clock_ns(CLOCK_MONOTONIC);
    const std::int64_t cpu_start = clock_ns(CLOCK_THREAD_CPUTIME_ID);
    do {
      p = chase(p, kChunkLoads);
      loads += kChunkLoads;
    } while (clock_ns(CLOCK_MONOTONIC) - wall_start < kPass.count());
    const std::int64_t cpu_ns = clock_ns(CLOCK_THREAD_CPUTIME_ID) - cpu_start;
    ns_per_load.push_back(static_cast<double>(cpu_ns) / static_cast<double>(loads));
  }
  g_sink = p;
  return median(std::move(ns_per_load));
}

double PointerChase::measure(std::int64_t bytes, std::chrono::nanoseconds budget) {
  assert(bytes >= 2 * node_bytes_ && bytes <= max_bytes_);
  const std::int64_t node_bytes = node_bytes_;
  return time_cycle(
      static_cast<std::uint32_t>(bytes / node_bytes),
      [node_bytes](std::uint32_t k) { return static_cast<std::int64_t>(k) * node_bytes; }, budget);
}

double PointerChase::measure_page_stride(std::int64_t span, std::chrono::nanoseconds budget) {
  assert(span >= 2 * kProbePageBytes && span <= max_bytes_);
  constexpr std::int64_t kLinesPerPage = kProbePageBytes / kProbeLineBytes;
  return time_cycle(
      static_cast<std::uint32_t>(span / kProbePageBytes),
      [](std::uint32_t k) {
        return static_cast<std::int64_t>(k) * kProbePageBytes + k % kLinesPerPage * kProbeLineBytes;
      },
      budget);
}

}  // namespace twsim
