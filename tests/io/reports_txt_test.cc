#include "sim/io/reports_txt.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <vector>

#include "sim/core/run_jobs.h"
#include "sim/io/reports_txt_stream.h"
#include "tests/io/scratch_dir.h"

// Expected lines are written by hand from the kernel's format strings (see
// dmesg_report_test.cc) behind the documented tag "point=P algorithm=A
// replication=R<TAB>".

namespace twsim {
namespace {

class ReportsTxtTest : public ::testing::Test {
 protected:
  ReportsTxtTest() {
    config_.algorithms = {Algorithm::kOld, Algorithm::kNew};
    config_.points.resize(2);
    config_.points[1].scenario.machine.cpus = 16;
    results_.points.resize(2);
    for (PointRuns& p : results_.points) p.runs.assign(2, std::vector<RunMetrics>(2));
  }
  // Adds `r` to a run and counts it, as a run's tally would.
  void add(std::size_t point, std::size_t algorithm, std::size_t replication, DetectorReport r) {
    RunMetrics& m = results_.points[point].runs[algorithm][replication];
    m.reports.push_back(r);
    ++(r.kind == ReportKind::kHardLockup   ? m.hard_lockups
       : r.kind == ReportKind::kSoftLockup ? m.soft_lockups
                                           : m.rcu_stalls);
  }
  std::string text(Ns uptime_ns = 0) const {
    std::ostringstream out;
    write_reports_txt(out, config_, results_, ReportsTxtOptions{uptime_ns});
    return out.str();
  }

