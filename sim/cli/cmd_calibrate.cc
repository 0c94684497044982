// twsim calibrate [-o FILE] [--max-mib N] [--node-bytes B] [--ms-per-size MS]
// [--repeats N] [--base-pages]: pinned to one CPU, measures the dependent-load latency of
// this host from a 16 KiB working set up to N MiB (doubling), with a
// page-stride probe at each size that tells TLB steps from cache levels, the
// whole curve --repeats times; prints the median curve, its spread and what it
// knows of the host on stderr, and writes the node-cost profile that
// costs.node_visit_ns accepts (to FILE, or to stdout without -o: stdout holds
// the JSON only).
#include <array>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "sim/calibrate/curve_levels.h"
#include "sim/calibrate/host_facts.h"
#include "sim/calibrate/pointer_chase.h"
#include "sim/calibrate/repeat_spread.h"
#include "sim/cli/command_line.h"
#include "sim/cli/commands.h"
#include "sim/cli/diagnostics.h"
#include "sim/cli/output_dir.h"
#include "sim/cli/text_table.h"
#include "sim/io/atomic_file.h"
#include "sim/io/json_io.h"

namespace po = boost::program_options;

namespace twsim {
namespace {

constexpr std::int64_t kSmallestBytes = 16 << 10;

std::string ns_text(double ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", ns);
  return buf;
}

const char* level_of(std::int64_t bytes, const NodeCostProfile& p) {
  return bytes <= p.l1_bytes   ? "L1"
         : bytes <= p.l2_bytes ? "L2"
         : bytes <= p.l3_bytes ? "L3"
                               : "DRAM";
}

// "1.02-1.10 (8%)": a range over the repeats and its width against `median`.
std::string range_text(Range r, double median) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "%.2f-%.2f (%.0f%%)", r.min, r.max, spread_percent(r, median));
  return buf;
}

}  // namespace

po::options_description calibrate_options() {
  po::options_description d;
  d.add_options()("output,o", po::value<std::string>()->value_name("FILE"),
                  "write the profile (JSON, the value for costs.node_visit_ns) to FILE")(
      "max-mib", po::value<std::int64_t>()->default_value(256)->value_name("N"),
      "largest working set, in MiB (4 x L3 or more for a DRAM figure)")(
      "node-bytes", po::value<std::int64_t>()->default_value(64)->value_name("B"),
      "bytes per list node (a multiple of 8; 64 = one cache line per node)")(
      "ms-per-size", po::value<std::int64_t>()->default_value(150)->value_name("MS"),
      "timed milliseconds per working-set size and repeat (and as many for the probe)")(
      "base-pages", "ask for 4 KiB pages instead of huge pages (to see the TLB steps)")(
      "repeats", po::value<std::int64_t>()->default_value(3)->value_name("N"),
      "measure the whole curve N times; the profile takes each point's median")(
      "help,h", "show this command's usage");
  return d;
}

