// Tests of reading one experiment (sim/io/json_io.h): good configs, defaults,
// and the exact message of each kind of bad input.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/io/json_io.h"
#include "tests/io/config_test_util.h"

namespace twsim {
namespace {

std::string data_path(const std::string& name) {
  return std::string(TWSIM_SOURCE_DIR) + "/tests/data/" + name;
}

TEST(ConfigTest, EmptyObjectGivesTheStructDefaults) {
  // Given {}, then every field has its documented default and there is one point.
  const ExperimentConfig c = parse_config("{}");
  EXPECT_EQ(c.name, "default");
  EXPECT_EQ(c.description, "");
  EXPECT_EQ(c.seed, 1u);
  EXPECT_EQ(c.replications, 20);
  EXPECT_EQ(c.algorithms, (std::vector<Algorithm>{Algorithm::kOld, Algorithm::kNew}));
  EXPECT_EQ(c.source_file, "t.json");
  EXPECT_TRUE(c.swept.empty());
  ASSERT_EQ(c.points.size(), 1u);
  EXPECT_TRUE(c.points[0].params.empty());
  const ScenarioConfig& s = c.points[0].scenario;
  EXPECT_EQ(s.horizon_s, 600);
  EXPECT_EQ(s.machine.cpus, 192);
  EXPECT_EQ(s.machine.sockets, 1);
  EXPECT_EQ(s.machine.nominal_ghz, 2.1);
  EXPECT_EQ(s.machine.actual_ghz, 2.1);
  EXPECT_EQ(s.kernel.preempt, Preempt::kLazy);
  EXPECT_EQ(s.kernel.watchdog_thresh_s, 10);
  EXPECT_EQ(s.kernel.hardlockup_detector, HardlockupDetector::kPerf);
  EXPECT_TRUE(s.kernel.softlockup_detector);
  EXPECT_EQ(s.kernel.rcu_stall_timeout_s, 21);
  EXPECT_EQ(s.lock.kind, LockKind::kQspinlock);
  EXPECT_EQ(s.lock.handoff_ns, 100);
  EXPECT_EQ(s.lock.remote_handoff_ns, 250);
  EXPECT_EQ(s.costs.node_visit_ns, 120);
  EXPECT_FALSE(s.costs.node_visit_profile.has_value());
  EXPECT_EQ(s.costs.debug_factor, 1);
  EXPECT_EQ(s.costs.unlink_ns, 30);
  EXPECT_EQ(s.costs.cancel_cb_ns, 300);
  EXPECT_EQ(s.costs.worker_exit_ns, 20000);
  EXPECT_EQ(s.costs.work_run_ns, 1000);
  EXPECT_EQ(s.task_work.unrelated, 200000);
  EXPECT_EQ(s.task_work.create_layout, CreateLayout::kUniform);
  EXPECT_EQ(s.task_work.add_rate_hz, 0);
  EXPECT_FALSE(s.task_work.drains());
  EXPECT_EQ(s.io_wq.workers, 768);  // the default 4 per cpu x 192 cpus
  EXPECT_EQ(s.io_wq.pending_create, 2);
  EXPECT_EQ(s.io_wq.racing_create, 0);
  EXPECT_EQ(s.io_wq.create_cont, 0);
  EXPECT_EQ(s.io_wq.exit, ExitKind::kGroup);
  EXPECT_EQ(s.io_wq.cancel_start_us, 0);
  EXPECT_EQ(s.io_wq.running_workers, 0);
  EXPECT_EQ(s.io_wq.wake_jitter_us, 50);
  EXPECT_EQ(s.io_wq.cpus_allowed, 0);  // all of machine.cpus
  EXPECT_EQ(s.background.wakeups_hz, 0);
  EXPECT_EQ(s.background.wakeup_hold_ns, 400);
}

TEST(ConfigTest, ReadsEveryKeyOfAFullFile) {
  // Given a file with every key away from its default, then each lands in its field.
  const ExperimentConfig c = load_experiment(data_path("config_full.json"), {});
  EXPECT_EQ(c.name, "full-config_1.0");
  EXPECT_EQ(c.description, "Every key given, none at its default.");
  EXPECT_EQ(c.seed, 18446744073709551615u);
  EXPECT_EQ(c.replications, 7);
  EXPECT_EQ(c.algorithms, std::vector<Algorithm>{Algorithm::kNew});
  EXPECT_EQ(c.source_file, data_path("config_full.json"));
  ASSERT_EQ(c.points.size(), 1u);
  const ScenarioConfig& s = c.points[0].scenario;
  EXPECT_EQ(s.horizon_s, 12.5);
  EXPECT_EQ(s.machine.cpus, 96);
  EXPECT_EQ(s.machine.sockets, 4);
  EXPECT_EQ(s.machine.nominal_ghz, 2.0);
  EXPECT_EQ(s.machine.actual_ghz, 3.1);
  EXPECT_EQ(s.kernel.preempt, Preempt::kVoluntary);
  EXPECT_EQ(s.kernel.watchdog_thresh_s, 20);
  EXPECT_EQ(s.kernel.hardlockup_detector, HardlockupDetector::kBuddyLegacy);
  EXPECT_FALSE(s.kernel.softlockup_detector);
  EXPECT_EQ(s.kernel.rcu_stall_timeout_s, 60.5);
  EXPECT_EQ(s.lock.kind, LockKind::kPvQspinlock);
  EXPECT_EQ(s.lock.handoff_ns, 0);
  EXPECT_EQ(s.lock.remote_handoff_ns, 1'000'000'000);
  EXPECT_EQ(s.costs.node_visit_ns, 0.25);
  EXPECT_FALSE(s.costs.node_visit_profile.has_value());
  EXPECT_EQ(s.costs.debug_factor, 3.5);
  EXPECT_EQ(s.costs.unlink_ns, 0);
  EXPECT_EQ(s.costs.cancel_cb_ns, 1);
  EXPECT_EQ(s.costs.worker_exit_ns, 1'000'000'000'000);
  EXPECT_EQ(s.costs.work_run_ns, 7);
  EXPECT_EQ(s.task_work.unrelated, 1'000'000);  // written 1e6
  EXPECT_EQ(s.task_work.create_layout, CreateLayout::kOldest);
  EXPECT_EQ(s.task_work.add_rate_hz, 5000.5);
  EXPECT_EQ(s.task_work.drain_us, 2.5);
  EXPECT_EQ(s.io_wq.workers, 12);
  EXPECT_EQ(s.io_wq.pending_create, 1);
  EXPECT_EQ(s.io_wq.racing_create, 2);
  EXPECT_EQ(s.io_wq.create_cont, 40);
  EXPECT_EQ(s.io_wq.exit, ExitKind::kThread);
  EXPECT_EQ(s.io_wq.cancel_start_us, 7.5);
  EXPECT_EQ(s.io_wq.running_workers, 5);
  EXPECT_EQ(s.io_wq.wake_jitter_us, 0);
  EXPECT_EQ(s.io_wq.cpus_allowed, 48);
  EXPECT_EQ(s.background.wakeups_hz, 100);
  EXPECT_EQ(s.background.wakeup_hold_ns, 1);
}

TEST(ConfigTest, ResolvedJsonIsTheWholeExperimentWithDefaultsInSchemaOrder) {
  // Given a file naming only a few keys, then resolved_json holds every key.
  const ExperimentConfig c = parse_config(R"({"machine": {"cpus": 16}, "name": "x"})");
  EXPECT_EQ(
      c.resolved_json,
      R"({"name":"x","description":"","seed":1,"replications":20,"algorithms":["old","new"],)"
      R"("horizon_s":600.0,"machine":{"cpus":16,"sockets":1,"nominal_ghz":2.1,"actual_ghz":2.1},)"
      R"("kernel":{"preempt":"lazy","watchdog_thresh_s":10,"hardlockup_detector":"perf",)"
      R"("softlockup_detector":true,"rcu_stall_timeout_s":21.0},)"
      R"("lock":{"kind":"qspinlock","handoff_ns":100,"remote_handoff_ns":250},)"
      R"("costs":{"node_visit_ns":120.0,"debug_factor":1.0,"unlink_ns":30,"cancel_cb_ns":300,)"
      R"("worker_exit_ns":20000,"work_run_ns":1000},)"
      R"("task_work":{"unrelated":200000,"create_layout":"uniform","add_rate_hz":0.0,)"
      R"("drain_us":"never"},)"
      R"("io_wq":{"workers_per_cpu":4.0,"pending_create":2,"racing_create":0,"create_cont":0,)"
      R"("exit":"group","cancel_start_us":0.0,"running_workers":0,"wake_jitter_us":50.0,)"
      R"("cpus_allowed":"all"},)"
      R"("background":{"wakeups_hz":0.0,"wakeup_hold_ns":400}})");
}

TEST(ConfigTest, ScenarioJsonIsSortedCompactAndResolvesWorkers) {
  // Given the default scenario, then its canonical text has sorted keys and workers = 768.
  EXPECT_EQ(
      scenario_to_json(ScenarioConfig{}),
      R"({"background":{"wakeup_hold_ns":400,"wakeups_hz":0.0},)"
      R"("costs":{"cancel_cb_ns":300,"debug_factor":1.0,"node_visit_ns":120.0,"unlink_ns":30,)"
      R"("work_run_ns":1000,"worker_exit_ns":20000},)"
      R"("horizon_s":600.0,)"
      R"("io_wq":{"cancel_start_us":0.0,"cpus_allowed":"all","create_cont":0,"exit":"group",)"
      R"("pending_create":2,"racing_create":0,"running_workers":0,"wake_jitter_us":50.0,)"
      R"("workers":768},)"
      R"("kernel":{"hardlockup_detector":"perf","preempt":"lazy","rcu_stall_timeout_s":21.0,)"
      R"("softlockup_detector":true,"watchdog_thresh_s":10},)"
      R"("lock":{"handoff_ns":100,"kind":"qspinlock","remote_handoff_ns":250},)"
      R"("machine":{"actual_ghz":2.1,"cpus":192,"nominal_ghz":2.1,"sockets":1},)"
      R"("task_work":{"add_rate_hz":0.0,"create_layout":"uniform","drain_us":"never",)"
      R"("unrelated":200000}})");
  const ExperimentConfig c = parse_config("{}");
  EXPECT_EQ(c.points[0].resolved_json, scenario_to_json(ScenarioConfig{}));
}

TEST(ConfigTest, AcceptsIntegralFloatsForIntegerKeys) {
  // Given 1e5 and 192.0 for integer keys, then they read as 100000 and 192.
  const ExperimentConfig c =
      parse_config(R"({"task_work": {"unrelated": 1e5}, "machine": {"cpus": 192.0}})");
  EXPECT_EQ(c.points[0].scenario.task_work.unrelated, 100000);
  EXPECT_EQ(c.points[0].scenario.machine.cpus, 192);
}

TEST(ConfigTest, WorkersPerCpuResolvesToARoundedCount) {
  // Given 0.3 workers per cpu on 10 cpus, then workers = round(3.0) = 3.
  const ExperimentConfig c = parse_config(
      R"({"machine": {"cpus": 10}, "io_wq": {"workers_per_cpu": 0.3, "pending_create": 3}})");
  EXPECT_EQ(c.points[0].scenario.io_wq.workers, 3);
  // 0.35 x 10 = 3.5 rounds away from zero to 4.
  EXPECT_EQ(
      parse_config(
          R"({"machine": {"cpus": 10}, "io_wq": {"workers_per_cpu": 0.35, "pending_create": 0}})")
          .points[0]
          .scenario.io_wq.workers,
      4);
}

TEST(ConfigTest, AcceptsTheBoundsThemselves) {
  // Given each range's inclusive ends, then the config is accepted.
  EXPECT_EQ(
      config_error(
          R"({"machine": {"cpus": 1048576, "sockets": 1048576}, "kernel": {"watchdog_thresh_s": 60,
      "rcu_stall_timeout_s": 3}, "replications": 100000, "seed": 0, "horizon_s": 1000000,
      "io_wq": {"workers": 10000000, "pending_create": 3, "create_cont": 10000000}})"),
      "accepted");
  EXPECT_EQ(config_error(R"({"machine": {"cpus": 1}, "io_wq": {"workers": 0, "pending_create": 0},
      "kernel": {"rcu_stall_timeout_s": 300}, "name": "a"})"),
            "accepted");
}

