// Tests of --set KEY=VALUE overrides (sim/io/json_io.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/io/json_io.h"
#include "tests/io/config_test_util.h"

namespace twsim {
namespace {

TEST(ConfigOverrideTest, NumberReplacesTheFileValue) {
  // Given cpus 192 in the file and --set machine.cpus=64, then 64 cpus and 4 x 64 workers.
  const ExperimentConfig c = parse_config(R"({"machine": {"cpus": 192}})", {"machine.cpus=64"});
  EXPECT_EQ(c.points[0].scenario.machine.cpus, 64);
  EXPECT_EQ(c.points[0].scenario.io_wq.workers, 256);
}

TEST(ConfigOverrideTest, CreatesMissingSections) {
  // Given no lock section, then --set lock.kind=ticket creates it.
  EXPECT_EQ(parse_config("{}", {"lock.kind=ticket"}).points[0].scenario.lock.kind,
            LockKind::kTicket);
}

TEST(ConfigOverrideTest, ValueThatIsNotJsonIsAString) {
  // Given words that are not JSON, then they are strings.
  const ExperimentConfig c =
      parse_config("{}", {"kernel.preempt=full", "description=why not, then?", "name=run-2"});
  EXPECT_EQ(c.points[0].scenario.kernel.preempt, Preempt::kFull);
  EXPECT_EQ(c.description, "why not, then?");
  EXPECT_EQ(c.name, "run-2");
}

TEST(ConfigOverrideTest, StringKeysTakeTheTextEvenIfItLooksLikeJson) {
  // Given name=2024 (JSON for a number), then the name is the string "2024";
  // a quoted JSON string is unquoted.
  EXPECT_EQ(parse_config("{}", {"name=2024"}).name, "2024");
  EXPECT_EQ(parse_config("{}", {"name=\"quoted\""}).name, "quoted");
  EXPECT_EQ(parse_config("{}", {"description=[1, 2]"}).description, "[1, 2]");
}

TEST(ConfigOverrideTest, JsonValuesParse) {
  // Given true, a float and an object, then they are JSON values.
  const ExperimentConfig c =
      parse_config("{}", {"kernel.softlockup_detector=false", "costs.node_visit_ns=2.5",
                          R"(machine={"cpus": 8, "sockets": 2})", "io_wq.pending_create=0"});
  const ScenarioConfig& s = c.points[0].scenario;
  EXPECT_FALSE(s.kernel.softlockup_detector);
  EXPECT_EQ(s.costs.node_visit_ns, 2.5);
  EXPECT_EQ(s.machine.cpus, 8);
  EXPECT_EQ(s.machine.sockets, 2);
  EXPECT_EQ(s.machine.nominal_ghz, 2.1);  // the whole section was replaced; the rest defaults
}

TEST(ConfigOverrideTest, LastOverrideWins) {
  EXPECT_EQ(
      parse_config("{}", {"machine.cpus=8", "machine.cpus=16"}).points[0].scenario.machine.cpus,
      16);
}

TEST(ConfigOverrideTest, BadValueIsBlamedOnSet) {
  // Given --set machine.cpus=0, then the error names --set, not the file.
  EXPECT_EQ(config_error(R"({"machine": {"cpus": 192}})", {"machine.cpus=0"}),
            "--set: /machine/cpus: must be >= 1, got 0");
  EXPECT_EQ(config_error("{}", {"machine.cpus=abc"}),
            R"(--set: /machine/cpus: must be an integer, got "abc")");
  EXPECT_EQ(config_error("{}", {"machine.cpus="}),
            R"(--set: /machine/cpus: must be an integer, got "")");
  EXPECT_EQ(config_error("{}", {"machine=5"}), "--set: /machine: must be an object, got 5");
}

TEST(ConfigOverrideTest, FileErrorsStillNameTheFile) {
  // Given a bad file value and an unrelated --set, then the error names the file.
  EXPECT_EQ(config_error(R"({"kernel": {"preempt": "x"}})", {"machine.cpus=4"}),
            R"(t.json: /kernel/preempt: must be one of none, voluntary, full, lazy, got "x")");
  EXPECT_EQ(config_error(R"({"machine": 5})", {"machine.cpus=4"}),
            "t.json: /machine: must be an object, got 5");
}

TEST(ConfigOverrideTest, UnknownKeySuggestsTheNearestOne) {
  EXPECT_EQ(config_error("{}", {"machine.cpu=4"}),
            "--set: /machine/cpu: unknown key; did you mean 'cpus'?");
  EXPECT_EQ(config_error("{}", {"mahcine.cpus=4"}),
            "--set: /mahcine: unknown key; did you mean 'machine'?");
  EXPECT_EQ(config_error("{}", {"cpus=4"}),
            R"(--set: /cpus: unknown key; it belongs in "machine")");
  EXPECT_EQ(config_error("{}", {"machine.cpus.max=4"}),
            "--set: /machine/cpus/max: unknown key; machine.cpus has no keys inside it");
  EXPECT_EQ(config_error("{}", {"name.first=x"}),
            "--set: /name/first: unknown key; name has no keys inside it");
  EXPECT_EQ(config_error("{}", {"sweep.gird.machine.cpus=[1]"}),
            "--set: /sweep/gird: unknown key; did you mean 'grid'?");
  EXPECT_EQ(config_error("{}", {"x=1"}),
            "--set: /x: unknown key (known: name, description, seed, replications, algorithms, "
            "horizon_s, machine, kernel, lock, costs, task_work, io_wq, background, sweep)");
}

TEST(ConfigOverrideTest, MalformedOverride) {
  EXPECT_EQ(config_error("{}", {"machine.cpus"}),
            R"(--set: must be KEY=VALUE, got "machine.cpus")");
  EXPECT_EQ(config_error("{}", {"=4"}), R"(--set: must be KEY=VALUE, got "=4")");
}

TEST(ConfigOverrideTest, InvalidUtf8IsRejected) {
  EXPECT_EQ(config_error("{}", {"description=\xff\xfe"}),
            "--set: /description: must be valid UTF-8");
}

TEST(ConfigOverrideTest, SettingASweptKeyPinsIt) {
  // Given a sweep over cpus and --set machine.cpus=64, then one point at 64 cpus.
  const ExperimentConfig c = parse_config(
      R"({"sweep": {"grid": {"machine.cpus": [16, 32], "kernel.preempt": ["none", "full"]}}})",
      {"machine.cpus=64"});
  EXPECT_EQ(c.swept, std::vector<std::string>{"kernel.preempt"});
  ASSERT_EQ(c.points.size(), 2u);
  EXPECT_EQ(c.points[0].scenario.machine.cpus, 64);
  EXPECT_EQ(c.points[1].scenario.machine.cpus, 64);
}

TEST(ConfigOverrideTest, WorkersReplacesWorkersPerCpu) {
  // Given workers_per_cpu in the file and --set io_wq.workers=100, then 100 workers.
  EXPECT_EQ(parse_config(R"({"io_wq": {"workers_per_cpu": 2}})", {"io_wq.workers=100"})
                .points[0]
                .scenario.io_wq.workers,
            100);
  // And the other way round: 0.5 x 192 cpus = 96.
  EXPECT_EQ(
      parse_config(R"({"io_wq": {"workers": 100}, "sweep": {"zip": {"io_wq.workers": [80, 90]}}})",
                   {"io_wq.workers_per_cpu=0.5"})
          .points[0]
          .scenario.io_wq.workers,
      96);
}

TEST(ConfigOverrideTest, SetsASweepList) {
  // Given --set sweep.grid.machine.cpus=[16,32], then two points; a bad value there names --set.
  const ExperimentConfig c = parse_config("{}", {"sweep.grid.machine.cpus=[16,32]"});
  ASSERT_EQ(c.points.size(), 2u);
  EXPECT_EQ(c.points[1].scenario.machine.cpus, 32);
  EXPECT_EQ(config_error("{}", {"sweep.grid.machine.cpus=[16,0]"}),
            "--set: /sweep/grid/machine.cpus/1: must be >= 1, got 0");
  EXPECT_EQ(config_error("{}", {"sweep.grid.machine.cpu=[16]"}),
            "--set: /sweep/grid/machine.cpu: unknown key; did you mean 'machine.cpus'?");
  // --set sweep={} drops the sweep.
  EXPECT_EQ(parse_config(R"({"sweep": {"grid": {"machine.cpus": [16, 32]}}})", {"sweep={}"})
                .points.size(),
            1u);
}

}  // namespace
}  // namespace twsim
