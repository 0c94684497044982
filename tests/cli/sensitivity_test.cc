// End to end: twsim sensitivity on the seed reproducer at 10 replications. A
// variant's P(hard) and worst stretch equal a plain `twsim run --set` of the
// same value (a second method); the low list length gives no hard lockup, as
// the kernel's perf window says it must; the file does not depend on -j; bad
// options are one-line errors.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <vector>

#include "tests/cli/cli_test_util.h"

namespace twsim {
namespace {

// A CSV as rows of {column: cell} (no quoted commas in these files' cells).
std::vector<std::map<std::string, std::string>> csv_maps(const std::string& text) {
  std::vector<std::map<std::string, std::string>> rows;
  std::istringstream lines(text);
  std::vector<std::string> header;
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cells;
    std::istringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    if (header.empty()) {
      header = cells;
      continue;
    }
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

const std::string kSeed = "'" + std::string(TWSIM_SOURCE_DIR) + "/configs/seed-reproducer.json'";

class SensitivityTest : public CliTest {
 protected:
  SensitivityTest() : CliTest("sensitivity_test") {}
  CliResult sensitivity(const std::string& name, const std::string& extra = "") {
    return twsim("sensitivity " + kSeed + " --set replications=10 --quiet -o '" + out(name) + "' " +
                 extra);
  }
  // The sensitivity.csv row of (key, side, algorithm).
  static std::map<std::string, std::string> find(
      const std::vector<std::map<std::string, std::string>>& rows, const std::string& key,
      const std::string& side, const std::string& algorithm) {
    for (const auto& r : rows) {
      if (r.at("key") == key && r.at("side") == side && r.at("algorithm") == algorithm) return r;
    }
    ADD_FAILURE() << "no row " << key << " " << side << " " << algorithm;
    return {};
  }
};

TEST_F(SensitivityTest, VariantEqualsAPlainRunWithTheSameSetting) {
  const CliResult r = sensitivity("s");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto rows = csv_maps(slurp(out("s") + "/sensitivity.csv"));
  // base + 6 low/high inputs + exit + 2 layouts + drain, x the config's 4
  // algorithms (old, single-pass, exit-test, new).
  EXPECT_EQ(rows.size(), 4u * (1 + 12 + 1 + 2 + 1));
  const auto high = find(rows, "task_work.unrelated", "high", "old");
  EXPECT_EQ(high.at("value"), "200000");
  const CliResult run = twsim("run " + kSeed +
                              " --set replications=10 --set task_work.unrelated=200000 --quiet "
                              "-o '" +
                              out("run") + "'");
  ASSERT_EQ(run.status, 0) << run.err;
  // summary.csv is tidy: one row per algorithm and metric.
  std::map<std::string, std::map<std::string, std::string>> p_hard, irqoff;
  for (const auto& s : csv_maps(slurp(out("run") + "/summary.csv"))) {
    if (s.at("metric") == "p_hard") p_hard[s.at("algorithm")] = s;
    if (s.at("metric") == "max_irqoff_ns") irqoff[s.at("algorithm")] = s;
  }
  ASSERT_EQ(p_hard.size(), 4u);
  for (const auto& [algorithm, s] : p_hard) {
    const auto row = find(rows, "task_work.unrelated", "high", algorithm);
    EXPECT_EQ(row.at("p_hard"), s.at("mean"));
    EXPECT_EQ(row.at("p_hard_lo"), s.at("lo"));
    EXPECT_EQ(row.at("p_hard_hi"), s.at("hi"));
    EXPECT_EQ(std::stod(row.at("max_irqoff_mean_ns")), std::stod(irqoff.at(algorithm).at("mean")));
    EXPECT_EQ(row.at("max_irqoff_max_ns"), irqoff.at(algorithm).at("max"));
  }
  // Low list length: 50,000 nodes x 400 ns = 20 ms per walk; ~192 walkers
  // queue, so the worst stretch is ~192 x 20 ms = 3.84 s, under the 6 s below
  // which the perf detector can never report (docs/kernel-facts.md §4.6, 0.6 x
  // watchdog_thresh 10): P(hard) must be 0.
  const auto low = find(rows, "task_work.unrelated", "low", "old");
  EXPECT_EQ(low.at("value"), "50000");
  EXPECT_NEAR(std::stod(low.at("max_irqoff_max_ns")), 3.84e9, 0.1e9);
  EXPECT_EQ(low.at("p_hard"), "0");
  EXPECT_EQ(low.at("watchdog_thresh_s"), "10");
  EXPECT_EQ(low.at("hardlockup_detector"), "perf");
  EXPECT_EQ(find(rows, "", "base", "new").at("input"), "base");
  EXPECT_NE(r.out.find("list length at exit"), std::string::npos) << r.out;
}

TEST_F(SensitivityTest, ThreadCountDoesNotChangeTheFile) {
  ASSERT_EQ(sensitivity("a", "--set replications=3").status, 0);
  ASSERT_EQ(sensitivity("b", "--set replications=3 -j 3").status, 0);
  EXPECT_EQ(slurp(out("a") + "/sensitivity.csv"), slurp(out("b") + "/sensitivity.csv"));
}

TEST_F(SensitivityTest, BadOptionsAreOneLineErrors) {
  EXPECT_TRUE(is_bad_input(sensitivity("x", "--factor 1"),
                           "twsim: error: sensitivity: --factor must be > 1 (low = value / F, "
                           "high = value x F), got 1\n"));
  EXPECT_TRUE(is_bad_input(sensitivity("x", "--push-rate -5"),
                           "twsim: error: sensitivity: --push-rate must be > 0 (pushes per "
                           "second), got -5\n"));
  const CliResult swept = twsim("sensitivity " + config_ + " -o '" + out("y") + "'");
  EXPECT_TRUE(is_bad_input(swept, "twsim: error: sensitivity: " + test_data("cli_tiny.json") +
                                      " sweeps 2 points; choose one with --point N (0..1)\n"));
  EXPECT_EQ(twsim("sensitivity " + config_ + " --point 1 --quiet -o '" + out("y") + "'").status, 0);
  EXPECT_TRUE(is_bad_input(sensitivity("x", "--point 1"),
                           "twsim: error: sensitivity: --point must be in [0, 0], got 1\n"));
}

}  // namespace
}  // namespace twsim
