// End to end: twsim threshold. The crossing is checked against a closed form
// derived from the kernel's perf hard-lockup rules; the CSV keeps the columns
// plot/plot_threshold.py reads; bad options are one-line errors.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <vector>

#include "tests/cli/cli_test_util.h"

namespace twsim {
namespace {

namespace fs = std::filesystem;

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t comma; (comma = line.find(',', start)) != std::string::npos;
         start = comma + 1) {
      cells.push_back(line.substr(start, comma - start));
    }
    cells.push_back(line.substr(start));
    rows.push_back(cells);
  }
  return rows;
}

class ThresholdTest : public CliTest {
 protected:
  ThresholdTest() : CliTest("threshold_test") {}
  CliResult one_walk(const std::string& name, const std::string& extra = "") {
    return twsim("threshold '" + test_data("threshold_one_walk.json") +
                 "' --param task_work.unrelated --quiet -o '" + out(name) + "' " + extra);
  }
};

// Every CSV starts with experiment, seed, config_hash, point (csv_point_columns.h).
const char* kHeader =
    "experiment,seed,config_hash,point,algorithm,param,detector,target,threshold,threshold_lo,"
    "threshold_hi,probes,note,"
    "resolved,"
    "replications_needed";

TEST_F(ThresholdTest, PerfHardLockupCrossingMatchesTheKernelRules) {
  // Given the submitter alone on one CPU walking the whole list once under
  // pi_lock: one interrupts-off stretch of L = n x 1 us for n nodes. By
  // docs/kernel-facts.md §4.6 (perf NMI at thresh 10: accepted NMIs every 10 s at a
  // random phase; hrtimer every 4 s, last increment a ~ U[0, 4) s before the
  // stretch), a report needs two accepted NMIs inside the gap G = L + a, so
  //   P(report | L) = E_a[clamp((L + a - 10) / 10, 0, 1)]
  //                 = 0 for L <= 6, (L - 6)^2 / 80 for 6..10,
  //                   (L - 8) / 10 for 10..16, 1 - (20 - L)^2 / 80 for 16..20, 1 beyond,
  // which crosses 0.5 at L = 13 s: n = 1.3e7 nodes. Then the search's bracket
  // must lie in [6e6, 2e7] (P is exactly 0 below and 1 above); with 100
  // replications P-hat is within about 0.1 of P near the crossing, where P
  // moves 0.1 per second, so the threshold is within 2 s (2e6 nodes) of 1.3e7,
  // and the Wilson interval contains 1.3e7.
  const CliResult r = one_walk("a");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto rows = csv_rows(slurp(out("a") + "/thresholds.csv"));
  ASSERT_EQ(rows.size(), 2u);
  std::string header;
  for (const std::string& c : rows[0]) header += (header.empty() ? "" : ",") + c;
  EXPECT_EQ(header, kHeader);
  const std::vector<std::string>& row = rows[1];
  ASSERT_EQ(row.size(), 15u);
  EXPECT_EQ(row[3], "0");
  EXPECT_EQ(row[4], "old");
  EXPECT_EQ(row[5], "task_work.unrelated");
  EXPECT_EQ(row[6], "hard");
  EXPECT_EQ(row[7], "0.5");
  EXPECT_EQ(row[12], "");
  EXPECT_EQ(row[13], "1");  // P = 0 at 1 node and 1 at 1e9: both ends clear at 100 runs
  EXPECT_EQ(row[14], "");
  const double threshold = std::stod(row[8]), lo = std::stod(row[9]), hi = std::stod(row[10]);
  EXPECT_GE(threshold, 6e6);
  EXPECT_LE(threshold, 2e7);
  EXPECT_NEAR(threshold, 1.3e7, 2e6);
  EXPECT_LE(lo, threshold);
  EXPECT_GE(hi, threshold);
  EXPECT_LT(lo, 1.3e7);
  EXPECT_GT(hi, 1.3e7);
  EXPECT_LE(std::stoi(row[11]), 2 + 14 + 2 * 8);
  // The terminal table says the same.
  EXPECT_NE(r.out.find("critical task_work.unrelated where P(hard) crosses 0.5"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(row[8]), std::string::npos) << r.out;
}

TEST_F(ThresholdTest, ThreadCountDoesNotChangeTheFile) {
  ASSERT_EQ(one_walk("a", "--set replications=20").status, 0);
  ASSERT_EQ(one_walk("b", "--set replications=20 -j 3").status, 0);
  EXPECT_EQ(slurp(out("a") + "/thresholds.csv"), slurp(out("b") + "/thresholds.csv"));
}

TEST_F(ThresholdTest, RangeThatMissesTheCrossingSaysSo) {
  // Below 6 s no report is possible; above 20 s one is certain.
  ASSERT_EQ(one_walk("low", "--set replications=20 --min 1000 --max 5000000").status, 0);
  EXPECT_NE(
      slurp(out("low") + "/thresholds.csv")
          .find(",0,old,task_work.unrelated,hard,0.5,,,,2,never reaches target in range,1,\n"),
      std::string::npos);
  ASSERT_EQ(one_walk("high", "--set replications=20 --min 20000000").status, 0);
  EXPECT_NE(slurp(out("high") + "/thresholds.csv")
                .find(",0,old,task_work.unrelated,hard,0.5,,,,2,already above target at min,1,\n"),
            std::string::npos);
}

TEST_F(ThresholdTest, RareTargetSaysItIsUnresolvedAndHowManyRunsWould) {
  // Given target 0.05 (P reaches it at L = 6 + sqrt(80 x 0.05) = 8 s) and 20
  // runs per probe: every probe below has 0 of 20 reports, whose Wilson upper
  // end 3.84/23.84 = 0.16 does not exclude 0.05, so the interval has no lower
  // end. By hand n > 3.8415 x 0.05 x 0.95 / 0.05^2 = 72.99: 73 replications.
  // The one row of a rare-target search at `reps` replications, and its output.
  const auto rare = [&](const std::string& reps, CliResult* r) {
    *r = one_walk("rare" + reps, "--set replications=" + reps + " --target 0.05");
    EXPECT_EQ(r->status, 0) << r->err;
    const auto rows = csv_rows(slurp(out("rare" + reps) + "/thresholds.csv"));
    return rows.size() == 2 ? rows[1] : std::vector<std::string>(15);
  };
  CliResult r, again;
  const std::vector<std::string> row = rare("20", &r);
  EXPECT_EQ(row[9], "");
  EXPECT_EQ(row[13], "0");
  EXPECT_EQ(row[14], "73");
  EXPECT_NE(r.out.find("[?, "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no: needs ~73 replications"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unresolved at 20 replications"), std::string::npos) << r.out;
  // Second method: with 73 replications the 0-of-73 probes are clear.
  const std::vector<std::string> row73 = rare("73", &again);
  EXPECT_NE(row73[9], "");
  EXPECT_EQ(row73[13], "1");
  EXPECT_EQ(again.out.find("unresolved"), std::string::npos) << again.out;
}

TEST_F(ThresholdTest, SweptKeysAreColumnsAsThePlotsExpect) {
  const CliResult r =
      twsim("threshold " + config_ +
            " --param task_work.unrelated --detector any --target 0.25 -o '" + out("t") + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto rows = csv_rows(slurp(out("t") + "/thresholds.csv"));
  ASSERT_EQ(rows.size(), 1u + 2 * 2);
  EXPECT_EQ(rows[0][4], "machine_cpus");  // the dotted key, df.query-safe
  EXPECT_EQ(rows[0][5], "algorithm");
  EXPECT_EQ((std::vector<std::string>{rows[1][3], rows[1][4], rows[1][5], rows[1][7], rows[1][8]}),
            (std::vector<std::string>{"0", "2", "old", "any", "0.25"}));
  EXPECT_EQ((std::vector<std::string>{rows[4][3], rows[4][4], rows[4][5]}),
            (std::vector<std::string>{"1", "4", "new"}));
}

TEST_F(ThresholdTest, BadOptionsAreOneLineErrors) {
  const std::string path = test_data("cli_tiny.json");
  const std::pair<std::string, std::string> cases[] = {
      {"--param machine.cpus", "threshold: --param machine.cpus is swept by " + path +
                                   "; the search varies it itself, so take it out of the sweep"},
      {"--param task_work.unrelatd",
       "threshold: --param: unknown key 'task_work.unrelatd'; did you mean "
       "'task_work.unrelated'?"},
      {"--param kernel.preempt",
       "threshold: --param must be a numeric scenario key such as task_work.unrelated, got "
       "'kernel.preempt'"},
      {"--param costs.node_visit_ns",
       "threshold: --param costs.node_visit_ns takes fractional values; give the search range "
       "with --min and --max"},
      {"--param task_work.unrelated --min 0",
       "threshold: --min must be > 0 (the search is geometric), got 0"},
      {"--param task_work.unrelated --min 1.5",
       "threshold: --min must be an integer for task_work.unrelated, got 1.5"},
      {"--param task_work.unrelated --min 100 --max 10",
       "threshold: --max must be > --min, got --min 100 --max 10"},
      {"--param task_work.unrelated --target 1", "threshold: --target must be in (0, 1), got 1"},
      {"--param task_work.unrelated --detector buddy",
       "threshold: --detector must be hard, soft, rcu or any, got 'buddy'"},
      {"--param io_wq.running_workers --max 100",
       "threshold: --param io_wq.running_workers=100 at point 0 (machine.cpus=2): "
       "/io_wq/running_workers: must be <= io_wq.workers - io_wq.racing_create (4 - 0 = 4), "
       "got 100; narrow the search with --min/--max"},
  };
  for (const auto& [args, message] : cases) {
    const CliResult r = twsim("threshold " + config_ + " " + args + " -o '" + out("x") + "'");
    EXPECT_TRUE(is_bad_input(r, "twsim: error: " + message + "\n")) << args;
  }
  EXPECT_FALSE(fs::exists(out("x") + "/thresholds.csv"));
}

}  // namespace
}  // namespace twsim
