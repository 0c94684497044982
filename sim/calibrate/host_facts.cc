#include "sim/calibrate/host_facts.h"

#include <cstdio>
#include <fstream>

#ifdef __linux__
#include <sched.h>
#endif

namespace twsim {

std::string virtual_machine_evidence(const std::string& cpuinfo_path,
                                     const std::string& sys_vendor_path) {
  std::ifstream cpuinfo(cpuinfo_path);
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("flags", 0) == 0 && (line + " ").find(" hypervisor ") != std::string::npos) {
      return "the CPU flags in " + cpuinfo_path + " include \"hypervisor\"";
    }
  }
  std::ifstream vendor_file(sys_vendor_path);
  std::string vendor;
  std::getline(vendor_file, vendor);
  for (const char* name : {"QEMU", "KVM", "VMware", "Xen", "Microsoft Corporation", "innotek",
                           "Amazon EC2", "Google", "Parallels"}) {
    if (vendor.find(name) != std::string::npos) {
      return sys_vendor_path + " is \"" + vendor + "\"";
    }
  }
  return "";
}

long long anon_huge_pages_kb(const std::string& smaps_rollup_path) {
  std::ifstream in(smaps_rollup_path);
  for (std::string line; std::getline(in, line);) {
    long long kb = 0;
    if (std::sscanf(line.c_str(), "AnonHugePages: %lld kB", &kb) == 1) return kb;
  }
  return -1;
}

std::vector<std::string> implausible_figures(const NodeCostProfile& p) {
  std::vector<std::string> out;
  char buf[200];
  if (p.l1_ns > 5) {
    std::snprintf(buf, sizeof buf, "l1_ns %.2f ns is more than 5 ns (L1 is ~4 cycles)", p.l1_ns);
    out.push_back(buf);
  }
  if (p.dram_ns < 40 || p.dram_ns > 400) {
    std::snprintf(buf, sizeof buf,
                  "dram_ns %.2f ns is outside 40-400 ns (DRAM is 80-150 ns on servers; TLB "
                  "misses or a hypervisor inflate it)",
                  p.dram_ns);
    out.push_back(buf);
  }
  return out;
}

int pin_to_current_cpu() {
#ifdef __linux__
  const int cpu = sched_getcpu();
  if (cpu < 0) return -1;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return sched_setaffinity(0, sizeof set, &set) == 0 ? cpu : -1;
#else
  return -1;
#endif
}

}  // namespace twsim
