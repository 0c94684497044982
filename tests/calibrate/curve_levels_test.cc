// Level detection on synthetic curves whose cache levels and TLB step are
// known: the dense chase t(B) = c(B) + T(B) and the page-stride probe
// q(B) = c(B / 64) + T(B) (curve_levels.h), c a step function shaped like the
// Skylake-SP row of docs/calibration.md §3.1 and T a page-walk step.
#include "sim/calibrate/curve_levels.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/cli/cli_test_util.h"

namespace twsim {
namespace {

TEST(CurveLevelsTest, ParsesSysfsCacheSizes) {
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

TEST(CurveLevelsTest, ReadsDataAndUnifiedCachesFromACacheDirectory) {
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

TEST(CurveLevelsTest, BytesText) {
  EXPECT_EQ(bytes_text(16384), "16 KiB");
  EXPECT_EQ(bytes_text(2097152), "2 MiB");
  EXPECT_EQ(bytes_text(100), "100 B");
}

constexpr std::int64_t kKiB = 1 << 10, kMiB = 1 << 20;

// The cache part: 1.5 ns up to 32 KiB, 5 up to 1 MiB, 20 up to 32 MiB, 90 beyond.
double cache_ns(std::int64_t b) {
  return b <= 32 * kKiB ? 1.5 : b <= kMiB ? 5 : b <= 32 * kMiB ? 20 : 90;
}

// 16 KiB .. 256 MiB (15 points): the dense curve, and the probe, with page
// walks of `walk(B)` ns added to both.
template <class Walk>
void synthetic(Walk walk, std::vector<ChasePoint>* dense, std::vector<ChasePoint>* probe) {
  for (std::int64_t b = 16 * kKiB; b <= 256 * kMiB; b *= 2) {
    dense->push_back({b, cache_ns(b) + walk(b)});
    probe->push_back({b, cache_ns(b / 64) + walk(b)});
  }
}

// Page walks of 30 ns from 4 MiB up: a second-level TLB of 1024 4 KiB
// entries, and the 2-4 MiB cliff the issue saw on a VM.
double tlb_at_4mib(std::int64_t b) { return b >= 4 * kMiB ? 30 : 0; }

TEST(CurveLevelsTest, PageWalksAreRecoveredFromTheProbe) {
  // Given the curves with the 30 ns walk step, then T is 0 up to 2 MiB and
  // 30 from 4 MiB on (T(B) = q(B) - t(B/64) + T(B/64), exact here).
  std::vector<ChasePoint> dense, probe;
  synthetic(tlb_at_4mib, &dense, &probe);
  const std::vector<double> walk = page_walk_ns(dense, probe);
  ASSERT_EQ(walk.size(), 15u);
  for (std::size_t i = 0; i < walk.size(); ++i) {
    EXPECT_DOUBLE_EQ(walk[i], dense[i].bytes >= 4 * kMiB ? 30 : 0) << dense[i].bytes;
  }
  EXPECT_EQ(page_walk_ns(dense, {}), std::vector<double>(15, 0.0));
}

TEST(CurveLevelsTest, WithoutSysfsATlbStepIsNotTakenForACacheLevel) {
  // Given no cache sizes, then the steepest steps of t - T are 32->64 KiB
  // (5/1.5), 1->2 MiB (20/5) and 32->64 MiB (90/20): the levels end at 32 KiB,
  // 1 MiB and 32 MiB, and the 2->4 MiB step (t 20 -> 50, T 0 -> 30) is named a
  // TLB step. Costs by hand from t: L3 = median(20, 50, 50, 50, 50) = 50,
  // DRAM = 90 + 30 = 120.
  std::vector<ChasePoint> dense, probe;
  synthetic(tlb_at_4mib, &dense, &probe);
  std::vector<std::string> notes;
  const LevelReading r = read_levels(dense, probe, {}, 64, &notes);
  EXPECT_FALSE(r.sizes_from_sysfs);
  EXPECT_EQ(r.profile.l1_bytes, 32 * kKiB);
  EXPECT_EQ(r.profile.l2_bytes, kMiB);
  EXPECT_EQ(r.profile.l3_bytes, 32 * kMiB);
  EXPECT_EQ(r.profile.l1_ns, 1.5);
  EXPECT_EQ(r.profile.l2_ns, 5);
  EXPECT_EQ(r.profile.l3_ns, 50);
  EXPECT_EQ(r.profile.dram_ns, 120);
  for (std::size_t i = 0; i < dense.size(); ++i) {
    EXPECT_EQ(r.tlb_step[i], dense[i].bytes == 4 * kMiB) << dense[i].bytes;
  }
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ(notes[0],
            "the step from 2 MiB to 4 MiB (20.00 -> 50.00 ns) is a TLB step, not a cache level: "
            "page walks rise by 30.00 ns there (the page-stride probe)");
  EXPECT_EQ(notes[1],
            "cache sizes unknown (sysfs has no L1d, L2, L3); levels placed at the three steepest "
            "steps of the curve less its page walks");
  EXPECT_EQ(notes[2].rfind(
                "the page-stride probe puts about 30.00 ns of the largest set's 120.00 ns in page "
                "walks",
                0),
            0u);
}

TEST(CurveLevelsTest, WithoutTheProbeTheTlbStepIsTakenForALevel) {
  // Given the same dense curve and no probe (the rule before the probe: the
  // steepest steps of t), then the ratios 5/1.5 = 3.3 (32 KiB), 20/5 = 4
  // (1 MiB) and 50/20 = 2.5 (2 MiB) beat 120/50 = 2.4 (32 MiB): L3 ends at
  // 2 MiB, the mistake the probe prevents, and the note says so.
  std::vector<ChasePoint> dense, probe;
  synthetic(tlb_at_4mib, &dense, &probe);
  std::vector<std::string> notes;
  const LevelReading r = read_levels(dense, {}, {}, 64, &notes);
  EXPECT_EQ(r.profile.l3_bytes, 2 * kMiB);
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes[0].find("no probe: a TLB step may be taken for a level"), std::string::npos);
}

TEST(CurveLevelsTest, WithSysfsSizesTheLevelsAreSysfsAndTheTlbStepIsNamed) {
  // Given sysfs sizes 32 KiB / 1 MiB / 32 MiB, then those are the levels and
  // the 2->4 MiB step is still named a TLB step.
  std::vector<ChasePoint> dense, probe;
  synthetic(tlb_at_4mib, &dense, &probe);
  std::vector<std::string> notes;
  const LevelReading r = read_levels(dense, probe, {32 * kKiB, kMiB, 32 * kMiB}, 64, &notes);
  EXPECT_TRUE(r.sizes_from_sysfs);
  EXPECT_EQ(r.profile.l3_bytes, 32 * kMiB);
  EXPECT_TRUE(r.tlb_step[8]);  // 16 KiB x 2^8 = 4 MiB
  EXPECT_EQ(notes[0].rfind("the step from 2 MiB to 4 MiB", 0), 0u);
}

TEST(CurveLevelsTest, ACacheStepWithSmallerWalksIsACacheStep) {
  // Given walks of 5 ns from 2 MiB (where t rises 5 -> 25, by 20 ns), then
  // the walks are under half the rise: no TLB step, and the levels without
  // sysfs stay at 32 KiB / 1 MiB / 32 MiB (t - T: 5 -> 20 at 1 MiB).
  std::vector<ChasePoint> dense, probe;
  synthetic([](std::int64_t b) { return b >= 2 * kMiB ? 5.0 : 0.0; }, &dense, &probe);
  std::vector<std::string> notes;
  const LevelReading r = read_levels(dense, probe, {}, 64, &notes);
  for (bool step : r.tlb_step) EXPECT_FALSE(step);
  EXPECT_EQ(r.profile.l1_bytes, 32 * kKiB);
  EXPECT_EQ(r.profile.l2_bytes, kMiB);
  EXPECT_EQ(r.profile.l3_bytes, 32 * kMiB);
}

TEST(CurveLevelsTest, ProfileFromSysfsSizesTakesTheMedianInsideEachLevel) {
  // Given a curve without walks and sizes 32 KiB / 1 MiB / 32 MiB, then by
  // hand: L1 = median(1.5, 1.5); L2 = median of 64 KiB..1 MiB = 5; L3 = 20;
  // DRAM = the 256 MiB point, 90. No note: 256 MiB >= 4 x 32 MiB, no walks.
  std::vector<ChasePoint> dense, probe;
  synthetic([](std::int64_t) { return 0.0; }, &dense, &probe);
  std::vector<std::string> notes;
  const NodeCostProfile p =
      read_levels(dense, probe, {32 * kKiB, kMiB, 32 * kMiB}, 64, &notes).profile;
  EXPECT_EQ(p.l1_ns, 1.5);
  EXPECT_EQ(p.l2_ns, 5);
  EXPECT_EQ(p.l3_ns, 20);
  EXPECT_EQ(p.dram_ns, 90);
  EXPECT_EQ(p.node_bytes, 64);
  EXPECT_TRUE(notes.empty());
}

TEST(CurveLevelsTest, ProfileIsMadeNonDecreasingAndWarnsWhenDramIsNotReached) {
  // Given a noisy curve whose L2 median dips under L1 and that stops inside
  // L3, then L2 is raised to L1's cost and a note says dram_ns is no DRAM figure.
  const std::vector<ChasePoint> c = {{16 << 10, 2.0},  {32 << 10, 2.0},  {64 << 10, 1.9},
                                     {128 << 10, 1.9}, {256 << 10, 9.0}, {512 << 10, 10.0}};
  std::vector<std::string> notes;
  const NodeCostProfile p = read_levels(c, {}, {32 << 10, 128 << 10, 8 << 20}, 64, &notes).profile;
  EXPECT_EQ(p.l1_ns, 2.0);
  EXPECT_EQ(p.l2_ns, 2.0);  // median 1.9, raised
  EXPECT_EQ(p.l3_ns, 9.5);
  EXPECT_EQ(p.dram_ns, 10.0);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("fits in L3"), std::string::npos);
}

}  // namespace
}  // namespace twsim
