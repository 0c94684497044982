// Tests of sweep expansion (sim/io/sweep.h through json_io.h): point order,
// generated lists, per-point resolution and per-point errors. Expected values
// are worked out by hand in the comments.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "sim/io/json_io.h"
#include "tests/io/config_test_util.h"

namespace twsim {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

// Each point's params.
std::vector<Params> params_of(const ExperimentConfig& c) {
  std::vector<Params> out;
  for (const Point& p : c.points) out.push_back(p.params);
  return out;
}

// The value of one swept key at each point.
std::vector<std::string> values_of(const ExperimentConfig& c) {
  std::vector<std::string> out;
  for (const Point& p : c.points) out.push_back(p.params.at(0).second);
  return out;
}

TEST(SweepTest, NoSweepIsOnePointWithNoParams) {
  const ExperimentConfig c = parse_config(R"({"sweep": {}})");
  ASSERT_EQ(c.points.size(), 1u);
  EXPECT_TRUE(c.points[0].params.empty());
  EXPECT_TRUE(c.swept.empty());
}

TEST(SweepTest, GridFirstKeyVariesSlowest) {
  // Given grid {cpus: [16, 32], preempt: [none, full]}, then the points are the
  // nested loops in the file's order: cpus outside, preempt inside.
  const ExperimentConfig c = parse_config(
      R"({"sweep": {"grid": {"machine.cpus": [16, 32], "kernel.preempt": ["none", "full"]}}})");
  EXPECT_EQ(c.swept, (std::vector<std::string>{"machine.cpus", "kernel.preempt"}));
  EXPECT_EQ(params_of(c), (std::vector<Params>{
                              {{"machine.cpus", "16"}, {"kernel.preempt", R"("none")"}},
                              {{"machine.cpus", "16"}, {"kernel.preempt", R"("full")"}},
                              {{"machine.cpus", "32"}, {"kernel.preempt", R"("none")"}},
                              {{"machine.cpus", "32"}, {"kernel.preempt", R"("full")"}},
                          }));
  EXPECT_EQ(c.points[2].scenario.machine.cpus, 32);
  EXPECT_EQ(c.points[2].scenario.kernel.preempt, Preempt::kNone);
  EXPECT_EQ(c.points[3].scenario.kernel.preempt, Preempt::kFull);
}

TEST(SweepTest, GridKeyOrderIsTheFilesNotAlphabetical) {
  // Given the same grid with preempt first, then preempt varies slowest.
  const ExperimentConfig c = parse_config(
      R"({"sweep": {"grid": {"kernel.preempt": ["none", "full"], "machine.cpus": [16, 32]}}})");
  EXPECT_EQ(c.swept, (std::vector<std::string>{"kernel.preempt", "machine.cpus"}));
  EXPECT_EQ(params_of(c), (std::vector<Params>{
                              {{"kernel.preempt", R"("none")"}, {"machine.cpus", "16"}},
                              {{"kernel.preempt", R"("none")"}, {"machine.cpus", "32"}},
                              {{"kernel.preempt", R"("full")"}, {"machine.cpus", "16"}},
                              {{"kernel.preempt", R"("full")"}, {"machine.cpus", "32"}},
                          }));
}

TEST(SweepTest, ZipAdvancesInLockstep) {
  // Given zip {cpus: [16, 32, 64], unrelated: [1000, 2000, 3000]}, then 3 points, not 9.
  const ExperimentConfig c = parse_config(
      R"({"sweep": {"zip": {"machine.cpus": [16, 32, 64], "task_work.unrelated": [1000, 2000, 3000]}}})");
  EXPECT_EQ(params_of(c), (std::vector<Params>{
                              {{"machine.cpus", "16"}, {"task_work.unrelated", "1000"}},
                              {{"machine.cpus", "32"}, {"task_work.unrelated", "2000"}},
                              {{"machine.cpus", "64"}, {"task_work.unrelated", "3000"}},
                          }));
  EXPECT_EQ(c.points[1].scenario.task_work.unrelated, 2000);
}

TEST(SweepTest, ZipLabelNamesEachRowWhateverItsPlaceInTheObject) {
  // Given a zip of two rows named "debug" and "production" ("label" sorts
  // before and after the keys: JSON objects are unordered) under a grid of 2,
  // then point p has the label of its zip row, p % 2.
  for (
      const char* json :
      {R"({"sweep": {"grid": {"kernel.preempt": ["none", "full"]}, "zip": {"label": ["debug", "production"], "costs.node_visit_ns": [400, 100]}}})",
       R"({"sweep": {"grid": {"kernel.preempt": ["none", "full"]}, "zip": {"costs.node_visit_ns": [400, 100], "label": ["debug", "production"]}}})"}) {
    SCOPED_TRACE(json);
    const ExperimentConfig c = parse_config(json);
    EXPECT_TRUE(c.labelled);
    EXPECT_EQ(c.swept, (std::vector<std::string>{"kernel.preempt", "costs.node_visit_ns"}));
    std::vector<std::string> labels;
    for (const Point& p : c.points) labels.push_back(p.label);
    EXPECT_EQ(labels, (std::vector<std::string>{"debug", "production", "debug", "production"}));
  }
  EXPECT_FALSE(parse_config(R"({"sweep": {"zip": {"machine.cpus": [16]}}})").labelled);
}

TEST(SweepTest, GridTimesZipWithGridOutermost) {
  // Given grid {preempt: [none, full]} and zip {cpus: [16, 32], unrelated: [1, 2]},
  // then 2 x 2 points: each preempt with each zip row.
  const ExperimentConfig c = parse_config(R"({"sweep": {
      "zip": {"machine.cpus": [16, 32], "task_work.unrelated": [1, 2]},
      "grid": {"kernel.preempt": ["none", "full"]}}})");
  EXPECT_EQ(c.swept,
            (std::vector<std::string>{"kernel.preempt", "machine.cpus", "task_work.unrelated"}));
  EXPECT_EQ(
      params_of(c),
      (std::vector<Params>{
          {{"kernel.preempt", R"("none")"}, {"machine.cpus", "16"}, {"task_work.unrelated", "1"}},
          {{"kernel.preempt", R"("none")"}, {"machine.cpus", "32"}, {"task_work.unrelated", "2"}},
          {{"kernel.preempt", R"("full")"}, {"machine.cpus", "16"}, {"task_work.unrelated", "1"}},
          {{"kernel.preempt", R"("full")"}, {"machine.cpus", "32"}, {"task_work.unrelated", "2"}},
      }));
}