ExitStatus cmd_calibrate(const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto exit = parse_command_args("calibrate", args, {}, &vm)) return *exit;
  const std::int64_t max_mib = vm["max-mib"].as<std::int64_t>();
  const std::int64_t node_bytes = vm["node-bytes"].as<std::int64_t>();
  const std::int64_t ms = vm["ms-per-size"].as<std::int64_t>();
  const std::int64_t repeats = vm["repeats"].as<std::int64_t>();
  if (!check_option_range("calibrate", "max-mib", max_mib, 1, 65536) ||
      !check_option_range("calibrate", "node-bytes", node_bytes, 8, 4096) ||
      !check_option_range("calibrate", "ms-per-size", ms, 1, 60000) ||
      !check_option_range("calibrate", "repeats", repeats, 1, 100)) {
    return ExitStatus::kBadInput;
  }
  if (node_bytes % 8 != 0) {
    print_error("calibrate: --node-bytes must be a multiple of 8, got " +
                std::to_string(node_bytes));
    return ExitStatus::kBadInput;
  }

  if (vm.count("output") &&
      !check_output_file("calibrate", "-o", vm["output"].as<std::string>(), {})) {
    return ExitStatus::kBadInput;
  }

  const std::int64_t max_bytes = max_mib << 20;
  const int cpu = pin_to_current_cpu();
  std::vector<std::vector<ChasePoint>> curves, probes;
  long long huge_kb = -1;
  {
    PointerChase chase(
        max_bytes, node_bytes, /*seed=*/1,
        vm.count("base-pages") ? PointerChase::Pages::kBase : PointerChase::Pages::kHuge);
    const std::chrono::milliseconds budget(ms);
    for (std::int64_t r = 0; r < repeats; ++r) {
      curves.emplace_back();
      probes.emplace_back();
      for (std::int64_t b = kSmallestBytes; b <= max_bytes; b *= 2) {
        curves.back().push_back({b, chase.measure(b, budget)});
        probes.back().push_back({b, chase.measure_page_stride(b, budget)});
      }
    }
    // The buffer is still mapped: did the THP request (madvise MADV_HUGEPAGE) succeed?
    huge_kb = anon_huge_pages_kb("/proc/self/smaps_rollup");
  }
  // The caches of the CPU measured on (sysfs lists them per CPU).
  const std::string cache_dir =
      "/sys/devices/system/cpu/cpu" + std::to_string(cpu < 0 ? 0 : cpu) + "/cache";
  const CacheSizes sizes = read_cache_sizes(cache_dir);
  const std::vector<ChasePoint> curve = median_curve(curves);
  const std::vector<ChasePoint> probe = median_curve(probes);
  std::vector<std::string> notes;
  const LevelReading reading = read_levels(curve, probe, sizes, node_bytes, &notes);
  const NodeCostProfile& profile = reading.profile;

  TextTable table;
  table.add_column("working set", true);
  table.add_column("ns per load", true);
  table.add_column("repeats min-max (spread)", true);
  table.add_column("page walk ns", true);
  table.add_column("level");
  for (std::size_t i = 0; i < curve.size(); ++i) {
    const ChasePoint& p = curve[i];
    table.add_row(
        {bytes_text(p.bytes), ns_text(p.ns_per_load),
         range_text(point_range(curves, i), p.ns_per_load), ns_text(reading.page_walk_ns[i]),
         std::string(level_of(p.bytes, profile)) + (reading.tlb_step[i] ? " (TLB step)" : "")});
  }
  std::cerr << "dependent-load latency, " << node_bytes
            << "-byte nodes in one random cycle, median of " << repeats << " repeats"
            << (cpu >= 0 ? ", pinned to CPU " + std::to_string(cpu) : std::string(", not pinned"))
            << ":\n"
            << table.render();
  std::cerr << "levels: L1 up to " << bytes_text(profile.l1_bytes) << ", L2 up to "
            << bytes_text(profile.l2_bytes) << ", L3 up to " << bytes_text(profile.l3_bytes)
            << (reading.sizes_from_sysfs ? " (" + cache_dir + ")"
                                         : std::string(" (from the curve)"))
            << "\n";
  const std::int64_t bounds[3] = {profile.l1_bytes, profile.l2_bytes, profile.l3_bytes};
  const std::array<Range, 4> ranges = level_ranges(curves, bounds, node_bytes);
  const double costs[4] = {profile.l1_ns, profile.l2_ns, profile.l3_ns, profile.dram_ns};
  const char* names[4] = {"l1_ns", "l2_ns", "l3_ns", "dram_ns"};
  std::cerr << "spread over " << repeats << " repeats (min-max of each repeat's own figure):";
  for (int k = 0; k < 4; ++k) {
    std::cerr << (k == 0 ? " " : ", ") << names[k] << " " << ns_text(costs[k]) << " ["
              << range_text(ranges[k], costs[k]) << "]";
  }
  std::cerr << "\n";
  if (huge_kb >= 0) {
    std::cerr << "huge pages: " << huge_kb << " kB of AnonHugePages for a " << bytes_text(max_bytes)
              << " buffer"
              << (vm.count("base-pages") ? " (--base-pages: not asked for)"
                  : huge_kb * 1024 >= max_bytes / 2
                      ? ""
                      : " (not obtained: TLB misses add to the figures of large working sets)")
              << "\n";
  }
  std::cerr.flush();
  for (const std::string& n : notes) print_warning("calibrate: " + n);
  const std::string vm_evidence =
      virtual_machine_evidence("/proc/cpuinfo", "/sys/class/dmi/id/sys_vendor");
  if (!vm_evidence.empty()) {
    print_warning("calibrate: this host is a virtual machine (" + vm_evidence +
                  "); its figures include the hypervisor's memory translation, not the bare "
                  "metal's");
  }
  for (const std::string& n : implausible_figures(profile)) {
    print_warning("calibrate: implausible figure: " + n);
  }

  const std::string json = node_profile_to_json(profile);
  if (!vm.count("output")) {
    std::cout << json << "\n";
    return ExitStatus::kOk;
  }
  const std::string path = vm["output"].as<std::string>();
  std::string err;
  if (!write_user_file(path, json + "\n", &err)) {
    print_error("calibrate: cannot write profile: " + err);
    return ExitStatus::kSimulationFailed;
  }
  std::cerr << "wrote " << path << ": " << json << "\n";
  return ExitStatus::kOk;
}

}  // namespace twsim