struct BadConfig {
  const char* json;
  const char* message;
};

// One row per kind of mistake, with the exact one-line message.
const BadConfig kBadConfigs[] = {
    {R"({"machine": {"cpus": 0}})", "t.json: /machine/cpus: must be >= 1, got 0"},
    {R"({"machine": {"cpus": 1048577}})", "t.json: /machine/cpus: must be <= 1048576, got 1048577"},
    {R"({"machine": {"cpus": 1.5}})", "t.json: /machine/cpus: must be an integer, got 1.5"},
    {R"({"machine": {"cpus": "abc"}})", R"(t.json: /machine/cpus: must be an integer, got "abc")"},
    {R"({"machine": {"cpus": null}})", "t.json: /machine/cpus: must be an integer, got null"},
    {R"({"machine": {"cpus": 1e20}})", "t.json: /machine/cpus: must be <= 1048576, got 1e+20"},
    {R"({"machine": {"cpus": -99999999999999999999}})",
     "t.json: /machine/cpus: must be >= 1, got -1e+20"},
    {R"({"machine": {"cpu": 4}})", "t.json: /machine/cpu: unknown key; did you mean 'cpus'?"},
    {R"({"machine": {"cores": 4}})",
     "t.json: /machine/cores: unknown key (known: cpus, sockets, nominal_ghz, actual_ghz)"},
    {R"({"cpus": 4})", R"(t.json: /cpus: unknown key; it belongs in "machine")"},
    {R"({"kernel": {"cpus": 4}})", R"(t.json: /kernel/cpus: unknown key; it belongs in "machine")"},
    {R"({"machine.cpus": 4})",
     R"(t.json: /machine.cpus: unknown key; write it as "machine": {"cpus": ...})"},
    {R"({"nmae": "x"})", "t.json: /nmae: unknown key; did you mean 'name'?"},
    {R"({"machine": 5})", "t.json: /machine: must be an object, got 5"},
    {R"({"machine": {"cpus": 18, "sockets": 4}})",
     "t.json: /machine/sockets: must divide machine.cpus (18) evenly, got 4"},
    {R"({"machine": {"sockets": 0}})", "t.json: /machine/sockets: must be >= 1, got 0"},
    {R"({"machine": {"nominal_ghz": 0}})", "t.json: /machine/nominal_ghz: must be >= 0.01, got 0"},
    {R"({"machine": {"actual_ghz": 1e-11}})",
     "t.json: /machine/actual_ghz: must be >= 0.01, got 1e-11"},
    {R"({"task_work": {"unrelated": 1000000000000}, "costs": {"node_visit_ns": 1e7}})",
     "t.json: /task_work/unrelated: one walk of the whole list must take <= 1e18 ns "
     "(simulated time is int64 ns), but (task_work.unrelated + creates + pushes over the "
     "horizon) x costs.node_visit_ns x costs.debug_factor = 1e+19 ns, got 1000000000000"},
    {R"({"task_work": {"add_rate_hz": 1e12}, "horizon_s": 1e6})",
     "t.json: /task_work/unrelated: one walk of the whole list must take <= 1e18 ns "
     "(simulated time is int64 ns), but (task_work.unrelated + creates + pushes over the "
     "horizon) x costs.node_visit_ns x costs.debug_factor = 2.4e+20 ns, got 200000 "
     "(the default)"},
    {R"({"machine": {"actual_ghz": 25}})", "t.json: /machine/actual_ghz: must be <= 20, got 25"},
    {R"({"machine": {"actual_ghz": "fast"}})",
     R"(t.json: /machine/actual_ghz: must be a number, got "fast")"},
    {R"({"kernel": {"preempt": "fast"}})",
     R"(t.json: /kernel/preempt: must be one of none, voluntary, full, lazy, got "fast")"},
    {R"({"kernel": {"preempt": "ful"}})",
     R"(t.json: /kernel/preempt: must be one of none, voluntary, full, lazy, got "ful"; did you mean 'full'?)"},
    {R"({"kernel": {"preempt": "Full"}})",
     R"(t.json: /kernel/preempt: must be one of none, voluntary, full, lazy, got "Full"; did you mean 'full'?)"},
    {R"({"kernel": {"preempt": 1}})",
     "t.json: /kernel/preempt: must be one of none, voluntary, full, lazy, got 1"},
    {R"({"kernel": {"watchdog_thresh_s": 0}})",
     "t.json: /kernel/watchdog_thresh_s: must be >= 1, got 0"},
    {R"({"kernel": {"watchdog_thresh_s": 61}})",
     "t.json: /kernel/watchdog_thresh_s: must be <= 60, got 61"},
    {R"({"kernel": {"hardlockup_detector": "nmi"}})",
     R"(t.json: /kernel/hardlockup_detector: must be one of perf, buddy, buddy-legacy, off, got "nmi")"},
    {R"({"kernel": {"softlockup_detector": 1}})",
     "t.json: /kernel/softlockup_detector: must be true or false, got 1"},
    {R"({"kernel": {"rcu_stall_timeout_s": 2.5}})",
     "t.json: /kernel/rcu_stall_timeout_s: must be >= 3, got 2.5"},
    {R"({"kernel": {"rcu_stall_timeout_s": 301}})",
     "t.json: /kernel/rcu_stall_timeout_s: must be <= 300, got 301"},
    {R"({"lock": {"kind": "mcs"}})",
     R"(t.json: /lock/kind: must be one of qspinlock, ticket, tas, pv-qspinlock, got "mcs")"},
    {R"({"lock": {"handoff_ns": -1}})", "t.json: /lock/handoff_ns: must be >= 0, got -1"},
    {R"({"lock": {"remote_handoff_ns": 1000000001}})",
     "t.json: /lock/remote_handoff_ns: must be <= 1000000000, got 1000000001"},
    {R"({"costs": {"node_visit_ns": 0}})", "t.json: /costs/node_visit_ns: must be > 0, got 0"},
    {R"({"costs": {"node_visit_ns": 2e9}})",
     "t.json: /costs/node_visit_ns: must be <= 1000000000, got 2000000000.0"},
    {R"({"costs": {"node_visit_ns": "fast"}})",
     R"(t.json: /costs/node_visit_ns: must be a number or a profile object (see twsim calibrate), got "fast")"},
    {R"({"costs": {"node_visit_ns": [120]}})",
     "t.json: /costs/node_visit_ns: must be a number or a profile object (see twsim calibrate), "
     "got [120]"},
    {R"({"costs": {"node_visit_ns": {"l1_ns": 1}}})",
     R"(t.json: /costs/node_visit_ns: needs "l2_ns", got {"l1_ns":1})"},
    {R"({"costs": {"debug_factor": 0.5}})", "t.json: /costs/debug_factor: must be >= 1, got 0.5"},
    {R"({"costs": {"debug_factor": 1001}})",
     "t.json: /costs/debug_factor: must be <= 1000, got 1001"},
    {R"({"costs": {"debug_factor": "kasan"}})",
     R"(t.json: /costs/debug_factor: must be a number, got "kasan")"},
    {R"({"costs": {"debug_factr": 2}})",
     "t.json: /costs/debug_factr: unknown key; did you mean 'debug_factor'?"},
    {R"({"costs": {"unlink_ns": 1e13}})",
     "t.json: /costs/unlink_ns: must be <= 1000000000000, got 10000000000000.0"},
    {R"({"costs": {"cancel_cb_ns": 0.5}})",
     "t.json: /costs/cancel_cb_ns: must be an integer, got 0.5"},
    {R"({"task_work": {"unrelated": -5}})", "t.json: /task_work/unrelated: must be >= 0, got -5"},
    {R"({"task_work": {"create_layout": "random"}})",
     R"(t.json: /task_work/create_layout: must be one of uniform, newest, oldest, got "random")"},
    {R"({"task_work": {"add_rate_hz": -1}})",
     "t.json: /task_work/add_rate_hz: must be >= 0, got -1"},
    {R"({"task_work": {"drain_us": "yes"}})",
     R"(t.json: /task_work/drain_us: must be a number or "never", got "yes")"},
    {R"({"task_work": {"drain_us": "nevr"}})",
     R"(t.json: /task_work/drain_us: must be a number or "never", got "nevr"; did you mean 'never'?)"},
    {R"({"task_work": {"drain_us": -1}})", "t.json: /task_work/drain_us: must be >= 0, got -1"},
    {R"({"task_work": {"drain_us": 20}, "io_wq": {"cancel_start_us": 10}})",
     "t.json: /task_work/drain_us: must be <= io_wq.cancel_start_us (10): the drain is "
     "io_uring_cancel_generic's task_work_run, which comes before io_wq_cancel_tw_create, "
     "got 20"},
    {R"({"task_work": {"run_barrier": true}})",
     "t.json: /task_work/run_barrier: no longer a key: task_work.run_barrier was replaced by "
     "task_work.drain_us: when io_uring_cancel_generic's task_work_run detaches the list and "
     "passes the pi_lock barrier (\"never\" for no drain)"},
    {R"({"io_wq": {"wake": "after_cancel"}})",
     "t.json: /io_wq/wake: no longer a key: io_wq.wake was replaced by io_wq.exit (\"group\": "
     "every worker is SIGKILLed at exit start, as at_exit_start was; \"thread\": idle workers "
     "wait for io_wq_worker_wake after the cancel, as after_cancel was), io_wq.running_workers "
     "and io_wq.cancel_start_us"},
    {R"({"io_wq": {"pending_create": 64}})",
     "t.json: /io_wq/pending_create: must be <= 3: a live worker queues create_worker_cb only "
     "when its acct's "
     "nr_running drops to 0 (io_wq_dec_running), and the count stays taken until the create "
     "runs or is cancelled, so at most one per acct (bound, unbound) and a third through a "
     "narrow race; give create_worker_cont retries of thread-less workers as "
     "io_wq.create_cont, got 64"},
    {R"({"io_wq": {"pending_create": 2, "racing_create": 2}})",
     "t.json: /io_wq/racing_create: must be <= 3 - io_wq.pending_create (2): a live worker "
     "queues create_worker_cb only when its acct's nr_running drops to 0 (io_wq_dec_running), "
     "and the count stays taken until the create runs or is cancelled, so at most one per acct "
     "(bound, unbound) and a third through a narrow race; give create_worker_cont retries of "
     "thread-less workers as io_wq.create_cont, got 2"},
    {R"({"io_wq": {"exit": "process"}})",
     R"(t.json: /io_wq/exit: must be one of group, thread, got "process")"},
    {R"({"io_wq": {"workers": 4, "racing_create": 1, "running_workers": 4}})",
     "t.json: /io_wq/running_workers: must be <= io_wq.workers - io_wq.racing_create "
     "(4 - 1 = 3), got 4"},
    {R"({"io_wq": {"racing_create": -1}})", "t.json: /io_wq/racing_create: must be >= 0, got -1"},
    {R"({"io_wq": {"racing_create": 0.5}})",
     "t.json: /io_wq/racing_create: must be an integer, got 0.5"},
    {R"({"io_wq": {"workers": 2, "pending_create": 2, "racing_create": 1}})",
     "t.json: /io_wq/racing_create: must be <= io_wq.workers - io_wq.pending_create "
     "(2 - 2 = 0), got 1"},
    {R"({"io_wq": {"racing": 3}})",
     "t.json: /io_wq/racing: unknown key (known: workers, workers_per_cpu, pending_create, "
     "racing_create, create_cont, exit, cancel_start_us, running_workers, wake_jitter_us, "
     "cpus_allowed)"},
    {R"({"io_wq": {"cpus_allowed": 0}})", "t.json: /io_wq/cpus_allowed: must be >= 1, got 0"},
    {R"({"io_wq": {"cpus_allowed": 2.5}})",
     "t.json: /io_wq/cpus_allowed: must be an integer, got 2.5"},
    {R"({"io_wq": {"cpus_allowed": "many"}})",
     R"(t.json: /io_wq/cpus_allowed: must be an integer or "all", got "many")"},
    {R"({"io_wq": {"cpus_allowed": "All"}})",
     R"(t.json: /io_wq/cpus_allowed: must be an integer or "all", got "All"; did you mean 'all'?)"},
    {R"({"io_wq": {"cpus_allowed": true}})",
     R"(t.json: /io_wq/cpus_allowed: must be an integer or "all", got true)"},
    {R"({"machine": {"cpus": 16}, "io_wq": {"cpus_allowed": 17, "pending_create": 0}})",
     "t.json: /io_wq/cpus_allowed: must be <= machine.cpus (16), got 17"},
    {R"({"io_wq": {"cpus_allowed": 1048577}})",
     "t.json: /io_wq/cpus_allowed: must be <= 1048576, got 1048577"},
    {R"({"io_wq": {"workers": 8, "workers_per_cpu": 1}})",
     R"(t.json: /io_wq: give either workers or workers_per_cpu, not both, got {"workers":8,"workers_per_cpu":1})"},
    {R"({"io_wq": {"workers": 1, "pending_create": 3}})",
     "t.json: /io_wq/pending_create: must be <= io_wq.workers (1), got 3"},
    {R"({"machine": {"cpus": 4}, "io_wq": {"workers_per_cpu": 0.25}})",
     "t.json: /io_wq/pending_create: must be <= io_wq.workers (1 = 0.25 per cpu x 4 cpus), "
     "got 2 (the default)"},
    {R"({"machine": {"cpus": 1}, "io_wq": {"workers_per_cpu": 2, "pending_create": 3}})",
     "t.json: /io_wq/pending_create: must be <= io_wq.workers (2 = 2 per cpu x 1 cpu), got 3"},
    {R"({"io_wq": {"workers": 10000001}})",
     "t.json: /io_wq/workers: must be <= 10000000, got 10000001"},
    {R"({"io_wq": {"workers_per_cpu": -0.5}})",
     "t.json: /io_wq/workers_per_cpu: must be >= 0, got -0.5"},
    {R"({"machine": {"cpus": 65536}, "io_wq": {"workers_per_cpu": 200}})",
     "t.json: /io_wq/workers_per_cpu: must give <= 10000000 workers, got 200; "
     "200 x 65536 cpus = 13107200"},
    {R"({"io_wq": {"pending_create": -1}})", "t.json: /io_wq/pending_create: must be >= 0, got -1"},
    {R"({"io_wq": {"wake_jitter_us": -1}})", "t.json: /io_wq/wake_jitter_us: must be >= 0, got -1"},
    {R"({"background": {"wakeups_hz": "often"}})",
     R"(t.json: /background/wakeups_hz: must be a number, got "often")"},
    {R"({"background": {"wakeup_hold_ns": 1000000001}})",
     "t.json: /background/wakeup_hold_ns: must be <= 1000000000, got 1000000001"},
    {R"({"horizon_s": 0})", "t.json: /horizon_s: must be > 0, got 0"},
    {R"({"horizon_s": 2e6})", "t.json: /horizon_s: must be <= 1000000, got 2000000.0"},
    {R"({"name": ""})", R"(t.json: /name: must not be empty, got "")"},
    {R"({"name": "my run"})",
     R"(t.json: /name: must contain only letters, digits, '.', '_' and '-', got "my run")"},
    {R"({"name": "a/b"})",
     R"(t.json: /name: must contain only letters, digits, '.', '_' and '-', got "a/b")"},
    {R"({"name": ".."})", R"(t.json: /name: must not be '.' or '..', got "..")"},
    {R"({"name": 7})", "t.json: /name: must be a string, got 7"},
    {R"({"description": ["a"]})", R"(t.json: /description: must be a string, got ["a"])"},
    {R"({"seed": -1})", "t.json: /seed: must be >= 0, got -1"},
    {R"({"seed": 1.5})", "t.json: /seed: must be an integer, got 1.5"},
    {R"({"seed": 18446744073709551616})",
     "t.json: /seed: must be <= 18446744073709551615, got 1.8446744073709552e+19"},
    {R"({"replications": 0})", "t.json: /replications: must be >= 1, got 0"},
    {R"({"replications": 100001})", "t.json: /replications: must be <= 100000, got 100001"},
    {R"({"replications": 100000, "sweep": {"grid": {"machine.cpus": {"range": [1, 51, 1]}}}})",
     "t.json: /replications: points x algorithms x replications must be <= 10000000 runs, got "
     "51 x 2 x 100000 = 10200000"},
    {R"({"algorithms": []})", "t.json: /algorithms: must not be empty, got []"},
    {R"({"algorithms": "old"})",
     R"(t.json: /algorithms: must be an array of "old", "new", "single-pass", "exit-test", got "old")"},
    {R"({"algorithms": ["old", "old"]})", R"(t.json: /algorithms/1: is listed twice, got "old")"},
    {R"({"algorithms": ["newer"]})",
     R"(t.json: /algorithms/0: must be one of old, new, single-pass, exit-test, got "newer"; did you mean 'new'?)"},
    {R"({"machine": {"cpus": 192}, "machine": {"cpus": 4}})", "t.json: /machine: duplicate key"},
    {R"({"sweep": {"grid": {"machine.cpus": [16, 32]}}, "machine": {"sockets": 2, "sockets": 1}})",
     "t.json: /machine/sockets: duplicate key"},
    {R"([1, 2])", "t.json: the top level must be a JSON object, got [1,2]"},
    {R"("config")", R"(t.json: the top level must be a JSON object, got "config")"},
};