TEST(SweepTest, LogPointsDoubleFrom16To512) {
  // Given log [16, 512] with 6 points, then ratio (512/16)^(1/5) = 2: 16 ... 512.
  const ExperimentConfig c =
      parse_config(R"({"sweep": {"grid": {"machine.cpus": {"log": [16, 512], "points": 6}}}})");
  EXPECT_EQ(values_of(c), (std::vector<std::string>{"16", "32", "64", "128", "256", "512"}));
  EXPECT_EQ(c.points[5].scenario.machine.cpus, 512);
  EXPECT_EQ(c.points[5].scenario.io_wq.workers, 2048);  // 4 x 512
}

TEST(SweepTest, LogOnAnIntegerKeyRoundsAndDropsRepeats) {
  // Given log [1, 4] with 10 points on cpus: 4^(i/9) = 1, 1.17, 1.36, 1.59, 1.85,
  // 2.16, 2.52, 2.94, 3.43, 4 rounds to 1 1 1 2 2 2 3 3 3 4, then 1, 2, 3, 4.
  const ExperimentConfig c = parse_config(R"({"io_wq": {"pending_create": 0},
      "sweep": {"grid": {"machine.cpus": {"log": [1, 4], "points": 10}}}})");
  EXPECT_EQ(values_of(c), (std::vector<std::string>{"1", "2", "3", "4"}));
}

TEST(SweepTest, LogOnANumberKey) {
  // Given log [1, 100] with 3 points on workers_per_cpu, then 1, 10, 100, written
  // as integers; at 192 cpus that is 192, 1920 and 19200 workers.
  const ExperimentConfig c = parse_config(
      R"({"sweep": {"grid": {"io_wq.workers_per_cpu": {"log": [1, 100], "points": 3}}}})");
  EXPECT_EQ(values_of(c), (std::vector<std::string>{"1", "10", "100"}));
  EXPECT_EQ(c.points[0].scenario.io_wq.workers, 192);
  EXPECT_EQ(c.points[1].scenario.io_wq.workers, 1920);
  EXPECT_EQ(c.points[2].scenario.io_wq.workers, 19200);
  // log [1, 2] with 3 points: the middle is sqrt(2) = 1.41421356237309504..., kept to
  // 15 significant digits: 1.41421356237310, written 1.4142135623731.
  const ExperimentConfig h =
      parse_config(R"({"sweep": {"grid": {"horizon_s": {"log": [1, 2], "points": 3}}}})");
  EXPECT_EQ(values_of(h), (std::vector<std::string>{"1", "1.4142135623731", "2"}));
  EXPECT_EQ(h.points[1].scenario.horizon_s, 1.4142135623731);
}

