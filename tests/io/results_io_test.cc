#include "sim/io/results_io.h"

#include <gtest/gtest.h>

#include <algorithm>
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

// kHash: FNV-1a 64 of config_.resolved_json, {"name":"tiny","seed":7}, worked
// out with Python from the published algorithm (offset 0xcbf29ce484222325,
// prime 0x100000001b3, xor then multiply per byte).
TEST_F(ResultsIoTest, RunsCsvIsExact) {
  const std::string expected =
      "experiment,seed,config_hash,point,machine_cpus,task_work_create_layout,algorithm,"
      "replication,teardown_ns,"
      "teardown_complete,max_irqoff_ns,max_irqoff_cpu,max_irqoff_role,max_irqoff_wait_ns,"
      "max_lock_wait_ns,irqoff_cpu_ns,irqoff_stretches,irqoff_cpus_10ms,irqoff_cpus_100ms,"
      "irqoff_cpus_1s,irqoff_p50_ns,irqoff_p90_ns,irqoff_p99_ns,lock_acquisitions,contended_"
      "acquisitions,nodes_visited,"
      "cancel_hold_p50_ns,cancel_hold_p99_ns,cancel_hold_max_ns,hard_lockups,soft_lockups,"
      "rcu_stalls,first_hard_lockup_ns,first_soft_lockup_ns,first_rcu_stall_ns,"
      "first_hard_cpu,first_hard_role,first_hard_fn,first_soft_cpu,first_soft_role,"
      "first_soft_fn,first_rcu_cpu,first_rcu_role,first_rcu_fn,verdict,events\n"
      "tiny,7,f28b1806869f9bc6,0,4,newest,old,0,100,1,50,3,submitter,10,20,0,0,0,0,0,0,0,0,5,2,"
      "1000,7,8,9,1,0,0,40,,,"
      "3,worker,io_worker_exit,,,,,,,hard,123\n"
      "tiny,7,f28b1806869f9bc6,0,4,newest,old,1,300,0,50,3,submitter,10,20,0,0,0,0,0,0,0,0,5,2,"
      "1000,7,8,9,1,0,0,40,,,"
      "3,worker,io_worker_exit,,,,,,,hard,456\n"
      "tiny,7,f28b1806869f9bc6,0,4,newest,new,0,50,1,25,0,worker,0,0,0,0,0,0,0,0,0,0,1,0,500,4,4,4,"
      "0,0,0,,,,,,,,,,,,,clean,"
      "11\n"
      "tiny,7,f28b1806869f9bc6,0,4,newest,new,1,150,1,25,0,worker,0,0,0,0,0,0,0,0,0,0,1,0,500,4,4,"
      "4,0,0,0,,,,,,,,,,,,,"
      "clean,22\n";
  EXPECT_EQ(runs_csv(config_, results_), expected);
}

// The rows of `csv` whose metric cell (after the algorithm) is `metric`.
std::string rows_of(const std::string& csv, const std::string& metric) {
  std::string out;
  std::size_t at = 0;
  while (at < csv.size()) {
    const std::size_t end = csv.find('\n', at);
    const std::string line = csv.substr(at, end - at + 1);
    if (line.find("," + metric + ",") != std::string::npos) out += line;
    at = end + 1;
  }
  return out;
}

TEST_F(ResultsIoTest, SummaryCsvIsTidy) {
  const std::string csv = summary_csv(config_, summarise_experiment(config_, results_));
  const std::string prefix = "tiny,7,f28b1806869f9bc6,0,4,newest,";
  EXPECT_EQ(csv.substr(0, csv.find('\n') + 1),
            "experiment,seed,config_hash,point,machine_cpus,task_work_create_layout,algorithm,"
            "metric,n,mean,lo,hi,min,max,margin\n");
  // 21 run metrics (run_fields.h), 6 detectors, p_complete and hard_window_ns
  // per algorithm: 29 rows each, 2 algorithms.
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 29);
  // Teardown 100, 300 (old) and 50, 150 (new): means with the Student-t
  // interval of the header comment, and the smallest and largest run.
  EXPECT_EQ(rows_of(csv, "teardown_ns"),
            prefix + "old,teardown_ns,2,200,-1070.62047,1470.62047,100,300,\n" + prefix +
                "new,teardown_ns,2,100,-535.310237,735.310237,50,150,\n");
  EXPECT_EQ(rows_of(csv, "max_irqoff_ns"), prefix + "old,max_irqoff_ns,2,50,50,50,50,50,\n" +
                                               prefix + "new,max_irqoff_ns,2,25,25,25,25,25,\n");
  // Wilson 2/2 and 0/2 (header comment); min and max do not apply.
  EXPECT_EQ(rows_of(csv, "p_hard"), prefix + "old,p_hard,2,1,0.342380228,1,,,\n" + prefix +
                                        "new,p_hard,2,0,0,0.657619772,,,\n");
  EXPECT_EQ(rows_of(csv, "p_complete"), prefix +
                                            "old,p_complete,2,0.5,0.0945312057,0.905468794,,,\n" +
                                            prefix + "new,p_complete,2,1,0.342380228,1,,,\n");
  // The default perf window at thresh 10 (docs/kernel-facts.md §4.6): never
  // <= 6 s, always >= 20 s; worst stretches of 50 and 25 ns lie below it.
  EXPECT_EQ(rows_of(csv, "hard_window_ns"),
            prefix + "old,hard_window_ns,2,,6000000000,20000000000,,,never\n" + prefix +
                "new,hard_window_ns,2,,6000000000,20000000000,,,never\n");
}