TEST(ConfigTest, RejectsEachBadConfigWithItsExactMessage) {
  // Given each bad config, then reading it throws exactly its message.
  for (const BadConfig& row : kBadConfigs) {
    SCOPED_TRACE(row.json);
    EXPECT_EQ(config_error(row.json), row.message);
  }
}

TEST(ConfigTest, RejectsZeroCpus) {
  // Given cpus 0, then the error names the file, the pointer, the rule and the value.
  try {
    parse_config(R"({"machine": {"cpus": 0}})");
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file, "t.json");
    EXPECT_EQ(e.pointer, "/machine/cpus");
    EXPECT_EQ(e.problem, "must be >= 1, got 0");
  }
}

TEST(ConfigTest, ParseErrorsGiveLineAndColumn) {
  // Given broken JSON, then the message is FILE:LINE:COL: parse error: ...
  EXPECT_EQ(config_error(""), "t.json:1:1: parse error: the file is empty; expected a JSON object");
  EXPECT_EQ(config_error("\n  \n"),
            "t.json:3:1: parse error: the file is empty; expected a JSON object");
  EXPECT_EQ(config_error("{\"a\": 1,}"),
            "t.json:1:9: parse error: unexpected '}'; expected string literal");
  EXPECT_EQ(
      config_error("{}\nx"),
      "t.json:2:1: parse error: invalid literal; last read: '{}<U+000A>x'; expected end of input");
  // 1e400 overflows a double; the column is where the number starts.
  EXPECT_EQ(config_error(R"({"machine": {"cpus": 1e400}})"),
            "t.json:1:22: parse error: number out of range, got 1e400");
}