TEST(SweepTest, IntegerRange) {
  // Given range [16, 64, 16], then 16, 32, 48, 64; with hi 60, then 16, 32, 48.
  EXPECT_EQ(
      values_of(parse_config(R"({"sweep": {"grid": {"machine.cpus": {"range": [16, 64, 16]}}}})")),
      (std::vector<std::string>{"16", "32", "48", "64"}));
  EXPECT_EQ(
      values_of(parse_config(R"({"sweep": {"grid": {"machine.cpus": {"range": [16, 60, 16]}}}})")),
      (std::vector<std::string>{"16", "32", "48"}));
  EXPECT_EQ(
      values_of(parse_config(R"({"sweep": {"grid": {"machine.cpus": {"range": [16, 16, 16]}}}})")),
      (std::vector<std::string>{"16"}));
}

TEST(SweepTest, FloatRange) {
  // Given range [0.5, 2, 0.5] on workers_per_cpu, then 0.5, 1, 1.5, 2 and at 192
  // cpus 96, 192, 288, 384 workers.
  const ExperimentConfig c =
      parse_config(R"({"sweep": {"grid": {"io_wq.workers_per_cpu": {"range": [0.5, 2, 0.5]}}}})");
  EXPECT_EQ(values_of(c), (std::vector<std::string>{"0.5", "1", "1.5", "2"}));
  EXPECT_EQ(c.points[0].scenario.io_wq.workers, 96);
  EXPECT_EQ(c.points[3].scenario.io_wq.workers, 384);
  // 0.1 + 2 x 0.1 is 0.30000000000000004 in binary; the range still ends at 0.3.
  EXPECT_EQ(
      values_of(parse_config(R"({"sweep": {"grid": {"horizon_s": {"range": [0.1, 0.3, 0.1]}}}})")),
      (std::vector<std::string>{"0.1", "0.2", "0.3"}));
}

TEST(SweepTest, WorkersPerCpuResolvesAtEachPoint) {
  // Given 0.3 per cpu and cpus [16, 24], then round(4.8) = 5 and round(7.2) = 7.
  const ExperimentConfig c =
      parse_config(R"({"io_wq": {"workers_per_cpu": 0.3, "pending_create": 3},
      "sweep": {"grid": {"machine.cpus": [16, 24]}}})");
  EXPECT_EQ(c.points[0].scenario.io_wq.workers, 5);
  EXPECT_EQ(c.points[1].scenario.io_wq.workers, 7);
}

TEST(SweepTest, SweepingWorkersDirectly) {
  // Given no worker count in io_wq and a sweep over io_wq.workers, then each point has it.
  const ExperimentConfig c = parse_config(R"({"io_wq": {"pending_create": 0},
      "sweep": {"grid": {"io_wq.workers": [8, 100]}}})");
  EXPECT_EQ(c.points[0].scenario.io_wq.workers, 8);
  EXPECT_EQ(c.points[1].scenario.io_wq.workers, 100);
}

TEST(SweepTest, IntegerKeyParamsDropTrailingZero) {
  // Given 64.0 for cpus, then the param reads 64; number keys keep what was written.
  const ExperimentConfig c = parse_config(
      R"({"sweep": {"zip": {"machine.cpus": [64.0], "io_wq.workers_per_cpu": [2.0]}}})");
  EXPECT_EQ(params_of(c),
            (std::vector<Params>{{{"machine.cpus", "64"}, {"io_wq.workers_per_cpu", "2.0"}}}));
}

TEST(SweepTest, PointResolvedJsonIsItsCanonicalScenario) {
  const ExperimentConfig c = parse_config(R"({"sweep": {"grid": {"machine.cpus": [16, 32]}}})");
  ASSERT_EQ(c.points.size(), 2u);
  EXPECT_EQ(c.points[0].resolved_json, scenario_to_json(c.points[0].scenario));
  EXPECT_NE(c.points[0].resolved_json, c.points[1].resolved_json);
  EXPECT_NE(c.points[0].resolved_json.find(R"("cpus":16)"), std::string::npos);
  EXPECT_NE(c.points[0].resolved_json.find(R"("workers":64)"), std::string::npos);
}