TEST_F(ResultsIoTest, RatiosCsvHasOneRowPerPointAndMetric) {
  // Old/new paired by replication: teardown 100/50 and 300/150, worst
  // stretch 50/25 twice: ratio 2 with a zero-width interval.
  const std::string prefix = "tiny,7,f28b1806869f9bc6,0,4,newest,";
  EXPECT_EQ(ratios_csv(config_, summarise_experiment(config_, results_)),
            "experiment,seed,config_hash,point,machine_cpus,task_work_create_layout,metric,"
            "numerator,denominator,pairs,ratio,lo,hi\n" +
                prefix + "teardown_ns,old,new,2,2,2,2\n" + prefix +
                "max_irqoff_ns,old,new,2,2,2,2\n");
}

TEST_F(ResultsIoTest, ZipLabelIsAColumnAfterTheSweptKeys) {
  config_.labelled = true;
  config_.points[0].label = "debug, KASAN";
  const std::string csv = runs_csv(config_, results_);
  EXPECT_EQ(csv.rfind("experiment,seed,config_hash,point,machine_cpus,task_work_create_layout,"
                      "label,algorithm,",
                      0),
            0u);
  EXPECT_NE(csv.find("\ntiny,7,f28b1806869f9bc6,0,4,newest,\"debug, KASAN\",old,0,100,"),
            std::string::npos);
}

TEST_F(ResultsIoTest, SummaryWithOneAlgorithmHasEmptyIntervalsAndNoRatios) {
  // Given only "new" and one replication; then intervals are undefined
  // (empty cells) and ratios.csv has its header alone.
  config_.algorithms = {Algorithm::kNew};
  config_.replications = 1;
  results_.points[0].runs = {{new_run(50, 11)}};
  const std::vector<PointSummary> summaries = summarise_experiment(config_, results_);
  const std::string csv = summary_csv(config_, summaries);
  EXPECT_EQ(rows_of(csv, "teardown_ns"),
            "tiny,7,f28b1806869f9bc6,0,4,newest,new,teardown_ns,1,50,,,50,50,\n");
  // Wilson 1/1: [1 / (1 + z^2), 1] = [0.206549314, 1].
  EXPECT_EQ(rows_of(csv, "p_complete"),
            "tiny,7,f28b1806869f9bc6,0,4,newest,new,p_complete,1,1,0.206549314,1,,,\n");
  const std::string ratios = ratios_csv(config_, summaries);
  EXPECT_EQ(std::count(ratios.begin(), ratios.end(), '\n'), 1);
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

TEST_F(ResultsIoTest, FilesWrittenOnSeveralThreadsEqualOnesWrittenOnOne) {
  // The seven files built at once on 4 threads (more threads than the big
  // files) must be the bytes one thread writes, and leave no temporaries.
  std::string err;
  ResultsWriteOptions options;
  options.json.include_run_timing = false;
  const std::vector<PointSummary> summaries = summarise_experiment(config_, results_);
  options.jobs = 1;
  ASSERT_TRUE(write_results(dir_ / "one", config_, results_, summaries, provenance_, &err, options))
      << err;
  options.jobs = 4;
  ASSERT_TRUE(
      write_results(dir_ / "four", config_, results_, summaries, provenance_, &err, options))
      << err;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "one")) {
    const std::filesystem::path name = entry.path().filename();
    EXPECT_EQ(slurp(dir_ / "four" / name), slurp(entry.path())) << name;
    ++files;
  }
  EXPECT_EQ(files, 7u);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_ / "four"),
                          std::filesystem::directory_iterator()),
            7);
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
  // format_decimal: the same nine digits, never 1.2e+10 (R and pandas read
  // both, but a reader's eye and integer columns do not).
  EXPECT_EQ(format_decimal(1234567890123.0), "1234567890000");
  EXPECT_EQ(format_decimal(30.8e9), "30800000000");
  EXPECT_EQ(format_decimal(1.5e-7), "0.00000015");
  EXPECT_EQ(format_decimal(-2.5e-5), "-0.000025");
  EXPECT_EQ(format_decimal(1.0 / 3), "0.333333333");
  EXPECT_EQ(format_decimal(std::nan("")), "");
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
