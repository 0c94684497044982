// End-to-end: `twsim calibrate` on this host, kept short (8 MiB, 10 ms a size).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "sim/io/json_io.h"
#include "tests/cli/cli_test_util.h"

namespace twsim {
namespace {

TEST(CalibrateTest, WritesAProfileTheConfigReaderAccepts) {
  // Given a short calibration to a file, then the file is one JSON object
  // that reads as costs.node_visit_ns, with positive costs and DRAM (here the
  // 8 MiB set: L3 or beyond) at least twice L1: a pointer chase that leaves
  // L1 costs several times an L1 hit on any cached CPU (docs/calibration.md §3.1:
  // 4 cycles in L1, 12-14 in L2, 34-56 in L3).
  ScratchDir dir("calibrate");
  const CliResult r = run_cli("calibrate --max-mib 8 --ms-per-size 10 -o profile.json", dir.path());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("working set"), std::string::npos);
  EXPECT_NE(r.err.find("wrote profile.json"), std::string::npos);
  EXPECT_NE(r.err.find("huge pages: "), std::string::npos) << r.err;
  // The default 3 repeats, their spread, the probe's column, the pinning.
  EXPECT_NE(r.err.find("median of 3 repeats"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("spread over 3 repeats (min-max of each repeat's own figure): l1_ns "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("page walk ns"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string text = slurp(dir.path() / "profile.json");
  const ExperimentConfig c =
      parse_experiment(R"({"costs": {"node_visit_ns": )" + text + "}}", "t.json", {});
  const auto& p = c.points[0].scenario.costs.node_visit_profile;
  ASSERT_TRUE(p.has_value()) << text;
  EXPECT_GT(p->l1_ns, 0);
  EXPECT_GE(p->dram_ns, 2 * p->l1_ns) << text;
  EXPECT_EQ(p->node_bytes, 64);
}

TEST(CalibrateTest, WithoutOutputPrintsTheProfileLast) {
  ScratchDir dir("calibrate_stdout");
  const CliResult r =
      run_cli("calibrate --max-mib 1 --ms-per-size 5 --node-bytes 128 --repeats 2", dir.path());
  ASSERT_EQ(r.status, 0) << r.err;
  // stdout is the JSON alone (`twsim calibrate > profile.json` works); the
  // table goes to stderr.
  EXPECT_EQ(r.out.rfind("{\"l1_ns\":", 0), 0u) << r.out;
  EXPECT_EQ(r.out.find("\"node_bytes\":128}\n"), r.out.size() - 18) << r.out;
  EXPECT_TRUE(nlohmann::json::accept(r.out)) << r.out;
  EXPECT_NE(r.err.find("working set"), std::string::npos);
  EXPECT_NE(r.err.find("median of 2 repeats"), std::string::npos) << r.err;
}

TEST(CalibrateTest, BadOptionValuesAreBadInput) {
  ScratchDir dir("calibrate_bad");
  CliResult r = run_cli("calibrate --max-mib 0", dir.path());
  EXPECT_TRUE(is_bad_input(r, "twsim: error: calibrate: --max-mib must be in [1, 65536], got 0\n"));
  r = run_cli("calibrate --node-bytes 12", dir.path());
  EXPECT_TRUE(
      is_bad_input(r, "twsim: error: calibrate: --node-bytes must be a multiple of 8, got 12\n"));
  r = run_cli("calibrate --repeats 0", dir.path());
  EXPECT_TRUE(is_bad_input(r, "twsim: error: calibrate: --repeats must be in [1, 100], got 0\n"));
  r = run_cli("calibrate extra", dir.path());
  EXPECT_EQ(r.status, 2);
}

}  // namespace
}  // namespace twsim
