#include "sim/calibrate/curve_levels.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "sim/calibrate/median.h"

namespace twsim {
namespace {

constexpr double kStepRatio = 1.25;      // a rise of 25% between neighbours is a step
constexpr double kTlbShareOfStep = 0.5;  // page walks make half of it: a TLB step
constexpr double kNotedWalkShare = 0.2;  // walks worth mentioning at the largest set

std::string read_line(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::string s;
  std::getline(in, s);
  return s;
}

std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// The curve's index of the largest point no bigger than `bytes`; -1 if none.
int point_at_or_below(const std::vector<ChasePoint>& curve, std::int64_t bytes) {
  int found = -1;
  for (std::size_t i = 0; i < curve.size() && curve[i].bytes <= bytes; ++i) {
    found = static_cast<int>(i);
  }
  return found;
}

}  // namespace

std::string bytes_text(std::int64_t b) {
  if (b >= (1 << 20) && b % (1 << 20) == 0) return std::to_string(b >> 20) + " MiB";
  if (b >= (1 << 10) && b % (1 << 10) == 0) return std::to_string(b >> 10) + " KiB";
  return std::to_string(b) + " B";
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

std::vector<double> page_walk_ns(const std::vector<ChasePoint>& curve,
                                 const std::vector<ChasePoint>& probe) {
  std::vector<double> walk(curve.size(), 0.0);
  if (probe.empty()) return walk;
  assert(probe.size() == curve.size());
  constexpr std::int64_t kLinesToPages = kProbePageBytes / kProbeLineBytes;
  for (std::size_t i = 1; i < curve.size(); ++i) {
    assert(probe[i].bytes == curve[i].bytes);
    // The probe's cache part is the dense curve's at a 64 times smaller set,
    // less that set's own page walks.
    const int j = point_at_or_below(curve, curve[i].bytes / kLinesToPages);
    const double cache_ns = j < 0 ? curve[0].ns_per_load : curve[j].ns_per_load - walk[j];
    walk[i] = std::max(0.0, probe[i].ns_per_load - cache_ns);
  }
  return walk;
}

NodeCostProfile profile_at_bounds(const std::vector<ChasePoint>& curve,
                                  const std::int64_t (&bounds)[3], std::int64_t node_bytes) {
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
  // Rounded to 1 ps, at least 1 ps, and non-decreasing from L1 to DRAM.
  double floor_ns = 0.001;
  for (double* v : {&out.l1_ns, &out.l2_ns, &out.l3_ns, &out.dram_ns}) {
    *v = std::max(floor_ns, std::round(*v * 1000) / 1000);
    floor_ns = *v;
  }
  return out;
}

LevelReading read_levels(const std::vector<ChasePoint>& curve, const std::vector<ChasePoint>& probe,
                         CacheSizes sizes, std::int64_t node_bytes,
                         std::vector<std::string>* notes) {
  assert(curve.size() >= 4);
  LevelReading out;
  out.page_walk_ns = page_walk_ns(curve, probe);
  const std::vector<double>& walk = out.page_walk_ns;
  out.tlb_step.assign(curve.size(), false);
  for (std::size_t i = 1; i < curve.size(); ++i) {
    const double rise = curve[i].ns_per_load - curve[i - 1].ns_per_load;
    if (curve[i].ns_per_load < kStepRatio * curve[i - 1].ns_per_load) continue;
    if (walk[i] - walk[i - 1] < kTlbShareOfStep * rise) continue;
    out.tlb_step[i] = true;
    notes->push_back("the step from " + bytes_text(curve[i - 1].bytes) + " to " +
                     bytes_text(curve[i].bytes) + " (" + fixed2(curve[i - 1].ns_per_load) + " -> " +
                     fixed2(curve[i].ns_per_load) +
                     " ns) is a TLB step, not a cache level: page walks rise by " +
                     fixed2(walk[i] - walk[i - 1]) + " ns there (the page-stride probe)");
  }

  std::int64_t bounds[3] = {sizes.l1d, sizes.l2, sizes.l3};
  out.sizes_from_sysfs = bounds[0] > 0 && bounds[0] < bounds[1] && bounds[1] < bounds[2];
  if (!out.sizes_from_sysfs) {
    // The cache part c = t - T (at least the curve's smallest figure), and
    // its three steepest steps, in size order.
    double lowest = curve[0].ns_per_load;
    for (const ChasePoint& p : curve) lowest = std::min(lowest, p.ns_per_load);
    std::vector<double> cache(curve.size());
    for (std::size_t i = 0; i < curve.size(); ++i) {
      cache[i] = std::max(lowest, curve[i].ns_per_load - walk[i]);
    }
    std::vector<std::size_t> steps(curve.size() - 1);
    for (std::size_t i = 0; i < steps.size(); ++i) steps[i] = i;
    const auto ratio = [&](std::size_t i) { return cache[i + 1] / cache[i]; };
    std::stable_sort(steps.begin(), steps.end(),
                     [&](std::size_t a, std::size_t b) { return ratio(a) > ratio(b); });
    steps.resize(3);
    std::sort(steps.begin(), steps.end());
    for (int k = 0; k < 3; ++k) bounds[k] = curve[steps[k]].bytes;
    std::string missing;
    for (const auto& [size, name] :
         {std::pair{sizes.l1d, "L1d"}, {sizes.l2, "L2"}, {sizes.l3, "L3"}}) {
      if (size <= 0) missing += std::string(missing.empty() ? "" : ", ") + name;
    }
    notes->push_back("cache sizes unknown (sysfs " +
                     (missing.empty() ? std::string("sizes not increasing") : "has no " + missing) +
                     "); levels placed at the three steepest steps of the curve" +
                     (probe.empty()
                          ? std::string(" (no probe: a TLB step may be taken for a level)")
                          : std::string(" less its page walks")));
  }

  out.profile = profile_at_bounds(curve, bounds, node_bytes);
  if (curve.back().bytes <= bounds[2]) {
    notes->push_back(
        "the largest working set fits in L3, so dram_ns is not a DRAM latency; "
        "raise --max-mib to at least 4 x L3");
  } else if (curve.back().bytes < 4 * bounds[2]) {
    notes->push_back(
        "the largest working set is under 4 x L3, so dram_ns may still include "
        "L3 hits; raise --max-mib to at least 4 x L3");
  }
  if (walk.back() > kNotedWalkShare * curve.back().ns_per_load) {
    notes->push_back("the page-stride probe puts about " + fixed2(walk.back()) +
                     " ns of the largest set's " + fixed2(curve.back().ns_per_load) +
                     " ns in page walks: with 4 KiB pages, walks the kernel's direct map (huge "
                     "pages) mostly avoids; with huge pages on a VM, the hypervisor's nested "
                     "walks (see the huge pages line)");
  }
  return out;
}

}  // namespace twsim
