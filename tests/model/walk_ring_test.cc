// The walk ring (sim/model/walk_ring.h): the old teardown's queue of full
// walks computed in closed form. Results must be byte-identical with it on and
// off: every result file of every shipped config and of seeded random
// scenarios is compared, and the ring must really take events. A small ring
// is also checked against its closed form worked by hand.
#include "sim/model/walk_ring.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "sim/core/fast_forward.h"
#include "sim/experiment/experiment_runner.h"
#include "sim/io/json_io.h"
#include "sim/io/results_io.h"
#include "sim/model/run_context.h"
#include "sim/model/worker.h"
#include "tests/io/scratch_dir.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

// Restores the switch whatever a test does with it.
class FastForwardSwitch {
 public:
  explicit FastForwardSwitch(bool on) : before_(fast_forward_enabled()) { set_fast_forward(on); }
  ~FastForwardSwitch() { set_fast_forward(before_); }
  FastForwardSwitch(const FastForwardSwitch&) = delete;
  FastForwardSwitch& operator=(const FastForwardSwitch&) = delete;

 private:
  bool before_;
};

// The result files that must not change (results.json holds wall times).
const char* const kFiles[] = {"runs.csv", "summary.csv", "ratios.csv", "irqoff_ccdf.csv",
                              "reports.txt"};

// Every result file of `config` run with fast-forward `on`, plus lock_stat.txt;
// *events gets the events the ring computed.
std::vector<std::string> result_files(const ExperimentConfig& config, bool on,
                                      const std::filesystem::path& dir, std::uint64_t* events) {
  FastForwardSwitch ff(on);
  RunnerOptions options;
  options.jobs = 2;
  ExperimentResults results;
  run_experiment(config, options, &results);
  *events = results.timing.events_fast_forwarded;
  std::string err;
  const Provenance provenance{"0.1.0", "abc123", "0123456789abcdef", "Release", "testhost"};
  EXPECT_TRUE(write_results(dir, config, results, provenance, &err)) << err;
  std::vector<std::string> files;
  for (const char* f : kFiles) files.push_back(slurp(dir / f));
  files.push_back(lock_stat_txt(config, summarise_experiment(config, results)));
  return files;
}

// The events the ring computed with it on.
std::uint64_t expect_identical(const ExperimentConfig& config, const std::string& what) {
  ScratchDir scratch("walk_ring");
  std::uint64_t ring_on = 0;
  std::uint64_t ring_off = 0;
  const auto on = result_files(config, true, scratch.path() / "on", &ring_on);
  const auto off = result_files(config, false, scratch.path() / "off", &ring_off);
  EXPECT_EQ(ring_off, 0u) << what << ": the switch is off";
  EXPECT_FALSE(on[0].empty()) << what << ": runs.csv";
  for (std::size_t i = 0; i < on.size(); ++i) {
    EXPECT_EQ(on[i], off[i]) << what << ": "
                             << (i < std::size(kFiles) ? kFiles[i] : "lock_stat.txt")
                             << " differs with fast-forward on and off";
  }
  return ring_on;
}

TEST(WalkRingTest, ShippedConfigsIdenticalOnAndOff) {
  std::uint64_t ring = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(TWSIM_SOURCE_DIR) + "/configs")) {
    if (entry.path().extension() != ".json") continue;  // configs/scale/ is a directory
    const ExperimentConfig config = load_experiment(entry.path().string(), {"replications=2"});
    ring += expect_identical(config, entry.path().filename().string());
  }
  EXPECT_GT(ring, 10000u);
}

