// What `twsim calibrate` tells about the host besides the latency curve:
// whether it is a virtual machine (its cache figures and TLB behaviour are
// the hypervisor's, not the bare metal's), whether the buffer got huge pages,
// and which measured figures are implausible for real hardware.
#ifndef TWSIM_CALIBRATE_HOST_FACTS_H_
#define TWSIM_CALIBRATE_HOST_FACTS_H_

#include <string>
#include <vector>

#include "sim/scenario/config.h"

namespace twsim {

// "" on bare metal as far as can be told; otherwise why it is taken as
// virtual: the "hypervisor" CPU flag in `cpuinfo` (x86 sets it under any
// hypervisor, arch/x86/kernel/cpu/hypervisor.c) or a DMI sys_vendor naming
// one (`sys_vendor`: /sys/class/dmi/id/sys_vendor, e.g. "QEMU", "Amazon EC2").
std::string virtual_machine_evidence(const std::string& cpuinfo_path,
                                     const std::string& sys_vendor_path);

// kB of AnonHugePages in the process's mappings (/proc/self/smaps_rollup,
// Documentation/filesystems/proc.rst), -1 if it cannot be read.
long long anon_huge_pages_kb(const std::string& smaps_rollup_path);

// One line per figure outside what cached CPUs show (docs/calibration.md
// §3.1: L1 about 4 cycles, L2 12-14, L3 34-56, DRAM 80-150 ns): an L1 over
// 5 ns, a DRAM under 40 ns or over 400 ns.
std::vector<std::string> implausible_figures(const NodeCostProfile& profile);

// Pins the calling thread to the CPU it runs on (sched_getcpu, then
// sched_setaffinity; kernel/sched/core.c, sched_setaffinity), so that every
// pass of the measurement sees the same caches and the scheduler cannot move
// it mid-curve; returns that CPU, or -1 if it could not be pinned.
int pin_to_current_cpu();

}  // namespace twsim

#endif  // TWSIM_CALIBRATE_HOST_FACTS_H_
