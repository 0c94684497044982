// End to end: twsim run on tests/data/cli_tiny.json (2 points x 2 algorithms
// x 2 replications): the files it writes, their determinism, exit statuses.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/cli/cli_test_util.h"

namespace twsim {
namespace {

class RunTest : public CliTest {
 protected:
  RunTest() : CliTest("run_test", "--quiet") {}
};

TEST_F(RunTest, WritesEveryResultFile) {
  const CliResult r = run_into("a");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");  // --quiet: no warnings, no progress
  for (const char* name : {"runs.csv", "summary.csv", "results.json", "lock_stat.txt"}) {
    EXPECT_TRUE(std::filesystem::exists(out("a") + "/" + name)) << name;
  }
  // The terminal table: one row per point, old and new side by side.
  EXPECT_NE(r.out.find("P(hard)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("old"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("new"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("results: " + out("a") + "/\n"), std::string::npos) << r.out;
}

TEST_F(RunTest, RunsCsvHasOneRowPerRun) {
  ASSERT_EQ(run_into("a").status, 0);
  const std::string csv = slurp(out("a") + "/runs.csv");
  EXPECT_EQ(csv.rfind("experiment,seed,config_hash,point,machine_cpus,algorithm,replication,"
                      "teardown_ns,",
                      0),
            0u)
      << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 8);
  // cli_tiny.json's name and seed, then a 16-hex-digit config hash.
  EXPECT_NE(csv.find("\ncli_tiny,1,"), std::string::npos);
  EXPECT_NE(csv.find(",0,2,old,0,"), std::string::npos);
  EXPECT_NE(csv.find(",1,4,new,1,"), std::string::npos);
  const std::string summary = slurp(out("a") + "/summary.csv");
  // Tidy: 2 points x 2 algorithms x (21 run metrics, 6 detectors, p_complete,
  // hard_window_ns).
  EXPECT_EQ(std::count(summary.begin(), summary.end(), '\n'), 1 + 4 * 29);
  const std::string ratios = slurp(out("a") + "/ratios.csv");
  EXPECT_EQ(std::count(ratios.begin(), ratios.end(), '\n'), 1 + 2 * 2);  // teardown, worst stretch
}

TEST_F(RunTest, SameSeedGivesIdenticalFiles) {
  // Given two runs of the same config and seed; then the CSVs are byte
  // identical, and results.json differs at most in "run" (wall time).
  ASSERT_EQ(run_into("a").status, 0);
  ASSERT_EQ(run_into("b").status, 0);
  EXPECT_EQ(slurp(out("a") + "/runs.csv"), slurp(out("b") + "/runs.csv"));
  EXPECT_EQ(slurp(out("a") + "/summary.csv"), slurp(out("b") + "/summary.csv"));
  EXPECT_EQ(slurp(out("a") + "/ratios.csv"), slurp(out("b") + "/ratios.csv"));
  EXPECT_EQ(slurp(out("a") + "/irqoff_ccdf.csv"), slurp(out("b") + "/irqoff_ccdf.csv"));
  EXPECT_EQ(slurp(out("a") + "/lock_stat.txt"), slurp(out("b") + "/lock_stat.txt"));
  auto a = nlohmann::json::parse(slurp(out("a") + "/results.json"));
  auto b = nlohmann::json::parse(slurp(out("b") + "/results.json"));
  ASSERT_TRUE(a.contains("run"));
  EXPECT_EQ(a["run"]["runs"], 8);
  a.erase("run");
  b.erase("run");
  EXPECT_EQ(a, b);
}

TEST_F(RunTest, ThreadCountDoesNotChangeFiles) {
  ASSERT_EQ(run_into("a", "-j 1").status, 0);
  ASSERT_EQ(run_into("b", "-j 3").status, 0);
  EXPECT_EQ(slurp(out("a") + "/runs.csv"), slurp(out("b") + "/runs.csv"));
  EXPECT_EQ(slurp(out("a") + "/summary.csv"), slurp(out("b") + "/summary.csv"));
}

TEST_F(RunTest, OtherSeedGivesOtherRuns) {
  ASSERT_EQ(run_into("a").status, 0);
  ASSERT_EQ(run_into("b", "--set seed=2").status, 0);
  EXPECT_NE(slurp(out("a") + "/runs.csv"), slurp(out("b") + "/runs.csv"));
}

TEST_F(RunTest, DefaultOutputIsResultsSlashName) {
  const CliResult r = twsim("run " + config_ + " --quiet");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "results" / "cli_tiny" / "runs.csv"));
}

TEST_F(RunTest, NoProgressLineWhenStderrIsNotATerminal) {
  const CliResult r = run_into("a", "");
  ASSERT_EQ(r.status, 0);
  const CliResult loud = twsim("run " + config_ + " -o '" + out("b") + "'");
  ASSERT_EQ(loud.status, 0) << loud.err;
  EXPECT_EQ(loud.err.find('\r'), std::string::npos) << loud.err;
  // Anything on stderr is a whole "twsim: warning:" line (debug builds).
  std::istringstream lines(loud.err);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_EQ(line.rfind("twsim: warning: ", 0), 0u) << line;
  }
}