TEST(SweepTest, PendingCreateAboveTheWorkersOfOnePoint) {
  // Given the default pending_create 2, 0.25 workers per cpu and cpus [16, 4],
  // then at 4 cpus there is round(0.25 x 4) = 1 worker, fewer than 2; the
  // error says which point.
  EXPECT_EQ(config_error(R"({"io_wq": {"workers_per_cpu": 0.25},
      "sweep": {"grid": {"machine.cpus": [16, 4]}}})"),
            "t.json: /io_wq/pending_create: must be <= io_wq.workers (1 = 0.25 per cpu x 4 cpus), "
            "got 2 (the default); at sweep point machine.cpus=4");
  // A swept pending_create is named at its sweep entry.
  EXPECT_EQ(config_error(R"({"io_wq": {"workers": 2},
      "sweep": {"grid": {"io_wq.pending_create": [1, 3]}}})"),
            "t.json: /sweep/grid/io_wq.pending_create/1: must be <= io_wq.workers (2), got 3");
}

struct BadSweep {
  const char* json;
  const char* message;
};

const BadSweep kBadSweeps[] = {
    {R"({"sweep": {"grid": {"machine.cpus": [16, 32, 2000000]}}})",
     "t.json: /sweep/grid/machine.cpus/2: must be <= 1048576, got 2000000"},
    {R"({"sweep": {"grid": {"kernel.preempt": ["none", "fast"]}}})",
     R"(t.json: /sweep/grid/kernel.preempt/1: must be one of none, voluntary, full, lazy, got "fast")"},
    {R"({"sweep": {"grid": {"machine.cpus": {"range": [0, 32, 16]}}}})",
     "t.json: /sweep/grid/machine.cpus: must be >= 1, got 0"},
    {R"({"machine": {"sockets": 2}, "sweep": {"grid": {"machine.cpus": [16, 17]}}})",
     "t.json: /machine/sockets: must divide machine.cpus (17) evenly, got 2; "
     "at sweep point machine.cpus=17"},
    {R"({"sweep": {"grid": {"machine.cpus": []}}})",
     "t.json: /sweep/grid/machine.cpus: must not be empty, got []"},
    {R"({"sweep": {"grid": {"machine.cpus": 16}}})",
     R"(t.json: /sweep/grid/machine.cpus: must be a list of values, {"log": [lo, hi], "points": n} or {"range": [lo, hi, step]}, got 16)"},
    {R"({"sweep": {"grid": {"kernel.preempt": {"log": [1, 2], "points": 2}}}})",
     R"(t.json: /sweep/grid/kernel.preempt: must be a list of values, got {"log":[1,2],"points":2})"},
    {R"({"sweep": {"grid": {"machine.cpus": [16, 32, 16]}}})",
     "t.json: /sweep/grid/machine.cpus/2: is already in the list at index 0, got 16"},
    {R"({"sweep": {"grid": {"machine.cpus": [16, 16.0]}}})",
     "t.json: /sweep/grid/machine.cpus/1: is already in the list at index 0, got 16.0"},
    {R"({"sweep": {"grid": {"machine.cpu": [16]}}})",
     "t.json: /sweep/grid/machine.cpu: unknown key; did you mean 'machine.cpus'?"},
    {R"({"sweep": {"grid": {"cpus": [16]}}})",
     "t.json: /sweep/grid/cpus: unknown key; did you mean 'machine.cpus'?"},
    {R"({"sweep": {"grid": {"banana": [16]}}})",
     "t.json: /sweep/grid/banana: unknown key; sweep keys are scenario keys such as machine.cpus"},
    {R"({"sweep": {"grid": {"seed": [1, 2]}}})",
     "t.json: /sweep/grid/seed: cannot be swept; only scenario keys such as machine.cpus"},
    {R"({"sweep": {"grid": {"machine": [{"cpus": 4}]}}})",
     "t.json: /sweep/grid/machine: cannot sweep a whole section; name one of its keys, such as "
     "'machine.cpus'"},
    {R"({"sweep": {"grid": {"machine.cpus": [16]}, "zip": {"machine.cpus": [32]}}})",
     "t.json: /sweep/zip/machine.cpus: already swept in sweep.grid"},
    {R"({"sweep": {"zip": {"machine.cpus": [16, 32, 64], "task_work.unrelated": [1, 2]}}})",
     "t.json: /sweep/zip/task_work.unrelated: must have as many values as machine.cpus (3), got 2"},
    {R"({"sweep": {"zip": {"machine.cpus": [16, 32, 64], "label": ["a", "b"]}}})",
     "t.json: /sweep/zip/label: must have as many names as machine.cpus has values (3), got 2"},
    {R"({"sweep": {"zip": {"machine.cpus": [16, 32], "label": ["a", ""]}}})",
     "t.json: /sweep/zip/label/1: must be a non-empty string, got \"\""},
    {R"({"sweep": {"zip": {"machine.cpus": [16, 32], "label": ["a", "a"]}}})",
     "t.json: /sweep/zip/label/1: is already in the list at index 0, got \"a\""},
    {R"({"sweep": {"zip": {"machine.cpus": [16, 32], "label": "ab"}}})",
     "t.json: /sweep/zip/label: must be a list of names, one per zip row, got \"ab\""},
    {R"({"sweep": {"grid": {"machine.cpus": [16]}, "zip": {"label": ["a"]}}})",
     "t.json: /sweep/zip/label: names the zip's rows, but the zip has no list to name"},
    {R"({"sweep": {"gird": {}}})", "t.json: /sweep/gird: unknown key; did you mean 'grid'?"},
    {R"({"sweep": [1]})", "t.json: /sweep: must be an object, got [1]"},
    {R"({"sweep": {"grid": [1]}})", "t.json: /sweep/grid: must be an object of KEY: list, got [1]"},
    {R"({"sweep": {"grid": {"machine.cpus": {"log": [16, 512]}}}})",
     R"(t.json: /sweep/grid/machine.cpus: needs "points", how many values from lo to hi, got {"log":[16,512]})"},
    {R"({"sweep": {"grid": {"machine.cpus": {"log": [16, 512], "points": 1}}}})",
     "t.json: /sweep/grid/machine.cpus/points: must be >= 2, got 1"},
    {R"({"sweep": {"grid": {"machine.cpus": {"log": [0, 512], "points": 3}}}})",
     "t.json: /sweep/grid/machine.cpus/log/0: must be > 0, got 0"},
    {R"({"sweep": {"grid": {"machine.cpus": {"log": [512, 16], "points": 3}}}})",
     "t.json: /sweep/grid/machine.cpus/log/1: must be >= lo (512), got 16"},
    {R"({"sweep": {"grid": {"machine.cpus": {"log": [16], "points": 3}}}})",
     "t.json: /sweep/grid/machine.cpus/log: must be [lo, hi], got [16]"},
    {R"({"sweep": {"grid": {"machine.cpus": {"log": [16, 512], "pionts": 3}}}})",
     "t.json: /sweep/grid/machine.cpus/pionts: unknown key; did you mean 'points'?"},
    {R"({"sweep": {"grid": {"machine.cpus": {"range": [16, 64, 0]}}}})",
     "t.json: /sweep/grid/machine.cpus/range/2: must be > 0, got 0"},
    {R"({"sweep": {"grid": {"machine.cpus": {"range": [16, 64, 0.5]}}}})",
     "t.json: /sweep/grid/machine.cpus/range/2: must be an integer, as machine.cpus is, got 0.5"},
    {R"({"sweep": {"grid": {"machine.cpus": {"range": [64, 16, 16]}}}})",
     "t.json: /sweep/grid/machine.cpus/range/1: must be >= lo (64), got 16"},
    {R"({"sweep": {"grid": {"machine.cpus": {"range": [16, 64]}}}})",
     "t.json: /sweep/grid/machine.cpus/range: must be [lo, hi, step], got [16,64]"},
    {R"({"sweep": {"grid": {"horizon_s": {"range": [0, 1e9, 1e-3]}}}})",
     "t.json: /sweep/grid/horizon_s/range: must give at most 1000000 values, got "
     "[0,1000000000.0,0.001]"},
    {R"({"sweep": {"grid": {"task_work.unrelated": {"range": [0, 1000, 1]},
                            "lock.handoff_ns": {"range": [0, 1000, 1]}}}})",
     "t.json: /sweep: must give at most 100000 points, got 1002001 points"},
    {R"({"io_wq": {"workers_per_cpu": 2}, "sweep": {"grid": {"io_wq.workers": [8]}}})",
     "t.json: /sweep/grid/io_wq.workers: cannot be swept while /io_wq/workers_per_cpu is given; "
     "remove one of them"},
    {R"({"sweep": {"grid": {"io_wq.workers": [8]}, "zip": {"io_wq.workers_per_cpu": [1]}}})",
     "t.json: /sweep/zip/io_wq.workers_per_cpu: cannot be swept together with io_wq.workers"},
};

TEST(SweepTest, RejectsEachBadSweepWithItsExactMessage) {
  for (const BadSweep& row : kBadSweeps) {
    SCOPED_TRACE(row.json);
    EXPECT_EQ(config_error(row.json), row.message);
  }
}

}  // namespace
}  // namespace twsim
