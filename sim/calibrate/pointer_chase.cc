#include "sim/calibrate/pointer_chase.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "sim/core/random.h"

namespace twsim {
namespace {

constexpr std::int64_t kHugePage = 2 << 20;
constexpr std::int64_t kMaxWarmupLoads = 1 << 20;
constexpr std::int64_t kChunkLoads = 1 << 14;  // loads between clock reads
constexpr int kStretches = 5;

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

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string read_line(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::string s;
  std::getline(in, s);
  return s;
}

}  // namespace

void PointerChase::Free::operator()(std::byte* p) const { std::free(p); }

PointerChase::PointerChase(std::int64_t max_bytes, std::int64_t node_bytes, std::uint64_t seed)
    : max_bytes_(max_bytes), node_bytes_(node_bytes), seed_(seed) {
  const std::int64_t rounded = (max_bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, static_cast<std::size_t>(rounded));
  if (p == nullptr) throw std::bad_alloc();
#ifdef __linux__
  (void)madvise(p, static_cast<std::size_t>(rounded), MADV_HUGEPAGE);  // a hint; may fail
#endif
  std::memset(p, 0, static_cast<std::size_t>(rounded));
  buffer_.reset(static_cast<std::byte*>(p));
}

double PointerChase::measure(std::int64_t bytes, std::chrono::nanoseconds budget) {
  assert(bytes >= 2 * node_bytes_ && bytes <= max_bytes_);
  const auto n = static_cast<std::uint32_t>(bytes / node_bytes_);
  // Sattolo's algorithm: a uniformly random permutation with one cycle, so
  // the chase visits every node before coming back.
  std::vector<std::uint32_t> next(n);
  for (std::uint32_t i = 0; i < n; ++i) next[i] = i;
  RandomStream rng(seed_, 0, "calibrate", n);
  for (std::uint32_t i = n - 1; i > 0; --i) std::swap(next[i], next[rng.below(i)]);
  std::byte* base = buffer_.get();
  for (std::uint32_t k = 0; k < n; ++k) {
    std::byte* target = base + static_cast<std::int64_t>(next[k]) * node_bytes_;
    std::memcpy(base + static_cast<std::int64_t>(k) * node_bytes_, &target, sizeof target);
  }

  std::byte* p = chase(base, std::min<std::int64_t>((n + 7) / 8 * 8, kMaxWarmupLoads));
  using Clock = std::chrono::steady_clock;
  const auto stretch = budget / kStretches;
  std::vector<double> ns_per_load;
  for (int s = 0; s < kStretches; ++s) {
    std::int64_t loads = 0;
    const Clock::time_point start = Clock::now();
    Clock::duration elapsed{};
    do {
      p = chase(p, kChunkLoads);
      loads += kChunkLoads;
      elapsed = Clock::now() - start;
    } while (elapsed < stretch);
    ns_per_load.push_back(
        static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()) /
        static_cast<double>(loads));
  }
  g_sink = p;
  return median(std::move(ns_per_load));
}

std::int64_t parse_cache_size(std::string_view text) {
  std::int64_t value = 0;
  std::size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (value > (std::int64_t{1} << 40)) return 0;
    value = value * 10 + (text[i] - '0');
    ++i;
  }
  if (i == 0) return 0;
  std::string_view rest = text.substr(i);
  while (!rest.empty() && (rest.back() == '\n' || rest.back() == ' ')) rest.remove_suffix(1);
  if (rest.empty()) return value;
  if (rest == "K") return value << 10;
  if (rest == "M") return value << 20;
  if (rest == "G") return value << 30;
  return 0;
}

CacheSizes read_cache_sizes(const std::string& dir) {
  CacheSizes out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().rfind("index", 0) != 0) continue;
    const std::string type = read_line(entry.path() / "type");
    if (type != "Data" && type != "Unified") continue;
    const std::string level = read_line(entry.path() / "level");
    const std::int64_t size = parse_cache_size(read_line(entry.path() / "size"));
    std::int64_t* slot = level == "1"   ? &out.l1d
                         : level == "2" ? &out.l2
                         : level == "3" ? &out.l3
                                        : nullptr;
    if (slot != nullptr) *slot = std::max(*slot, size);
  }
  return out;
}

NodeCostProfile profile_from_curve(const std::vector<ChasePoint>& curve, CacheSizes sizes,
                                   std::int64_t node_bytes, std::vector<std::string>* notes) {
  assert(curve.size() >= 4);
  std::int64_t bounds[3] = {sizes.l1d, sizes.l2, sizes.l3};
  const bool known = bounds[0] > 0 && bounds[0] < bounds[1] && bounds[1] < bounds[2];
  if (!known) {
    // The three steepest steps of the curve, in size order.
    std::vector<std::size_t> steps(curve.size() - 1);
    for (std::size_t i = 0; i < steps.size(); ++i) steps[i] = i;
    const auto ratio = [&](std::size_t i) {
      return curve[i + 1].ns_per_load / curve[i].ns_per_load;
    };
    std::stable_sort(steps.begin(), steps.end(),
                     [&](std::size_t a, std::size_t b) { return ratio(a) > ratio(b); });
    steps.resize(3);
    std::sort(steps.begin(), steps.end());
    for (int k = 0; k < 3; ++k) bounds[k] = curve[steps[k]].bytes;
    notes->push_back("cache sizes not found; levels placed at the curve's steepest steps");
  }

  // A level's cost: the median of the points in (previous size, its size];
  // if none, the first point above the previous size.
  const auto level_ns = [&](std::int64_t above, std::int64_t upto) {
    std::vector<double> inside;
    for (const ChasePoint& p : curve) {
      if (p.bytes > above && p.bytes <= upto) inside.push_back(p.ns_per_load);
    }
    if (!inside.empty()) return median(std::move(inside));
    for (const ChasePoint& p : curve) {
      if (p.bytes > above) return p.ns_per_load;
    }
    return curve.back().ns_per_load;
  };
  NodeCostProfile out;
  out.l1_bytes = bounds[0];
  out.l2_bytes = bounds[1];
  out.l3_bytes = bounds[2];
  out.node_bytes = node_bytes;
  out.l1_ns = level_ns(0, bounds[0]);
  out.l2_ns = level_ns(bounds[0], bounds[1]);
  out.l3_ns = level_ns(bounds[1], bounds[2]);
  out.dram_ns = curve.back().ns_per_load;
  if (curve.back().bytes <= bounds[2]) {
    notes->push_back(
        "the largest working set fits in L3, so dram_ns is not a DRAM latency; "
        "raise --max-mib to at least 4 x L3");
  } else if (curve.back().bytes < 4 * bounds[2]) {
    notes->push_back(
        "the largest working set is under 4 x L3, so dram_ns may still include "
        "L3 hits; raise --max-mib to at least 4 x L3");
  }
  // Rounded to 1 ps, at least 1 ps, and non-decreasing from L1 to DRAM.
  double floor_ns = 0.001;
  for (double* v : {&out.l1_ns, &out.l2_ns, &out.l3_ns, &out.dram_ns}) {
    *v = std::max(floor_ns, std::round(*v * 1000) / 1000);
    floor_ns = *v;
  }
  return out;
}

}  // namespace twsim