TEST(ConfigTest, ParseErrorInAFileNamesItsPath) {
  // Given a file missing a comma on line 3, then the error is at the token after 4.
  const std::string path = data_path("config_parse_error.json");
  try {
    load_experiment(path, {});
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              path + ":3:34: parse error: unexpected string literal; expected '}'");
    EXPECT_EQ(e.line, 3);
    EXPECT_EQ(e.column, 34);
  }
}

TEST(ConfigTest, MissingFileSaysCannotRead) {
  // Given a path that does not exist, then "cannot read" with the system's reason.
  try {
    load_experiment("/nonexistent/twsim/x.json", {});
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "/nonexistent/twsim/x.json: cannot read: No such file or directory");
  }
}

TEST(ConfigTest, DirectorySaysCannotRead) {
  const std::string dir = std::string(TWSIM_SOURCE_DIR) + "/tests/data";
  try {
    load_experiment(dir, {});
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), dir + ": cannot read: Is a directory");
  }
}

TEST(ConfigTest, EndlessInputIsRefusedNotRead) {
  // Given /dev/zero, then reading stops at the size limit instead of running out of memory.
  if (!std::filesystem::exists("/dev/zero")) GTEST_SKIP() << "no /dev/zero";
  try {
    load_experiment("/dev/zero", {});
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "/dev/zero: cannot read: over 16 MiB, too large for a config");
  }
}