TEST_F(RunTest, OutputThatIsAFileIsBadInput) {
  std::ofstream(out("file")) << "x";
  const CliResult r = twsim("run " + config_ + " --quiet -o '" + out("file") + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("twsim: error: " + out("file") + ": cannot create output", 0), 0u) << r.err;
}

TEST_F(RunTest, BadConfigValueIsBadInputAndWritesNothing) {
  const CliResult r = run_into("a", "--set replications=0");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("twsim: error: ", 0), 0u) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out("a")));
}

TEST_F(RunTest, BadJobCount) {
  const CliResult r = run_into("a", "-j 0");
  EXPECT_TRUE(is_bad_input(r, "twsim: error: run: --jobs must be >= 1, got 0\n"));
}

TEST_F(RunTest, MissingConfigFile) {
  const CliResult r = twsim("run missing.json --quiet");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("twsim: error: missing.json", 0), 0u) << r.err;
}

TEST_F(RunTest, PointsWithOneScenarioSaveSafelyOnTwoThreads) {
  // cpus [1, 2] x workers_per_cpu [0.5, 1]: at 1 CPU, round(0.5) = 1 = 1 x 1
  // worker, so points 0 and 1 resolve to one scenario and one point file,
  // which two threads save at once. Every try must succeed.
  for (int i = 0; i < 10; ++i) {
    const CliResult r =
        run_into("dup" + std::to_string(i),
                 "-j 2 --set 'sweep.grid={\"machine.cpus\": [1, 2], "
                 "\"io_wq.workers_per_cpu\": [0.5, 1]}' --set io_wq.pending_create=1");
    ASSERT_EQ(r.status, 0) << r.err;
  }
}

TEST_F(RunTest, RunsCutOffAtTheHorizonAreFlaggedAsLowerBounds) {
  // horizon_s = 1 ms cuts every old and new run of the tiny config (its
  // teardowns take longer): the table marks each probability ">=", and
  // stderr says which point and algorithm, how many runs, and what to do.
  const CliResult r = run_into("cut", "--set horizon_s=0.001");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(">=0.00 ["), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("twsim: warning: 2 of 2 old runs of point 0 were cut off at horizon_s = "
                       "0.001 s before the teardown ended; their P(detector) is a lower bound "
                       "(>= in the table); raise horizon_s\n"),
            std::string::npos)
      << r.err;
  const CliResult whole = run_into("whole");
  EXPECT_EQ(whole.out.find(">="), std::string::npos) << whole.out;
  EXPECT_EQ(whole.err, "");
}

TEST_F(RunTest, ThreadsTheSystemWillNotStartAreDoneWithout) {
  // Under a 1 GiB stack per thread and 3 GiB of address space, -j 8 cannot
  // start 8 threads: twsim says how many it got and finishes on those, with
  // the files -j 1 writes.
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer reserves more address space than the limit allows";
#endif
  ASSERT_EQ(run_into("one").status, 0);
  const CliResult r = twsim_under("ulimit -s 1000000; ulimit -v 3000000;",
                                  "run " + config_ + " --quiet -j 8 -o '" + out("few") + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("twsim: warning: the system started only "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" of 8 threads (-j); running on "), std::string::npos) << r.err;
  EXPECT_EQ(slurp(out("one") + "/runs.csv"), slurp(out("few") + "/runs.csv"));
}

}  // namespace
}  // namespace twsim