  // 40 points, point p with p + 1 hard lockups in its first run.
  void make_forty_points() {
    config_.points.resize(40);
    results_.points.resize(40);
    for (std::size_t p = 0; p < 40; ++p) {
      results_.points[p].runs.assign(2, std::vector<RunMetrics>(2));
      for (std::size_t k = 0; k <= p; ++k) {
        add(p, 0, 0,
            {ReportKind::kHardLockup, Ns{1'000'000'000} * static_cast<Ns>(k + 1), 2, 2, 0});
      }
    }
  }

  ExperimentConfig config_;
  ExperimentResults results_;
};

TEST_F(ReportsTxtTest, NoReportsGiveAnEmptyFile) { EXPECT_EQ(text(), ""); }

TEST_F(ReportsTxtTest, EveryReportTaggedInPointAlgorithmReplicationOrder) {
  // Given reports in point 1 / new / replication 1, point 0 / old /
  // replication 1 and point 1 / old / replication 0, added out of order;
  // then they come point by point, the config's algorithms in order, then
  // replications, and an RCU stall's three lines stay together.
  add(1, 1, 1, {ReportKind::kHardLockup, 9'000'000'000, 2, 2, 0});
  add(0, 0, 1, {ReportKind::kRcuStall, 21'000'000'000, 1, -1, 21'000'000'000});
  add(1, 0, 0, {ReportKind::kHardLockup, 8'500'000'000, 12, 11, 0});
  add(1, 0, 0, {ReportKind::kSoftLockup, 26'000'000'000, 12, 12, Ns{22} << 30, Role::kWorker});
  EXPECT_EQ(
      text(),
      "point=0 algorithm=old replication=1\t[   21.000000][    C?] rcu: INFO: rcu_preempt "
      "detected stalls on CPUs/tasks:\n"
      "point=0 algorithm=old replication=1\t[   21.000000][    C?] rcu: \t1-...?: (? ticks "
      "this GP) idle=?/?/? softirq=?/? fqs=?\n"
      "point=0 algorithm=old replication=1\t[   21.000000][    C?] rcu: \t(detected by ?, "
      "t=? jiffies, g=?, q=? ncpus=192)\n"
      "point=1 algorithm=old replication=0\t[    8.500000][   C11] watchdog: CPU11: Watchdog "
      "detected hard LOCKUP on cpu 12\n"
      "point=1 algorithm=old replication=0\t[   26.000000][   C12] watchdog: BUG: soft lockup "
      "- CPU#12 stuck for 22s! [iou-wrk-1000:?]\n"
      "point=1 algorithm=new replication=1\t[    9.000000][    C2] watchdog: CPU2: Watchdog "
      "detected hard LOCKUP on cpu 2\n");
}

TEST_F(ReportsTxtTest, PointsComeInPointOrder) {
  // The points never go back (the same text made from several threads: the
  // stream tests below).
  make_forty_points();
  std::istringstream lines(text());
  int last = -1, count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    const int point = std::stoi(line.substr(std::string("point=").size()));
    ASSERT_GE(point, last) << line;
    last = point;
  }
  EXPECT_EQ(count, 40 * 41 / 2);
}

TEST_F(ReportsTxtTest, AStreamFedOutOfOrderFromThreadsWritesTheSameFile) {
  // The points come in shuffled, from 3 threads, as a run's threads finish
  // them; the committed file is write_reports_txt's text.
  make_forty_points();
  ScratchDir scratch("reports_txt_stream");
  ReportsTxtStream stream(config_, ReportsTxtOptions{7});
  std::string err;
  ASSERT_TRUE(stream.begin(scratch.path() / "reports.txt", &err)) << err;
  std::vector<std::size_t> order(40);
  for (std::size_t p = 0; p < 40; ++p) order[p] = (p * 17) % 40;  // 17 is prime to 40
  run_jobs(order.size(), 3,
           [&](std::size_t i) { stream.add(order[i], results_.points[order[i]]); });
  StagedFile file;
  ASSERT_TRUE(stream.end(&file, &err)) << err;
  ASSERT_TRUE(file.commit(&err)) << err;
  EXPECT_EQ(slurp(scratch.path() / "reports.txt"), text(7));
}

TEST_F(ReportsTxtTest, ABigPointGoesOutInPiecesWithTheSameBytes) {
  // Point 0 with 2 x 6,000 hard lockups: ~1.3 MB of lines, more than
  // kSpillBytes, so the file (and a stream fed in order) write it in pieces;
  // made whole, without spilling, the bytes are the same.
  for (std::size_t r = 0; r < 2; ++r) {
    for (int k = 0; k < 6'000; ++k) {
      add(0, 0, r, {ReportKind::kHardLockup, Ns{1'000'000} * (k + 1), k % 16, k % 16, 0});
    }
  }
  std::string whole;
  for (std::size_t p = 0; p < 2; ++p) {
    append_point_reports(&whole, config_, p, results_.points[p], {});
  }
  ASSERT_GT(whole.size(), kSpillBytes);
  EXPECT_EQ(text(), whole);
  ScratchDir scratch("reports_txt_stream_big");
  ReportsTxtStream stream(config_, {});
  std::string err;
  ASSERT_TRUE(stream.begin(scratch.path() / "reports.txt", &err)) << err;
  stream.add(0, results_.points[0]);
  stream.add(1, results_.points[1]);
  StagedFile file;
  ASSERT_TRUE(stream.end(&file, &err)) << err;
  ASSERT_TRUE(file.commit(&err)) << err;
  EXPECT_EQ(slurp(scratch.path() / "reports.txt"), whole);
}

TEST_F(ReportsTxtTest, AStreamMissingAPointFailsAndLeavesNothing) {
  make_forty_points();
  ScratchDir scratch("reports_txt_stream_missing");
  ReportsTxtStream stream(config_, {});
  std::string err;
  ASSERT_TRUE(stream.begin(scratch.path() / "reports.txt", &err)) << err;
  for (std::size_t p = 0; p < 40; ++p) {
    if (p != 12) stream.add(p, results_.points[p]);
  }
  StagedFile file;
  EXPECT_FALSE(stream.end(&file, &err));
  EXPECT_EQ(err, "reports.txt: point 12 never came in");
  EXPECT_TRUE(std::filesystem::is_empty(scratch.path()));
}

TEST_F(ReportsTxtTest, UptimeShiftsEveryLine) {
  add(0, 1, 0, {ReportKind::kHardLockup, 9'000'000'000, 2, 2, 0});
  EXPECT_EQ(text(86'400'000'000'001),
            "point=0 algorithm=new replication=0\t[86409.000000][    C2] watchdog: CPU2: Watchdog "
            "detected hard LOCKUP on cpu 2\n");
}

TEST_F(ReportsTxtTest, ReportsARunDidNotKeepAreCountedAsDroppedMessages) {
  // Given a run that kept 1 of its 2 hard LOCKUP reports and none of its
  // 3 RCU stalls; then 1 + 3 x 3 = 10 printk lines were not printed.
  add(0, 0, 0, {ReportKind::kHardLockup, 9'000'000'000, 2, 2, 0});
  RunMetrics& m = results_.points[0].runs[0][0];
  m.hard_lockups = 2;
  m.rcu_stalls = 3;
  EXPECT_EQ(text(),
            "point=0 algorithm=old replication=0\t[    9.000000][    C2] watchdog: CPU2: Watchdog "
            "detected hard LOCKUP on cpu 2\n"
            "point=0 algorithm=old replication=0\t** 10 printk messages dropped **\n");
}

TEST_F(ReportsTxtTest, AlgorithmsAreNamedAsTheConfigListsThem) {
  // Given a config that runs only "new"; then its reports say "new".
  config_.algorithms = {Algorithm::kNew};
  for (PointRuns& p : results_.points) p.runs.resize(1);
  add(0, 0, 0, {ReportKind::kHardLockup, 9'000'000'000, 2, 2, 0});
  EXPECT_EQ(text().substr(0, 36), "point=0 algorithm=new replication=0\t");
}

}  // namespace
}  // namespace twsim