TEST(ConfigTest, DeepNestingIsRejectedBeforeParsing) {
  // Given 100000 nested arrays, then a parse error at the 65th, not a stack overflow.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(config_error(deep), "t.json:1:65: parse error: nested deeper than 64 levels");
  // Brackets inside strings do not count.
  EXPECT_EQ(config_error(R"({"description": ")" + std::string(1000, '[') + R"("})"), "accepted");
  // 64 levels are fine: the object plus 63 arrays.
  const std::string ok = R"({"description": )" + std::string(63, '[') + std::string(63, ']') + "}";
  EXPECT_EQ(config_error(ok).rfind("t.json: /description: must be a string, got [[[", 0), 0u)
      << config_error(ok);
}

TEST(ConfigTest, BinaryGarbageGivesAPrintableParseError) {
  // Given control bytes and invalid UTF-8, then a one-line error with the bytes escaped.
  EXPECT_EQ(config_error(std::string("\x01\xff", 2)),
            "t.json:1:1: parse error: invalid literal; last read: '<U+0001>'");
  EXPECT_EQ(config_error(std::string("{\"a\": \"\xff\"}")),
            "t.json:1:8: parse error: invalid string: ill-formed UTF-8 byte; last read: '\"\\xff'");
  // nlohmann would stop at a NUL as if the input ended; nothing after it may be lost.
  EXPECT_EQ(config_error(std::string("{}\n \0{\"x\": 1}", 13)),
            "t.json:2:2: parse error: unexpected NUL byte");
}

TEST(ConfigTest, HugeValuesAreCutShortInMessages) {
  // Given a 10000-character name, then the message quotes about 200 characters of it.
  const std::string error = config_error(R"({"name": ")" + std::string(10000, 'a') + R"("})");
  EXPECT_EQ(error, "t.json: /name: must be at most 100 characters, got \"" + std::string(196, 'a') +
                       "...");
}

TEST(ConfigTest, PointersEscapeSlashAndTilde) {
  // Given an unknown key with '/' and '~', then the pointer escapes them (RFC 6901).
  EXPECT_EQ(config_error(R"({"a/b~c": 1})").rfind("t.json: /a~1b~0c: unknown key", 0), 0u);
}

TEST(ConfigTest, ControlCharactersInKeysAreEscaped) {
  // Given a key holding a newline (escaped in JSON), then the message stays on one line.
  EXPECT_EQ(config_error(R"({"machine": {"cp\nus": 1}})")
                .rfind(R"(t.json: /machine/cp\x0aus: unknown)", 0),
            0u);
}

}  // namespace
}  // namespace twsim
