// twsim calibrate [-o FILE] [--max-mib N] [--node-bytes B] [--ms-per-size MS]:
// measures the dependent-load latency of this host from a 16 KiB working set
// up to N MiB (doubling), prints the curve and what it knows of the host on
// stderr, and writes the node-cost profile that costs.node_visit_ns accepts
// (to FILE, or to stdout without -o: stdout holds the JSON only).
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "sim/calibrate/host_facts.h"
#include "sim/calibrate/pointer_chase.h"
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

constexpr const char* kCacheDir = "/sys/devices/system/cpu/cpu0/cache";
constexpr std::int64_t kSmallestBytes = 16 << 10;

// 16384 -> "16 KiB", 2097152 -> "2 MiB", 100 -> "100 B".
std::string bytes_text(std::int64_t b) {
  if (b >= (1 << 20) && b % (1 << 20) == 0) return std::to_string(b >> 20) + " MiB";
  if (b >= (1 << 10) && b % (1 << 10) == 0) return std::to_string(b >> 10) + " KiB";
  return std::to_string(b) + " B";
}

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
      "timed milliseconds per working-set size")("help,h", "show this command's usage");
  return d;
}

ExitStatus cmd_calibrate(const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto exit = parse_command_args("calibrate", args, {}, &vm)) return *exit;
  const std::int64_t max_mib = vm["max-mib"].as<std::int64_t>();
  const std::int64_t node_bytes = vm["node-bytes"].as<std::int64_t>();
  const std::int64_t ms = vm["ms-per-size"].as<std::int64_t>();
  if (!check_option_range("calibrate", "max-mib", max_mib, 1, 65536) ||
      !check_option_range("calibrate", "node-bytes", node_bytes, 8, 4096) ||
      !check_option_range("calibrate", "ms-per-size", ms, 1, 60000)) {
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
  std::vector<ChasePoint> curve;
  long long huge_kb = -1;
  {
    PointerChase chase(max_bytes, node_bytes, /*seed=*/1);
    for (std::int64_t b = kSmallestBytes; b <= max_bytes; b *= 2) {
      curve.push_back({b, chase.measure(b, std::chrono::milliseconds(ms))});
    }
    // The buffer is still mapped: did the THP request (madvise MADV_HUGEPAGE) succeed?
    huge_kb = anon_huge_pages_kb("/proc/self/smaps_rollup");
  }
  const CacheSizes sizes = read_cache_sizes(kCacheDir);
  std::vector<std::string> notes;
  const NodeCostProfile profile = profile_from_curve(curve, sizes, node_bytes, &notes);

  TextTable table;
  table.add_column("working set", true);
  table.add_column("ns per load", true);
  table.add_column("level");
  for (const ChasePoint& p : curve) {
    table.add_row({bytes_text(p.bytes), ns_text(p.ns_per_load), level_of(p.bytes, profile)});
  }
  std::cerr << "dependent-load latency, " << node_bytes << "-byte nodes in one random cycle:\n"
            << table.render();
  const bool from_sysfs = sizes.l1d > 0 && sizes.l1d < sizes.l2 && sizes.l2 < sizes.l3;
  std::cerr << "levels: L1 up to " << bytes_text(profile.l1_bytes) << ", L2 up to "
            << bytes_text(profile.l2_bytes) << ", L3 up to " << bytes_text(profile.l3_bytes)
            << (from_sysfs ? std::string(" (") + kCacheDir + ")" : std::string(" (from the curve)"))
            << "\n";
  if (huge_kb >= 0) {
    std::cerr << "huge pages: " << huge_kb << " kB of AnonHugePages for a " << bytes_text(max_bytes)
              << " buffer"
              << (huge_kb * 1024 >= max_bytes / 2 ? ""
                                                  : " (not obtained: TLB misses add to the "
                                                    "figures of large working sets)")
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
