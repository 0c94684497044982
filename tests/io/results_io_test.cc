#include "sim/io/results_io.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/io/csv_results.h"
#include "sim/io/kernel_log.h"
#include "sim/io/number_format.h"
#include "sim/io/results_json.h"
#include "sim/stats/run_summary.h"
#include "tests/io/results_test_data.h"
#include "tests/io/scratch_dir.h"

// Expected texts below are written out by hand from tests/io/results_test_data.h.
// The Student-t and Wilson numbers were computed by hand from the formulas:
//   old teardown 100, 300: 200 -/+ 12.7062047 * 141.421356 / sqrt 2 = 200 -/+ 1270.62047
//   new teardown 50, 150:  100 -/+ 635.310237
//   Wilson 2/2: [1 / (1 + z^2/2), 1] = [0.342380228, 1]; 0/2: [0, 0.657619772];
//   1/2: [0.0945312057, 0.905468794] (z = 1.95996398).

namespace twsim {
namespace {

class ResultsIoTest : public ::testing::Test {
 protected:
  ScratchDir scratch_{"results_io_test"};
  const std::filesystem::path dir_ = scratch_.path() / "out";  // not there: write_results makes it
  ExperimentConfig config_ = tiny_config();
  ExperimentResults results_ = tiny_results();
  Provenance provenance_{"0.1.0", "abc123", "0123456789abcdef", "Release", "testhost"};
};

TEST_F(ResultsIoTest, RunsCsvIsExact) {
  const std::string expected =
      "point,machine.cpus,task_work.create_layout,algorithm,replication,teardown_ns,"
      "teardown_complete,max_irqoff_ns,max_irqoff_cpu,max_irqoff_role,max_irqoff_wait_ns,"
      "max_lock_wait_ns,irqoff_cpu_ns,irqoff_stretches,irqoff_cpus_10ms,irqoff_cpus_100ms,"
      "irqoff_cpus_1s,irqoff_p50_ns,irqoff_p90_ns,irqoff_p99_ns,lock_acquisitions,contended_"
      "acquisitions,nodes_visited,"
      "cancel_hold_p50_ns,cancel_hold_p99_ns,cancel_hold_max_ns,hard_lockups,soft_lockups,"
      "rcu_stalls,first_hard_lockup_ns,first_soft_lockup_ns,first_rcu_stall_ns,"
      "first_hard_cpu,first_hard_role,first_hard_fn,first_soft_cpu,first_soft_role,"
      "first_soft_fn,first_rcu_cpu,first_rcu_role,first_rcu_fn,verdict,events\n"
      "0,4,newest,old,0,100,1,50,3,submitter,10,20,0,0,0,0,0,0,0,0,5,2,1000,7,8,9,1,0,0,40,,,"
      "3,worker,io_worker_exit,,,,,,,hard,123\n"
      "0,4,newest,old,1,300,0,50,3,submitter,10,20,0,0,0,0,0,0,0,0,5,2,1000,7,8,9,1,0,0,40,,,"
      "3,worker,io_worker_exit,,,,,,,hard,456\n"
      "0,4,newest,new,0,50,1,25,0,worker,0,0,0,0,0,0,0,0,0,0,1,0,500,4,4,4,0,0,0,,,,,,,,,,,,,clean,"
      "11\n"
      "0,4,newest,new,1,150,1,25,0,worker,0,0,0,0,0,0,0,0,0,0,1,0,500,4,4,4,0,0,0,,,,,,,,,,,,,"
      "clean,22\n";
  EXPECT_EQ(runs_csv(config_, results_), expected);
}

TEST_F(ResultsIoTest, SummaryCsvIsExact) {
  const std::string expected =
      "point,machine.cpus,task_work.create_layout,algorithm,n,"
      "teardown_ns_mean,teardown_ns_ci_lo,teardown_ns_ci_hi,"
      "max_irqoff_ns_mean,max_irqoff_ns_ci_lo,max_irqoff_ns_ci_hi,"
      "max_irqoff_wait_ns_mean,max_irqoff_wait_ns_ci_lo,max_irqoff_wait_ns_ci_hi,"
      "max_lock_wait_ns_mean,max_lock_wait_ns_ci_lo,max_lock_wait_ns_ci_hi,"
      "irqoff_cpu_ns_mean,irqoff_cpu_ns_ci_lo,irqoff_cpu_ns_ci_hi,"
      "irqoff_stretches_mean,irqoff_stretches_ci_lo,irqoff_stretches_ci_hi,"
      "irqoff_cpus_10ms_mean,irqoff_cpus_10ms_ci_lo,irqoff_cpus_10ms_ci_hi,"
      "irqoff_cpus_100ms_mean,irqoff_cpus_100ms_ci_lo,irqoff_cpus_100ms_ci_hi,"
      "irqoff_cpus_1s_mean,irqoff_cpus_1s_ci_lo,irqoff_cpus_1s_ci_hi,"
      "irqoff_p50_ns_mean,irqoff_p50_ns_ci_lo,irqoff_p50_ns_ci_hi,"
      "irqoff_p90_ns_mean,irqoff_p90_ns_ci_lo,irqoff_p90_ns_ci_hi,"
      "irqoff_p99_ns_mean,irqoff_p99_ns_ci_lo,irqoff_p99_ns_ci_hi,"
      "lock_acquisitions_mean,lock_acquisitions_ci_lo,lock_acquisitions_ci_hi,"
      "contended_acquisitions_mean,contended_acquisitions_ci_lo,contended_acquisitions_ci_hi,"
      "nodes_visited_mean,nodes_visited_ci_lo,nodes_visited_ci_hi,"
      "cancel_hold_p50_ns_mean,cancel_hold_p50_ns_ci_lo,cancel_hold_p50_ns_ci_hi,"
      "cancel_hold_p99_ns_mean,cancel_hold_p99_ns_ci_lo,cancel_hold_p99_ns_ci_hi,"
      "cancel_hold_max_ns_mean,cancel_hold_max_ns_ci_lo,cancel_hold_max_ns_ci_hi,"
      "hard_lockups_mean,hard_lockups_ci_lo,hard_lockups_ci_hi,"
      "soft_lockups_mean,soft_lockups_ci_lo,soft_lockups_ci_hi,"
      "rcu_stalls_mean,rcu_stalls_ci_lo,rcu_stalls_ci_hi,"
      "p_hard,p_hard_lo,p_hard_hi,p_soft,p_soft_lo,p_soft_hi,p_rcu,p_rcu_lo,p_rcu_hi,"
      "p_any,p_any_lo,p_any_hi,p_hard_submitter,p_hard_submitter_lo,p_hard_submitter_hi,"
      "p_hard_worker,p_hard_worker_lo,p_hard_worker_hi,p_complete,p_complete_lo,p_complete_hi,"
      "max_irqoff_ns_min,max_irqoff_ns_max,hard_never_ns,hard_always_ns,hard_margin,"
      "ratio_old_new_teardown_ns,ratio_old_new_teardown_ns_lo,ratio_old_new_teardown_ns_hi,"
      "ratio_old_new_teardown_ns_pairs,ratio_old_new_max_irqoff_ns,"
      "ratio_old_new_max_irqoff_ns_lo,ratio_old_new_max_irqoff_ns_hi,"
      "ratio_old_new_max_irqoff_ns_pairs\n"
      // old
      "0,4,newest,old,2,200,-1070.62047,1470.62047,50,50,50,10,10,10,20,20,20,"
      "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
      "5,5,5,2,2,2,"
      "1000,1000,1000,7,7,7,8,8,8,9,9,9,1,1,1,0,0,0,0,0,0,"
      "1,0.342380228,1,0,0,0.657619772,0,0,0.657619772,1,0.342380228,1,"
      "0,0,0.657619772,1,0.342380228,1,"
      // worst stretches 50 and 50 ns; the default perf window at thresh 10
      // (docs/kernel-facts.md §4.6): never <= 6 s, always >= 20 s.
      "0.5,0.0945312057,0.905468794,50,50,6000000000,20000000000,never,2,2,2,2,2,2,2,2\n"
      // new
      "0,4,newest,new,2,100,-535.310237,735.310237,25,25,25,0,0,0,0,0,0,"
      "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
      "1,1,1,0,0,0,"
      "500,500,500,4,4,4,4,4,4,4,4,4,0,0,0,0,0,0,0,0,0,"
      "0,0,0.657619772,0,0,0.657619772,0,0,0.657619772,0,0,0.657619772,"
      "0,0,0.657619772,0,0,0.657619772,"
      "1,0.342380228,1,25,25,6000000000,20000000000,never,2,2,2,2,2,2,2,2\n";
  EXPECT_EQ(summary_csv(config_, summarise_experiment(config_, results_)), expected);
}

TEST_F(ResultsIoTest, SummaryWithOneAlgorithmHasEmptyRatioCells) {
  // Given only "new" and one replication; then intervals and ratios are
  // undefined: empty cells, and 0 pairs.
  config_.algorithms = {Algorithm::kNew};
  config_.replications = 1;
  results_.points[0].runs = {{new_run(50, 11)}};
  const std::string csv = summary_csv(config_, summarise_experiment(config_, results_));
  const std::string row = csv.substr(csv.find('\n') + 1);
  EXPECT_EQ(row.substr(0, row.find(",25,")), "0,4,newest,new,1,50,,");
  EXPECT_NE(row.find(",1,0.206549314,1,25,25,6000000000,20000000000,never,,,,0,,,,0\n"),
            std::string::npos)
      << row;
}

TEST_F(ResultsIoTest, MergedLockStat) {
  // Old: two runs of {acq 5, cont 2, wait 3..20 total 30, hold 1..9 total 25}.
  const LockStat s = merge_lock_stats(results_.points[0].runs[0]);
  EXPECT_EQ(s.acquisitions, 10);
  EXPECT_EQ(s.contentions, 4);
  EXPECT_EQ(s.wait_min_ns, 3);
  EXPECT_EQ(s.wait_max_ns, 20);
  EXPECT_EQ(s.wait_total_ns, 60);
  EXPECT_EQ(s.hold_min_ns, 1);
  EXPECT_EQ(s.hold_max_ns, 9);
  EXPECT_EQ(s.hold_total_ns, 50);
}

TEST(MergeLockStatTest, BouncesHolderPointsAndCallersAddUp) {
  // Two runs: bounces and point counts add, caller totals add, caller
  // maxima take the larger.
  std::vector<RunMetrics> runs(2);
  runs[0].lock_stat.con_bounces = 3;
  runs[1].lock_stat.con_bounces = 4;
  runs[0].lock_stat.acq_bounces = 5;
  runs[1].lock_stat.acq_bounces = 6;
  runs[0].lock_stat.contending_by_site[1] = 7;
  runs[1].lock_stat.contending_by_site[1] = 8;
  const int exit = static_cast<int>(KernelFn::kIoWorkerExit);
  runs[0].lock_stat.by_caller[exit] = {1, 1, 10, 10, 100, 100};
  runs[1].lock_stat.by_caller[exit] = {2, 1, 30, 30, 50, 40};
  const LockStat s = merge_lock_stats(runs);
  EXPECT_EQ(s.con_bounces, 7);
  EXPECT_EQ(s.acq_bounces, 11);
  EXPECT_EQ(s.contending_by_site[1], 15);
  const LockCaller& c = s.by_caller[exit];
  EXPECT_EQ(c.acquisitions, 3);
  EXPECT_EQ(c.contentions, 2);
  EXPECT_EQ(c.wait_total_ns, 40);
  EXPECT_EQ(c.wait_max_ns, 30);
  EXPECT_EQ(c.hold_total_ns, 150);
  EXPECT_EQ(c.hold_max_ns, 100);
}

TEST_F(ResultsIoTest, MergedTotalsStopAtTheLargestInt64InsteadOfWrapping) {
  // Two runs whose wait totals are each 2^62 + 2^61 ns: their sum passes
  // 2^63 - 1; the merged total stays there, and lock_stat.txt prints it as a
  // lower bound, never as a negative number.
  std::vector<RunMetrics> runs(2);
  for (RunMetrics& r : runs) {
    r.lock_stat.acquisitions = r.lock_stat.contentions = 1;
    r.lock_stat.wait_total_ns = (Ns{1} << 62) + (Ns{1} << 61);
  }
  const LockStat s = merge_lock_stats(runs);
  EXPECT_EQ(s.wait_total_ns, INT64_MAX);
  const std::string line = lock_stat_line("&p->pi_lock", s);
  // lockdep_proc.c snprint_time of 2^63 - 1 ns: 9223372036854775 us and 807
  // ns, shown as ".80".
  EXPECT_NE(line.find(">9223372036854775.80"), std::string::npos) << line;
  EXPECT_EQ(line.find('-', line.find(':')), std::string::npos) << line;
}

TEST_F(ResultsIoTest, MergedLockStatIgnoresMinimaOfRunsWithoutData) {
  // Given a run with no contention (wait_min 0) and one with wait_min 7; then
  // the merged wait minimum is 7, not 0.
  std::vector<RunMetrics> runs(2);
  runs[0].lock_stat = {3, 0, 0, 0, 0, 2, 5, 10};
  runs[1].lock_stat = {4, 1, 7, 7, 7, 3, 6, 12};
  const LockStat s = merge_lock_stats(runs);
  EXPECT_EQ(s.wait_min_ns, 7);
  EXPECT_EQ(s.hold_min_ns, 2);
}

TEST_F(ResultsIoTest, ResultsJsonHoldsSummaryAndProvenance) {
  const auto j = nlohmann::json::parse(
      results_json(config_, results_, summarise_experiment(config_, results_), provenance_));
  EXPECT_EQ(j["twsim"]["version"], "0.1.0");
  EXPECT_EQ(j["twsim"]["git_commit"], "abc123");
  EXPECT_EQ(j["twsim"]["source_hash"], "0123456789abcdef");
  EXPECT_EQ(j["twsim"]["build_type"], "Release");
  EXPECT_EQ(j["host"], "testhost");
  EXPECT_EQ(j["config"]["name"], "tiny");
  EXPECT_EQ(j["seed"], 7);
  EXPECT_EQ(j["replications"], 2);
  const auto& point = j["points"][0];
  EXPECT_EQ(point["index"], 0);
  EXPECT_EQ(point["params"]["machine.cpus"], 4);
  EXPECT_EQ(point["params"]["task_work.create_layout"], "newest");
  EXPECT_EQ(point["scenario"]["machine"]["cpus"], 4);
  const auto& old_algo = point["algorithms"]["old"];
  EXPECT_EQ(old_algo["n"], 2);
  EXPECT_EQ(old_algo["metrics"]["teardown_ns"]["mean"], 200.0);
  EXPECT_NEAR(old_algo["metrics"]["teardown_ns"]["ci_hi"].get<double>(), 1470.62047, 1e-5);
  EXPECT_EQ(old_algo["detectors"]["hard"]["runs"], 2);
  EXPECT_EQ(old_algo["detectors"]["hard"]["p"], 1.0);
  EXPECT_NEAR(old_algo["detectors"]["hard"]["lo"].get<double>(), 0.342380228, 1e-9);
  EXPECT_EQ(old_algo["teardown_complete"]["runs"], 1);
  const auto& lock = old_algo["lock_stat"];
  EXPECT_EQ(lock["class name"], "&p->pi_lock");
  EXPECT_EQ(lock["con-bounces"], 0);
  EXPECT_EQ(lock["contentions"], 4);
  EXPECT_EQ(lock["waittime-total_ns"], 60);
  EXPECT_EQ(lock["waittime-avg_ns"], 15.0);
  EXPECT_EQ(lock["holdtime-avg_ns"], 5.0);
  EXPECT_EQ(old_algo["reports_replication_0"], 1);
  EXPECT_EQ(old_algo["reports"][0]["text"],
            "[    1.500000] watchdog: CPU3: Watchdog detected hard LOCKUP on cpu 3");
  EXPECT_EQ(point["algorithms"]["new"]["reports"].size(), 0u);
  EXPECT_EQ(point["paired"]["teardown_ns"]["ratio_old_new"], 2.0);
  EXPECT_EQ(point["paired"]["teardown_ns"]["pairs"], 2);
  EXPECT_EQ(j["run"]["wall_time_s"], 2.0);
  EXPECT_EQ(j["run"]["events"], 612);
  EXPECT_EQ(j["run"]["events_per_s"], 306.0);
}

TEST_F(ResultsIoTest, ResultsJsonWithoutTimingIsDeterministic) {
  // Given two results that differ only in wall time; then results.json
  // without "run" is the same text.
  ResultsJsonOptions options;
  options.include_run_timing = false;
  const auto summaries = summarise_experiment(config_, results_);
  const std::string a = results_json(config_, results_, summaries, provenance_, options);
  results_.timing.wall_time_s = 99;
  const std::string b = results_json(config_, results_, summaries, provenance_, options);
  EXPECT_EQ(a, b);
  EXPECT_FALSE(nlohmann::json::parse(a).contains("run"));
}

TEST_F(ResultsIoTest, UndefinedValuesAreJsonNull) {
  config_.replications = 1;
  results_.points[0].runs = {{old_run(100, true, 1)}, {new_run(50, 1)}};
  const auto j = nlohmann::json::parse(
      results_json(config_, results_, summarise_experiment(config_, results_), provenance_));
  EXPECT_TRUE(j["points"][0]["algorithms"]["old"]["metrics"]["teardown_ns"]["ci_lo"].is_null());
  EXPECT_EQ(j["points"][0]["paired"]["teardown_ns"]["pairs"], 1);
  EXPECT_TRUE(j["points"][0]["paired"]["teardown_ns"]["lo"].is_null());
}

TEST_F(ResultsIoTest, WriteResultsWritesEveryFileAndNoTemporaries) {
  std::string err;
  ASSERT_TRUE(write_results(dir_, config_, results_, provenance_, &err)) << err;
  for (const char* name : {"runs.csv", "summary.csv", "results.json", "lock_stat.txt"}) {
    EXPECT_TRUE(std::filesystem::exists(dir_ / name)) << name;
  }
  EXPECT_EQ(slurp(dir_ / "runs.csv"), runs_csv(config_, results_));
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_NE(entry.path().filename().string()[0], '.') << entry.path();
  }
  const std::string lock_stat = slurp(dir_ / "lock_stat.txt");
  EXPECT_EQ(lock_stat.rfind("lock_stat version 0.4\n", 0), 0u);
  EXPECT_NE(lock_stat.find("# point 0 machine.cpus=4 task_work.create_layout=newest, algorithm "
                           "old, 2 replications merged\n"),
            std::string::npos)
      << lock_stat;
}

TEST_F(ResultsIoTest, WriteResultsTwiceGivesIdenticalFiles) {
  std::string err;
  ResultsJsonOptions options;
  options.include_run_timing = false;
  ASSERT_TRUE(write_results(dir_, config_, results_, provenance_, &err, options)) << err;
  const std::string runs = slurp(dir_ / "runs.csv");
  const std::string summary = slurp(dir_ / "summary.csv");
  const std::string json = slurp(dir_ / "results.json");
  results_.timing.wall_time_s = 42;
  ASSERT_TRUE(write_results(dir_, config_, results_, provenance_, &err, options)) << err;
  EXPECT_EQ(slurp(dir_ / "runs.csv"), runs);
  EXPECT_EQ(slurp(dir_ / "summary.csv"), summary);
  EXPECT_EQ(slurp(dir_ / "results.json"), json);
}

TEST_F(ResultsIoTest, WriteResultsIntoAFileFails) {
  std::filesystem::create_directories(dir_);
  std::ofstream(dir_ / "file") << "x";
  std::string err;
  EXPECT_FALSE(write_results(dir_ / "file", config_, results_, provenance_, &err));
  EXPECT_NE(err.find((dir_ / "file").string()), std::string::npos) << err;
}

TEST(NumberFormatTest, DoublesIntegersAndUndefined) {
  EXPECT_EQ(format_double(200), "200");
  EXPECT_EQ(format_double(0.5), "0.5");
  EXPECT_EQ(format_double(-0.0), "0");
  EXPECT_EQ(format_double(1234567890123.0), "1.23456789e+12");
  EXPECT_EQ(format_double(1.0 / 3), "0.333333333");
  EXPECT_EQ(format_double(std::nan("")), "");
  EXPECT_EQ(format_int(-1), "-1");
  EXPECT_EQ(format_int(INT64_MAX), "9223372036854775807");
}

TEST(NumberFormatTest, CsvFieldQuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
}

TEST(NumberFormatTest, ParamDisplayUnquotesJsonStrings) {
  EXPECT_EQ(param_display("\"uniform\""), "uniform");
  EXPECT_EQ(param_display("256"), "256");
  EXPECT_EQ(param_display("[1,2]"), "[1,2]");
}

}  // namespace
}  // namespace twsim
