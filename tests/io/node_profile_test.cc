// Tests of costs.node_visit_ns written as a cache profile object, and of the
// other issue-4 keys through --set and sweeps (sim/io/json_io.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/io/json_io.h"
#include "tests/io/config_test_util.h"

namespace twsim {
namespace {

// A profile with every field, as `twsim calibrate` writes one; `change`
// replaces the text of one field ("\"l2_ns\": 1") or adds one.
std::string profile(const std::string& change = "") {
  std::string fields[] = {R"("l1_ns": 1.5)",          R"("l2_ns": 4)",
                          R"("l3_ns": 18.25)",        R"("dram_ns": 95)",
                          R"("l1_bytes": 49152)",     R"("l2_bytes": 2097152)",
                          R"("l3_bytes": 110100480)", R"("node_bytes": 64)"};
  bool replaced = change.empty();
  for (std::string& f : fields) {
    if (!change.empty() && f.substr(0, f.find(':')) == change.substr(0, change.find(':'))) {
      f = change;
      replaced = true;
    }
  }
  std::string out = "{";
  for (const std::string& f : fields) out += (out.size() > 1 ? ", " : "") + f;
  if (!replaced) out += ", " + change;
  return out + "}";
}

std::string with_profile(const std::string& p) {
  return R"({"costs": {"node_visit_ns": )" + p + "}}";
}

TEST(NodeProfileTest, ObjectIsReadIntoTheProfile) {
  // Given a full profile object, then every field lands in node_visit_profile.
  const ExperimentConfig c = parse_experiment(with_profile(profile()), "t.json", {});
  const CostConfig& costs = c.points[0].scenario.costs;
  ASSERT_TRUE(costs.node_visit_profile.has_value());
  const NodeCostProfile& p = *costs.node_visit_profile;
  EXPECT_EQ(p.l1_ns, 1.5);
  EXPECT_EQ(p.l2_ns, 4);
  EXPECT_EQ(p.l3_ns, 18.25);
  EXPECT_EQ(p.dram_ns, 95);
  EXPECT_EQ(p.l1_bytes, 49152);
  EXPECT_EQ(p.l2_bytes, 2097152);
  EXPECT_EQ(p.l3_bytes, 110100480);
  EXPECT_EQ(p.node_bytes, 64);
}

TEST(NodeProfileTest, WrittenProfileReadsBackEqual) {
  // Given a profile written by node_profile_to_json (what twsim calibrate
  // writes), then using the text as costs.node_visit_ns gives the same profile,
  // and the resolved scenario carries the object.
  NodeCostProfile p;
  p.l1_ns = 1.25;
  p.l2_ns = 3.7;
  p.l3_ns = 14.1;
  p.dram_ns = 88.03125;
  p.l1_bytes = 32768;
  p.l2_bytes = 1310720;
  p.l3_bytes = 31457280;
  p.node_bytes = 128;
  const std::string text = node_profile_to_json(p);
  EXPECT_EQ(text, R"({"l1_ns":1.25,"l2_ns":3.7,"l3_ns":14.1,"dram_ns":88.03125,"l1_bytes":32768,)"
                  R"("l2_bytes":1310720,"l3_bytes":31457280,"node_bytes":128})");
  const ExperimentConfig c = parse_experiment(with_profile(text), "t.json", {});
  const ScenarioConfig& s = c.points[0].scenario;
  ASSERT_TRUE(s.costs.node_visit_profile.has_value());
  EXPECT_EQ(*s.costs.node_visit_profile, p);
  EXPECT_NE(c.resolved_json.find(R"("node_visit_ns":)" + text), std::string::npos)
      << c.resolved_json;
  // The canonical (sorted) scenario text holds it too, and reads back.
  const std::string canonical = scenario_to_json(s);
  EXPECT_NE(canonical.find(R"("node_visit_ns":{"dram_ns":88.03125,"l1_bytes":32768,)"),
            std::string::npos)
      << canonical;
  const ExperimentConfig again = parse_experiment(canonical, "t.json", {});
  EXPECT_EQ(again.points[0].resolved_json, canonical);
}

TEST(NodeProfileTest, SetAndSweepTakeAProfile) {
  // Given --set with a profile object, then it is read; given a sweep list of
  // a number and a profile, then two points, the second with the profile.
  const ExperimentConfig set =
      parse_experiment("{}", "t.json", {"costs.node_visit_ns=" + profile()});
  EXPECT_TRUE(set.points[0].scenario.costs.node_visit_profile.has_value());
  const ExperimentConfig swept = parse_experiment(
      R"({"sweep": {"grid": {"costs.node_visit_ns": [120, )" + profile() + "]}}}", "t.json", {});
  ASSERT_EQ(swept.points.size(), 2u);
  EXPECT_FALSE(swept.points[0].scenario.costs.node_visit_profile.has_value());
  EXPECT_EQ(swept.points[0].scenario.costs.node_visit_ns, 120);
  EXPECT_TRUE(swept.points[1].scenario.costs.node_visit_profile.has_value());
}

TEST(NodeProfileTest, OtherNewKeysThroughSetAndSweep) {
  // Given io_wq.cpus_allowed=all or 8, racing_create and drain_us by --set,
  // then they are read; a sweep of cpus_allowed may mix counts and "all".
  const ExperimentConfig c =
      parse_experiment(R"({"machine": {"cpus": 16}, "io_wq": {"pending_create": 0}})", "t.json",
                       {"io_wq.cpus_allowed=8", "io_wq.racing_create=3", "task_work.drain_us=never",
                        "costs.debug_factor=4"});
  const ScenarioConfig& s = c.points[0].scenario;
  EXPECT_EQ(s.io_wq.cpus_allowed, 8);
  EXPECT_EQ(s.io_wq.racing_create, 3);
  EXPECT_FALSE(s.task_work.drains());
  EXPECT_EQ(s.costs.debug_factor, 4);
  EXPECT_EQ(parse_experiment("{}", "t.json", {"io_wq.cpus_allowed=all"})
                .points[0]
                .scenario.io_wq.cpus_allowed,
            0);
  const ExperimentConfig swept = parse_experiment(
      R"({"machine": {"cpus": 16}, "sweep": {"grid": {"io_wq.cpus_allowed": [4, "all"]}}})",
      "t.json", {});
  ASSERT_EQ(swept.points.size(), 2u);
  EXPECT_EQ(swept.points[0].scenario.io_wq.cpus_allowed, 4);
  EXPECT_EQ(swept.points[1].scenario.io_wq.cpus_allowed, 0);
  // A swept value above the point's cpus is caught at that point.
  EXPECT_EQ(config_error(R"({"machine": {"cpus": 16}, "io_wq": {"pending_create": 0},
      "sweep": {"grid": {"io_wq.cpus_allowed": [4, 32]}}})"),
            "t.json: /sweep/grid/io_wq.cpus_allowed/1: must be <= machine.cpus (16), got 32");
}

struct BadProfile {
  std::string change;  // one field of profile() replaced or added
  const char* message;
};

TEST(NodeProfileTest, RejectsEachBadProfileWithItsExactMessage) {
  const BadProfile rows[] = {
      {R"("l1ns": 1)", "t.json: /costs/node_visit_ns/l1ns: unknown key; did you mean 'l1_ns'?"},
      {R"("latency": 1)",
       "t.json: /costs/node_visit_ns/latency: unknown key (known: l1_ns, l2_ns, l3_ns, dram_ns, "
       "l1_bytes, l2_bytes, l3_bytes, node_bytes)"},
      {R"("l1_ns": 0)", "t.json: /costs/node_visit_ns/l1_ns: must be > 0, got 0"},
      {R"("l1_ns": "fast")", R"(t.json: /costs/node_visit_ns/l1_ns: must be a number, got "fast")"},
      {R"("dram_ns": 2e9)",
       "t.json: /costs/node_visit_ns/dram_ns: must be <= 1000000000, got 2000000000.0"},
      {R"("l2_ns": 1.25)", "t.json: /costs/node_visit_ns/l2_ns: must be >= l1_ns (1.5), got 1.25"},
      {R"("l3_ns": 3)", "t.json: /costs/node_visit_ns/l3_ns: must be >= l2_ns (4), got 3"},
      {R"("dram_ns": 18)",
       "t.json: /costs/node_visit_ns/dram_ns: must be >= l3_ns (18.25), got 18"},
      {R"("l1_bytes": 0)", "t.json: /costs/node_visit_ns/l1_bytes: must be >= 1, got 0"},
      {R"("l1_bytes": 1.5)", "t.json: /costs/node_visit_ns/l1_bytes: must be an integer, got 1.5"},
      {R"("l2_bytes": 49152)",
       "t.json: /costs/node_visit_ns/l2_bytes: must be > l1_bytes (49152), got 49152"},
      {R"("l3_bytes": 1048576)",
       "t.json: /costs/node_visit_ns/l3_bytes: must be > l2_bytes (2097152), got 1048576"},
      {R"("l3_bytes": 2199023255552)",
       "t.json: /costs/node_visit_ns/l3_bytes: must be <= 1099511627776, got 2199023255552"},
      {R"("node_bytes": 4)", "t.json: /costs/node_visit_ns/node_bytes: must be >= 8, got 4"},
      {R"("node_bytes": 8192)",
       "t.json: /costs/node_visit_ns/node_bytes: must be <= 4096, got 8192"},
  };
  for (const BadProfile& row : rows) {
    SCOPED_TRACE(row.change);
    EXPECT_EQ(config_error(with_profile(profile(row.change))), row.message);
  }
  // A missing field is named; the value shown is the object given.
  EXPECT_EQ(config_error(with_profile(R"({"l1_ns": 1, "l2_ns": 2, "l3_ns": 3, "dram_ns": 4,
      "l1_bytes": 10, "l2_bytes": 20, "l3_bytes": 30})")),
            "t.json: /costs/node_visit_ns: needs \"node_bytes\", got {\"l1_ns\":1,\"l2_ns\":2,"
            "\"l3_ns\":3,\"dram_ns\":4,\"l1_bytes\":10,\"l2_bytes\":20,\"l3_bytes\":30}");
  // From --set, the error names --set.
  EXPECT_EQ(config_error("{}", {"costs.node_visit_ns=" + profile(R"("l1_ns": -1)")}),
            "--set: /costs/node_visit_ns/l1_ns: must be > 0, got -1");
}

}  // namespace
}  // namespace twsim