// One random small scenario as an experiment file: every lock kind, layout,
// exit kind and algorithm; pushes, drains, background wakeups, racing creates
// and create_cont retries, a restricted cpuset, both preemption models.
std::string random_scenario(std::mt19937_64* rng, int index, bool ring_friendly) {
  auto pick = [&](std::initializer_list<const char*> xs) {
    return std::string(xs.begin()[(*rng)() % xs.size()]);
  };
  auto between = [&](int lo, int hi) { return lo + static_cast<int>((*rng)() % (hi - lo + 1)); };
  const int cpus = between(1, 12);
  const int workers = ring_friendly ? between(cpus, 60) : between(0, 30);
  const int pending = std::min(workers, between(0, 2));
  const int racing = std::min(workers - pending, between(0, 3 - pending));
  const int cancel_us = between(0, 2) * 50;
  const std::string drain =
      between(0, 2) == 0 ? std::to_string(between(0, cancel_us)) : "\"never\"";
  return std::string("{\"name\":\"random") + std::to_string(index) +
         "\",\"seed\":" + std::to_string(between(1, 1000)) + ",\"replications\":2,\"algorithms\":" +
         (ring_friendly ? std::string("[\"old\"]")
                        : std::string("[\"old\",\"single-pass\",\"exit-test\",\"new\"]")) +
         ","
         "\"horizon_s\":" +
         pick({"2", "30"}) + ",\"machine\":{\"cpus\":" + std::to_string(cpus) +
         ",\"sockets\":" + std::to_string(cpus % 2 == 0 ? between(1, 2) : 1) +
         ",\"nominal_ghz\":2.1,\"actual_ghz\":2.1},\"kernel\":{\"preempt\":" +
         pick({"\"lazy\"", "\"none\"", "\"full\""}) +
         ",\"watchdog_thresh_s\":" + pick({"1", "10"}) +
         ",\"hardlockup_detector\":" + pick({"\"perf\"", "\"buddy\""}) +
         ",\"softlockup_detector\":true,\"rcu_stall_timeout_s\":21},\"lock\":{\"kind\":" +
         (ring_friendly ? std::string("\"qspinlock\"")
                        : pick({"\"qspinlock\"", "\"ticket\"", "\"tas\"", "\"pv-qspinlock\""})) +
         ",\"handoff_ns\":" + pick({"0", "60", "100"}) +
         ",\"remote_handoff_ns\":" + pick({"60", "140"}) +
         "},\"costs\":{\"node_visit_ns\":" + pick({"10", "400"}) +
         ",\"unlink_ns\":" + pick({"0", "100"}) + ",\"cancel_cb_ns\":" + pick({"300", "2000"}) +
         ",\"worker_exit_ns\":" + pick({"0", "20000", "50000"}) +
         "},\"task_work\":{\"unrelated\":" +
         (ring_friendly ? pick({"5000", "100000"}) : pick({"0", "50", "5000", "100000"})) +
         ",\"create_layout\":" + pick({"\"uniform\"", "\"newest\"", "\"oldest\""}) +
         ",\"add_rate_hz\":" + pick({"0", "0", "100000"}) + ",\"drain_us\":" + drain +
         "},\"io_wq\":{\"workers\":" + std::to_string(workers) +
         ",\"pending_create\":" + std::to_string(pending) +
         ",\"racing_create\":" + std::to_string(racing) +
         ",\"create_cont\":" + pick({"0", "0", "3"}) +
         ",\"exit\":" + pick({"\"group\"", "\"thread\""}) +
         ",\"cancel_start_us\":" + std::to_string(cancel_us) +
         ",\"running_workers\":" + std::to_string(between(0, workers - racing)) +
         ",\"cpus_allowed\":" + std::to_string(between(1, cpus)) +
         ",\"wake_jitter_us\":" + pick({"0", "50"}) +
         "},\"background\":{\"wakeups_hz\":" + pick({"0", "0", "20000"}) +
         ",\"wakeup_hold_ns\":" + pick({"400", "1000"}) + "}}";
}

TEST(WalkRingTest, RandomScenariosIdenticalOnAndOff) {
  // Half of any kind, half of the kind a ring can take (the old teardown on
  // a qspinlock; with and without pushes and background wakeups, which a
  // ring must step around), where the ring must take events.
  std::mt19937_64 rng(20261201);
  std::uint64_t ring = 0;
  for (int i = 0; i < 60; ++i) {
    const bool ring_friendly = i % 2 == 1;
    const std::string text = random_scenario(&rng, i, ring_friendly);
    SCOPED_TRACE(text);
    const ExperimentConfig config = parse_experiment(text, "random" + std::to_string(i), {});
    ring += expect_identical(config, "random scenario " + std::to_string(i));
  }
  EXPECT_GT(ring, 1000u);
}

// Six workers with no create_work woken at once, no submitter, the ring on
// if `on` (the caller queues anything else and runs it).
struct SmallRing {
  SmallRing(const ScenarioConfig& s, bool on) : ff(on), ctx(s, Algorithm::kOld, 1, 0) {
    workers.reserve(6);  // they must not move once woken
    for (int i = 0; i < 6; ++i) workers.emplace_back(&ctx, i);
    for (Worker& w : workers) w.wake_after(0);
  }
  FastForwardSwitch ff;
  RunContext ctx;
  std::vector<Worker> workers;
  WalkRing ring{&ctx, &workers, /*faulty=*/false};
};

