#include "sim/calibrate/pointer_chase.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/cli/cli_test_util.h"

namespace twsim {
namespace {

TEST(PointerChaseTest, ParsesSysfsCacheSizes) {
  EXPECT_EQ(parse_cache_size("48K"), 49152);
  EXPECT_EQ(parse_cache_size("2048K\n"), 2097152);
  EXPECT_EQ(parse_cache_size("32M"), 33554432);
  EXPECT_EQ(parse_cache_size("1G"), 1073741824);
  EXPECT_EQ(parse_cache_size("512"), 512);
  EXPECT_EQ(parse_cache_size("K"), 0);
  EXPECT_EQ(parse_cache_size("12Q"), 0);
  EXPECT_EQ(parse_cache_size(""), 0);
}

void write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << text << "\n";
}

TEST(PointerChaseTest, ReadsDataAndUnifiedCachesFromACacheDirectory) {
  // Given a sysfs-shaped directory with L1i, L1d, L2 and L3, then the
  // instruction cache is skipped and the others are read.
  ScratchDir dir("cache_sysfs");
  const auto index = [&](int i, const char* level, const char* type, const char* size) {
    const std::filesystem::path d = dir.path() / ("index" + std::to_string(i));
    write(d / "level", level);
    write(d / "type", type);
    write(d / "size", size);
  };
  index(0, "1", "Data", "48K");
  index(1, "1", "Instruction", "64K");
  index(2, "2", "Unified", "2048K");
  index(3, "3", "Unified", "36M");
  const CacheSizes s = read_cache_sizes(dir.path().string());
  EXPECT_EQ(s.l1d, 48 << 10);
  EXPECT_EQ(s.l2, 2 << 20);
  EXPECT_EQ(s.l3, 36 << 20);
  const CacheSizes none = read_cache_sizes((dir.path() / "absent").string());
  EXPECT_EQ(none.l1d, 0);
  EXPECT_EQ(none.l3, 0);
}

// A curve shaped like the Skylake-SP row of docs/calibration.md §3.1: ~1.5 ns in
// L1 (32 KiB), ~5 ns in L2 (1 MiB), ~20 ns in L3 (32 MiB), ~90 ns beyond.
std::vector<ChasePoint> skylake_like() {
  std::vector<ChasePoint> c;
  const double ns[] = {1.5, 1.5, 5,  5,  5,  5,  6, 18,
                       20,  20,  22, 24, 60, 85, 90};  // 16 KiB .. 256 MiB
  std::int64_t b = 16 << 10;
  for (double v : ns) {
    c.push_back({b, v});
    b *= 2;
  }
  return c;
}

TEST(PointerChaseTest, ProfileFromSysfsSizesTakesTheMedianInsideEachLevel) {
  // Given sizes 32 KiB / 1 MiB / 32 MiB, then by hand: L1 = median of the 16
  // and 32 KiB points = 1.5; L2 = median of 64 KiB..1 MiB (5, 5, 5, 5, 6) = 5;
  // L3 = median of 2..32 MiB (18, 20, 20, 22, 24) = 20; DRAM = the 256 MiB
  // point, 90. No note: 256 MiB >= 4 x 32 MiB.
  std::vector<std::string> notes;
  const NodeCostProfile p =
      profile_from_curve(skylake_like(), {32 << 10, 1 << 20, 32 << 20}, 64, &notes);
  EXPECT_EQ(p.l1_ns, 1.5);
  EXPECT_EQ(p.l2_ns, 5);
  EXPECT_EQ(p.l3_ns, 20);
  EXPECT_EQ(p.dram_ns, 90);
  EXPECT_EQ(p.l1_bytes, 32 << 10);
  EXPECT_EQ(p.l2_bytes, 1 << 20);
  EXPECT_EQ(p.l3_bytes, 32 << 20);
  EXPECT_EQ(p.node_bytes, 64);
  EXPECT_TRUE(notes.empty());
}

TEST(PointerChaseTest, ProfileWithoutSizesUsesTheSteepestSteps) {
  // Given no cache sizes, then the three largest ratios between neighbours
  // are 32->64 KiB (5/1.5 = 3.3), 1->2 MiB (18/6 = 3) and 32->64 MiB
  // (60/24 = 2.5): the levels end at 32 KiB, 1 MiB and 32 MiB as above.
  std::vector<std::string> notes;
  const NodeCostProfile p = profile_from_curve(skylake_like(), {}, 64, &notes);
  EXPECT_EQ(p.l1_bytes, 32 << 10);
  EXPECT_EQ(p.l2_bytes, 1 << 20);
  EXPECT_EQ(p.l3_bytes, 32 << 20);
  EXPECT_EQ(p.l3_ns, 20);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0], "cache sizes not found; levels placed at the curve's steepest steps");
}

TEST(PointerChaseTest, ProfileIsMadeNonDecreasingAndWarnsWhenDramIsNotReached) {
  // Given a noisy curve whose L2 median dips under L1 and that stops inside
  // L3, then L2 is raised to L1's cost and a note says dram_ns is no DRAM figure.
  const std::vector<ChasePoint> c = {{16 << 10, 2.0},  {32 << 10, 2.0},  {64 << 10, 1.9},
                                     {128 << 10, 1.9}, {256 << 10, 9.0}, {512 << 10, 10.0}};
  std::vector<std::string> notes;
  const NodeCostProfile p = profile_from_curve(c, {32 << 10, 128 << 10, 8 << 20}, 64, &notes);
  EXPECT_EQ(p.l1_ns, 2.0);
  EXPECT_EQ(p.l2_ns, 2.0);  // median 1.9, raised
  EXPECT_EQ(p.l3_ns, 9.5);
  EXPECT_EQ(p.dram_ns, 10.0);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("fits in L3"), std::string::npos);
}

TEST(PointerChaseTest, MeasuresPositiveLatencies) {
  // Given a 16 KiB and a 4 MiB working set, then both latencies are positive
  // and the larger set is not faster by more than noise.
  PointerChase chase(4 << 20, 64, 1);
  const double small = chase.measure(16 << 10, std::chrono::milliseconds(10));
  const double large = chase.measure(4 << 20, std::chrono::milliseconds(10));
  EXPECT_GT(small, 0);
  EXPECT_GT(large, 0.8 * small);
}

}  // namespace
}  // namespace twsim
