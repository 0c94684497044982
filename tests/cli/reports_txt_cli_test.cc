// End to end: reports.txt of `twsim run` and `twsim merge`: every report of
// every replication, tagged, in the kernel's format; the same bytes whatever
// -j, after a resume, and from merged shards; --uptime shifts every
// timestamp and is validated with the one-line error style.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "tests/cli/cli_test_util.h"
#include "tests/cli/results_dir_util.h"

namespace twsim {
namespace {

namespace fs = std::filesystem;

class ReportsTxtCliTest : public CliTest {
 protected:
  ReportsTxtCliTest() : CliTest("reports_txt_cli_test", "--quiet") {}
  // twsim run of tests/data/reports_three_kinds.json (2 points x 2
  // algorithms x 3 replications, reports of every kind) into out(name).
  CliResult run_reports(const std::string& name, const std::string& extra = "") {
    return twsim("run '" + test_data("reports_three_kinds.json") + "' --quiet -o '" + out(name) +
                 "' " + extra);
  }
  std::string reports(const std::string& name) {
    return slurp(fs::path(out(name)) / "reports.txt");
  }
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Sums of runs.csv's hard_lockups, soft_lockups and rcu_stalls columns.
std::map<std::string, std::int64_t> report_counts(const std::string& runs_csv) {
  const std::vector<std::string> rows = lines_of(runs_csv);
  std::vector<std::string> header;
  std::istringstream h(rows.at(0));
  for (std::string cell; std::getline(h, cell, ',');) header.push_back(cell);
  std::map<std::string, std::int64_t> sums;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::istringstream row(rows[i]);
    std::size_t c = 0;
    for (std::string cell; std::getline(row, cell, ','); ++c) {
      const std::string& name = header.at(c);
      if (name == "hard_lockups" || name == "soft_lockups" || name == "rcu_stalls") {
        sums[name] += std::stoll(cell);
      }
    }
  }
  return sums;
}

TEST_F(ReportsTxtCliTest, EveryReportOfEveryRunInTheKernelsFormat) {
  // Given runs with reports of all three kinds; then reports.txt holds, for
  // each, the kernel's lines behind a tag, as many of each kind as runs.csv
  // counts (none was dropped: a run keeps 1024), from more replications
  // than the first.
  const CliResult r = run_reports("a");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> lines = lines_of(reports("a"));
  const std::regex tagged(
      "point=[01] algorithm=(old|new) replication=[012]\t\\[ {0,4}[0-9]+\\.[0-9]{6}\\]"
      "\\[ *C([0-9]+|\\?)\\] (watchdog: CPU[0-9]+: Watchdog detected hard LOCKUP on cpu [0-9]+|"
      "watchdog: BUG: soft lockup - CPU#[0-9]+ stuck for [0-9]+s! \\[[^:]+:[0-9?]+\\]|"
      "rcu: INFO: rcu_sched detected stalls on CPUs/tasks:|"
      "rcu: \t[0-9]+-\\.\\.\\.\\?: \\(\\? ticks this GP\\) idle=\\?/\\?/\\? softirq=\\?/\\? "
      "fqs=\\?|"
      "rcu: \t\\(detected by \\?, t=\\? jiffies, g=\\?, q=\\? ncpus=[23]\\))");
  std::map<std::string, std::int64_t> seen;
  std::set<std::string> replications;
  for (const std::string& line : lines) {
    EXPECT_TRUE(std::regex_match(line, tagged)) << line;
    if (line.find("hard LOCKUP") != std::string::npos) ++seen["hard_lockups"];
    if (line.find("soft lockup") != std::string::npos) ++seen["soft_lockups"];
    if (line.find("detected stalls") != std::string::npos) ++seen["rcu_stalls"];
    replications.insert(line.substr(0, line.find('\t')));
  }
  const std::map<std::string, std::int64_t> counted = report_counts(slurp(out("a") + "/runs.csv"));
  for (const char* kind : {"hard_lockups", "soft_lockups", "rcu_stalls"}) {
    EXPECT_GT(seen[kind], 0) << kind;
    EXPECT_EQ(seen[kind], counted.at(kind)) << kind;
  }
  EXPECT_GT(replications.size(), 2u);
}

TEST_F(ReportsTxtCliTest, SameBytesWhateverJobsShardsOrResume) {
  ASSERT_EQ(run_reports("j1", "-j 1").status, 0);
  ASSERT_EQ(run_reports("j2", "-j 2").status, 0);
  ASSERT_FALSE(reports("j1").empty());
  EXPECT_EQ(reports("j1"), reports("j2"));
  // Sharded and merged.
  ASSERT_EQ(run_reports("s0", "--shard 0/2").status, 0);
  ASSERT_EQ(run_reports("s1", "--shard 1/2 -j 2").status, 0);
  EXPECT_FALSE(fs::exists(out("s0") + "/reports.txt"));
  const CliResult m =
      twsim("merge '" + out("s0") + "' '" + out("s1") + "' -o '" + out("m") + "' --quiet");
  ASSERT_EQ(m.status, 0) << m.err;
  expect_same_results(out("j1"), out("m"));
  // Resumed: one point lost, reports.txt gone; the rerun rebuilds the rest
  // from its point file.
  const auto points = point_files(out("j2"));
  fs::remove(out("j2") + "/points/" + points.begin()->first);
  fs::remove(out("j2") + "/reports.txt");
  ASSERT_EQ(run_reports("j2").status, 0);
  expect_same_results(out("j1"), out("j2"));
}

TEST_F(ReportsTxtCliTest, UptimeShiftsEveryTimestampOfRunAndMerge) {
  // Given --uptime 1000.25; then each line is the plain run's with every
  // timestamp 1000.250000 s later, and the tags and texts unchanged.
  ASSERT_EQ(run_reports("plain").status, 0);
  ASSERT_EQ(run_reports("up", "--uptime 1000.25").status, 0);
  const CliResult m =
      twsim("merge '" + out("plain") + "' -o '" + out("m") + "' --uptime 1000.25 --quiet");
  ASSERT_EQ(m.status, 0) << m.err;
  const std::vector<std::string> plain = lines_of(reports("plain")), up = lines_of(reports("up"));
  ASSERT_EQ(plain.size(), up.size());
  ASSERT_FALSE(plain.empty());
  const std::regex stamp("([^\t]*\t)\\[ *([0-9]+)\\.([0-9]{6})\\](.*)");
  for (std::size_t i = 0; i < plain.size(); ++i) {
    std::smatch a, b;
    ASSERT_TRUE(std::regex_match(plain[i], a, stamp)) << plain[i];
    ASSERT_TRUE(std::regex_match(up[i], b, stamp)) << up[i];
    EXPECT_EQ(a[1], b[1]);
    EXPECT_EQ(a[4], b[4]);
    const std::int64_t us_a = std::stoll(a[2]) * 1'000'000 + std::stoll(a[3]);
    const std::int64_t us_b = std::stoll(b[2]) * 1'000'000 + std::stoll(b[3]);
    EXPECT_EQ(us_b - us_a, 1'000'250'000) << plain[i] << "\n" << up[i];
  }
  EXPECT_EQ(reports("m"), reports("up"));
}

TEST_F(ReportsTxtCliTest, BadUptimeIsAOneLineError) {
  const std::string want = "] with at most 9 decimals (e.g. 1234.567891), got '";
  for (const char* bad : {"-1", "abc", "1.0000000001", "1000000001", "1e3", "2."}) {
    const CliResult r = run_into("x", std::string("--uptime='") + bad + "'");
    EXPECT_TRUE(is_bad_input(
        r, "twsim: error: run: --uptime must be seconds in [0, 1000000000" + want + bad + "'\n"))
        << bad;
  }
  ASSERT_EQ(run_into("a").status, 0);
  const CliResult r = twsim("merge '" + out("a") + "' -o '" + out("m") + "' --uptime=x");
  EXPECT_TRUE(is_bad_input(
      r, "twsim: error: merge: --uptime must be seconds in [0, 1000000000" + want + "x'\n"));
  EXPECT_FALSE(fs::exists(out("m") + "/reports.txt"));
}

}  // namespace
}  // namespace twsim