// Two CPUs, six workers woken at once with no create_work and no submitter:
// a ring from the start. By the queued spinlock's rules (pi_lock.h) each
// grant comes one handoff (100 ns) after the previous release, every walk
// takes the same time, and worker k >= 2 calls on the CPU worker k - 2 freed,
// worker_exit_ns (20 us) after that one's release.
//
// Afterwards eight CPUs outside the workers' cpuset call pi_lock in the same
// nanosecond: their order comes from the lock calls' tie draws, which the
// ring must have drawn as stepping does, one per lock call.
TEST(WalkRingTest, SmallRingFollowsItsClosedForm) {
  ScenarioConfig s = hand_worked_scenario(6);
  s.machine.cpus = 10;
  s.io_wq.cpus_allowed = 2;
  s.task_work.unrelated = 10'000;
  std::vector<LockCall> calls[2];
  std::uint64_t events[2];
  for (const bool on : {true, false}) {
    SmallRing small(s, on);
    RunContext& ctx = small.ctx;
    ctx.after(seconds_to_ns(1), [&ctx] {
      for (int cpu = 2; cpu < 10; ++cpu) {
        ctx.locked_call(
            cpu, Role::kBackground, KernelFn::kTryToWakeUp, CallSite::kTtwu,
            [] { return Ns{1000}; }, [] {});
      }
    });
    ctx.run_until(seconds_to_ns(600));
    calls[on] = ctx.lock_calls();
    events[on] = ctx.events_run();
    if (on) {
      EXPECT_GT(small.ring.events(), 10u);
    } else {
      EXPECT_EQ(small.ring.events(), 0u);
    }
  }
  EXPECT_EQ(events[true], events[false]);
  ASSERT_EQ(calls[true].size(), 14u);
  ASSERT_EQ(calls[false].size(), 14u);
  for (std::size_t k = 6; k < 14; ++k) {
    EXPECT_EQ(calls[true][k].cpu, calls[false][k].cpu) << "simultaneous call " << k;
  }
  const Ns walk = calls[true][0].released - calls[true][0].granted;
  EXPECT_GT(walk, 20'000 - 100);  // the ring's order: the next call comes before the release
  for (std::size_t k = 0; k < 6; ++k) {
    const LockCall& c = calls[true][k];
    const LockCall& step = calls[false][k];
    EXPECT_EQ(c.cpu, step.cpu);
    EXPECT_EQ(c.called, step.called);
    EXPECT_EQ(c.granted, step.granted);
    EXPECT_EQ(c.released, step.released);
    EXPECT_EQ(c.nodes, 10'000);
    EXPECT_EQ(c.released - c.granted, walk) << k;
    if (k >= 1) {
      EXPECT_EQ(c.granted, calls[true][k - 1].released + 100) << k;
    }
    if (k >= 2) {
      EXPECT_EQ(c.called, calls[true][k - 2].released + 20'000) << k;
    }
  }
}

// A run that ends (run_until's end, the horizon) between a release and the
// released worker's end: the ring must leave that end, and the next worker's
// start and lock call, unrun, as stepping does. Every release of the small
// ring is tried, with the end half an exit after it.
TEST(WalkRingTest, StopsWhereTheRunEnds) {
  ScenarioConfig s = hand_worked_scenario(6);
  s.machine.cpus = 2;
  s.task_work.unrelated = 10'000;
  struct Outcome {
    std::vector<LockCall> calls;
    std::uint64_t events;
    Ns max_irqoff;
  };
  const auto run = [&](bool on, Ns end) {
    SmallRing small(s, on);
    small.ctx.run_until(end);
    const RunMetrics m = small.ctx.collect(end);
    return Outcome{small.ctx.lock_calls(), small.ctx.events_run(), m.max_irqoff_ns};
  };
  const Outcome whole = run(false, seconds_to_ns(1));
  ASSERT_EQ(whole.calls.size(), 6u);
  for (const LockCall& c : whole.calls) {
    const Ns end = c.released + 10'000;  // worker_exit_ns is 20 us
    const Outcome on = run(true, end);
    const Outcome off = run(false, end);
    EXPECT_EQ(on.events, off.events) << "end " << end;
    EXPECT_EQ(on.max_irqoff, off.max_irqoff) << "end " << end;
    ASSERT_EQ(on.calls.size(), off.calls.size()) << "end " << end;
    for (std::size_t k = 0; k < on.calls.size(); ++k) {
      EXPECT_EQ(on.calls[k].released, off.calls[k].released) << "end " << end;
    }
  }
}

}  // namespace
}  // namespace twsim
