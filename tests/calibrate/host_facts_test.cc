// host_facts.h on files written here, with the kernel's own formats:
// /proc/cpuinfo "flags" lines, DMI sys_vendor, smaps_rollup "AnonHugePages".
#include "sim/calibrate/host_facts.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/io/scratch_dir.h"

namespace twsim {
namespace {

void write(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

TEST(HostFactsTest, HypervisorFlagOrVendorMarksAVirtualMachine) {
  ScratchDir dir("host_facts");
  const auto cpuinfo = dir.path() / "cpuinfo", vendor = dir.path() / "sys_vendor";
  write(cpuinfo, "processor\t: 0\nflags\t\t: fpu vme sse2 hypervisor lahf_lm\n");
  write(vendor, "Dell Inc.\n");
  EXPECT_NE(virtual_machine_evidence(cpuinfo, vendor).find("\"hypervisor\""), std::string::npos);
  write(cpuinfo, "processor\t: 0\nflags\t\t: fpu vme sse2 lahf_lm\n");
  EXPECT_EQ(virtual_machine_evidence(cpuinfo, vendor), "");
  write(vendor, "QEMU\n");
  EXPECT_NE(virtual_machine_evidence(cpuinfo, vendor).find("\"QEMU\""), std::string::npos);
  EXPECT_EQ(virtual_machine_evidence(dir.path() / "none", dir.path() / "none"), "");
}

TEST(HostFactsTest, AnonHugePagesIsReadFromSmapsRollup) {
  ScratchDir dir("host_facts_smaps");
  const auto smaps = dir.path() / "smaps_rollup";
  write(smaps, "Rss:              270336 kB\nAnonHugePages:    262144 kB\nSwap: 0 kB\n");
  EXPECT_EQ(anon_huge_pages_kb(smaps), 262144);
  EXPECT_EQ(anon_huge_pages_kb(dir.path() / "none"), -1);
}

TEST(HostFactsTest, ImplausibleFiguresAreNamed) {
  NodeCostProfile p;
  p.l1_ns = 1.9;
  p.dram_ns = 95;
  EXPECT_TRUE(implausible_figures(p).empty());
  p.dram_ns = 800;  // the VM: 630-970 ns called DRAM
  ASSERT_EQ(implausible_figures(p).size(), 1u);
  EXPECT_EQ(implausible_figures(p)[0].rfind("dram_ns 800.00 ns", 0), 0u);
  p.l1_ns = 7;
  EXPECT_EQ(implausible_figures(p).size(), 2u);
}

}  // namespace
}  // namespace twsim
