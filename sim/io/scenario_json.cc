#include "sim/io/scenario_json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "sim/io/json_io.h"
#include "sim/io/spelling.h"

namespace twsim {
namespace {

constexpr Word<Preempt> kPreemptWords[] = {{"none", Preempt::kNone},
                                           {"voluntary", Preempt::kVoluntary},
                                           {"full", Preempt::kFull},
                                           {"lazy", Preempt::kLazy}};
constexpr Word<HardlockupDetector> kHardlockupWords[] = {
    {"perf", HardlockupDetector::kPerf},
    {"buddy", HardlockupDetector::kBuddy},
    {"buddy-legacy", HardlockupDetector::kBuddyLegacy},
    {"off", HardlockupDetector::kOff}};
constexpr Word<LockKind> kLockWords[] = {{"qspinlock", LockKind::kQspinlock},
                                         {"ticket", LockKind::kTicket},
                                         {"tas", LockKind::kTas},
                                         {"pv-qspinlock", LockKind::kPvQspinlock}};
constexpr Word<CreateLayout> kLayoutWords[] = {{"uniform", CreateLayout::kUniform},
                                               {"newest", CreateLayout::kNewest},
                                               {"oldest", CreateLayout::kOldest}};
constexpr Word<ExitKind> kExitWords[] = {{"group", ExitKind::kGroup},
                                         {"thread", ExitKind::kThread}};

constexpr std::int64_t kMaxWorkers = 10'000'000;
constexpr std::int64_t kMaxNs = 1'000'000'000;          // 1 s, for per-event costs
constexpr std::int64_t kMaxLongNs = 1'000'000'000'000;  // 1000 s
constexpr double kMaxRate = 1e12;

// Why io_wq.pending_create is bounded (kernel-facts C1; io_wq_dec_running).
constexpr const char* kLiveCreateBound =
    "a live worker queues create_worker_cb only when its acct's nr_running drops to 0 "
    "(io_wq_dec_running), and the count stays taken until the create runs or is cancelled, "
    "so at most one per acct (bound, unbound) and a third through a narrow race; give "
    "create_worker_cont retries of thread-less workers as io_wq.create_cont";

void read_machine(const Fields& f, MachineConfig* m) {
  f.integer("cpus", 1, 65536, &m->cpus);
  f.integer("sockets", 1, 65536, &m->sockets);
  // >= 10 MHz: the NMI period (thresh x nominal/actual s) stays >= 0.5 ms.
  f.number("nominal_ghz", at_least(0.01), 20, &m->nominal_ghz);
  f.number("actual_ghz", at_least(0.01), 20, &m->actual_ghz);
}

void read_kernel(const Fields& f, KernelConfig* k) {
  f.word("preempt", kPreemptWords, &k->preempt);
  f.integer("watchdog_thresh_s", 1, 60, &k->watchdog_thresh_s);
  f.word("hardlockup_detector", kHardlockupWords, &k->hardlockup_detector);
  f.boolean("softlockup_detector", &k->softlockup_detector);
  f.number("rcu_stall_timeout_s", at_least(3), 300, &k->rcu_stall_timeout_s);
}

void read_lock(const Fields& f, LockConfig* l) {
  f.word("kind", kLockWords, &l->kind);
  f.integer("handoff_ns", 0, kMaxNs, &l->handoff_ns);
  f.integer("remote_handoff_ns", 0, kMaxNs, &l->remote_handoff_ns);
}

constexpr double kMaxNodeNs = 1e9;
constexpr std::int64_t kMaxCacheBytes = std::int64_t{1} << 40;  // 1 TiB

// costs.node_visit_ns as a profile object: every field given, each in range,
// costs non-decreasing and sizes increasing from L1 to DRAM.
NodeCostProfile read_node_profile(const Node& n) {
  static constexpr std::string_view kFields[] = {"l1_ns",    "l2_ns",    "l3_ns",    "dram_ns",
                                                 "l1_bytes", "l2_bytes", "l3_bytes", "node_bytes"};
  const Fields f(n, kFields);
  for (const std::string_view key : kFields) {
    if (!f.has(key)) n.fail("needs \"" + std::string(key) + "\"");
  }
  NodeCostProfile p;
  f.number("l1_ns", above(0), kMaxNodeNs, &p.l1_ns);
  f.number("l2_ns", above(0), kMaxNodeNs, &p.l2_ns);
  f.number("l3_ns", above(0), kMaxNodeNs, &p.l3_ns);
  f.number("dram_ns", above(0), kMaxNodeNs, &p.dram_ns);
  f.integer("l1_bytes", 1, kMaxCacheBytes, &p.l1_bytes);
  f.integer("l2_bytes", 1, kMaxCacheBytes, &p.l2_bytes);
  f.integer("l3_bytes", 1, kMaxCacheBytes, &p.l3_bytes);
  f.integer("node_bytes", 8, 4096, &p.node_bytes);
  const auto no_less = [&](std::string_view key, double v, std::string_view below, double w) {
    if (v < w) {
      f.field(key).fail("must be >= " + std::string(below) + " (" + number_text(w) + ")");
    }
  };
  no_less("l2_ns", p.l2_ns, "l1_ns", p.l1_ns);
  no_less("l3_ns", p.l3_ns, "l2_ns", p.l2_ns);
  no_less("dram_ns", p.dram_ns, "l3_ns", p.l3_ns);
  const auto above_size = [&](std::string_view key, std::int64_t v, std::string_view below,
                              std::int64_t w) {
    if (v <= w) {
      f.field(key).fail("must be > " + std::string(below) + " (" + std::to_string(w) + ")");
    }
  };
  above_size("l2_bytes", p.l2_bytes, "l1_bytes", p.l1_bytes);
  above_size("l3_bytes", p.l3_bytes, "l2_bytes", p.l2_bytes);
  return p;
}

void read_costs(const Fields& f, CostConfig* c) {
  const Node visit = f.field("node_visit_ns");
  if (visit.present() && visit.value().is_object()) {
    c->node_visit_profile = read_node_profile(visit);
  } else if (visit.present() && !visit.value().is_number()) {
    visit.fail("must be a number or a profile object (see twsim calibrate)");
  } else {
    f.number("node_visit_ns", above(0), kMaxNodeNs, &c->node_visit_ns);
  }
  f.number("debug_factor", at_least(1), 1000, &c->debug_factor);
  f.integer("unlink_ns", 0, kMaxLongNs, &c->unlink_ns);
  f.integer("cancel_cb_ns", 0, kMaxLongNs, &c->cancel_cb_ns);
  f.integer("worker_exit_ns", 0, kMaxLongNs, &c->worker_exit_ns);
  f.integer("work_run_ns", 0, kMaxNs, &c->work_run_ns);
}

// A field that is either a number in [lo, hi] or the one word `word`, which
// stands for `word_value`.
void number_or_word(const Fields& f, std::string_view key, std::string_view word, double word_value,
                    Floor lo, double hi, double* out) {
  const Node n = f.field(key);
  if (!n.present()) return;
  const Json& v = n.value();
  if (v.is_string() && v.get_ref<const std::string&>() == word) {
    *out = word_value;
  } else if (v.is_number()) {
    *out = as_number(n, lo, hi);
  } else {
    const std::string_view words[] = {word};
    const std::string guess =
        v.is_string() ? closest_spelling(v.get_ref<const std::string&>(), words) : "";
    n.fail("must be a number or \"" + std::string(word) + "\"",
           guess.empty() ? "" : "did you mean '" + guess + "'?");
  }
}

void read_task_work(const Fields& f, TaskWorkConfig* t) {
  f.integer("unrelated", 0, kMaxLongNs, &t->unrelated);
  f.word("create_layout", kLayoutWords, &t->create_layout);
  f.number("add_rate_hz", at_least(0), kMaxRate, &t->add_rate_hz);
  number_or_word(f, "drain_us", "never", TaskWorkConfig::kNoDrain, at_least(0), 1e9, &t->drain_us);
}

void read_background(const Fields& f, BackgroundConfig* b) {
  f.number("wakeups_hz", at_least(0), 1e9, &b->wakeups_hz);
  f.integer("wakeup_hold_ns", 0, kMaxNs, &b->wakeup_hold_ns);
}

// io_wq, whose worker count depends on machine.cpus.
void read_io_wq(const Fields& f, int cpus, bool between_fields, ScenarioRead* out) {
  IoWqConfig& q = out->scenario.io_wq;
  if (f.has("workers") && f.has("workers_per_cpu")) {
    f.node().fail("give either workers or workers_per_cpu, not both");
  }
  double per_cpu = kDefaultWorkersPerCpu;
  f.number("workers_per_cpu", at_least(0), 10000, &per_cpu);
  f.integer("workers", 0, kMaxWorkers, &q.workers);
  f.integer("pending_create", 0, kMaxWorkers, &q.pending_create);
  f.integer("racing_create", 0, kMaxWorkers, &q.racing_create);
  f.integer("create_cont", 0, kMaxWorkers, &q.create_cont);
  f.word("exit", kExitWords, &q.exit);
  f.number("cancel_start_us", at_least(0), 1e9, &q.cancel_start_us);
  f.integer("running_workers", 0, kMaxWorkers, &q.running_workers);
  f.number("wake_jitter_us", at_least(0), 1e9, &q.wake_jitter_us);
  const Node allowed = f.field("cpus_allowed");
  if (allowed.present()) {
    const Json& v = allowed.value();
    if (v.is_string() && v.get_ref<const std::string&>() == "all") {
      q.cpus_allowed = 0;
    } else if (v.is_number()) {
      q.cpus_allowed = static_cast<int>(as_integer(allowed, 1, 65536));
    } else {
      static constexpr std::string_view kAll[] = {"all"};
      const std::string guess =
          v.is_string() ? closest_spelling(v.get_ref<const std::string&>(), kAll) : "";
      allowed.fail(R"(must be an integer or "all")",
                   guess.empty() ? "" : "did you mean '" + guess + "'?");
    }
  }
  if (between_fields && q.cpus_allowed > cpus) {
    allowed.fail("must be <= machine.cpus (" + std::to_string(cpus) + ")");
  }

  // Resolve the worker count; in words for messages: "768 = 4 per cpu x 192 cpus".
  std::string workers_text;
  if (f.has("workers")) {
    out->workers_per_cpu.reset();
    workers_text = std::to_string(q.workers);
  } else {
    out->workers_per_cpu = per_cpu;
    const long long resolved = std::llround(per_cpu * cpus);  // <= 10000 x 65536, fits
    const std::string cpus_text = std::to_string(cpus) + (cpus == 1 ? " cpu" : " cpus");
    workers_text =
        std::to_string(resolved) + " = " + number_text(per_cpu) + " per cpu x " + cpus_text;
    if (between_fields && resolved > kMaxWorkers) {
      f.field("workers_per_cpu")
          .fail("must give <= " + std::to_string(kMaxWorkers) + " workers",
                number_text(per_cpu) + " x " + cpus_text + " = " + std::to_string(resolved));
    }
    q.workers = static_cast<int>(std::min<long long>(resolved, kMaxWorkers));
  }
  if (q.pending_create > kMaxLiveCreates) {
    f.field("pending_create")
        .fail("must be <= " + std::to_string(kMaxLiveCreates) + ": " + kLiveCreateBound);
  }
  if (q.pending_create + q.racing_create > kMaxLiveCreates) {
    f.field("racing_create")
        .fail("must be <= " + std::to_string(kMaxLiveCreates) + " - io_wq.pending_create (" +
              std::to_string(q.pending_create) + "): " + kLiveCreateBound);
  }
  if (between_fields && q.pending_create > q.workers) {
    const std::string problem = "must be <= io_wq.workers (" + workers_text + ")";
    const Node pending = f.field("pending_create");
    if (pending.present()) pending.fail(problem);
    pending.fail_got(problem, std::to_string(q.pending_create) + " (the default)");
  }
  // A worker queues at most one create_work (create_state bit 0), so the
  // racing ones are among those without a pending one.
  if (between_fields && q.racing_create > q.workers - q.pending_create) {
    f.field("racing_create")
        .fail("must be <= io_wq.workers - io_wq.pending_create (" + std::to_string(q.workers) +
              " - " + std::to_string(q.pending_create) + " = " +
              std::to_string(q.workers - q.pending_create) + ")");
  }
  // Racing workers are running (they just queued a create), so the others
  // are the running or idle ones.
  if (between_fields && q.running_workers > q.workers - q.racing_create) {
    f.field("running_workers")
        .fail("must be <= io_wq.workers - io_wq.racing_create (" + std::to_string(q.workers) +
              " - " + std::to_string(q.racing_create) + " = " +
              std::to_string(q.workers - q.racing_create) + ")");
  }
}

template <class J>
J node_profile_json(const NodeCostProfile& p) {
  J j;
  j["l1_ns"] = p.l1_ns;
  j["l2_ns"] = p.l2_ns;
  j["l3_ns"] = p.l3_ns;
  j["dram_ns"] = p.dram_ns;
  j["l1_bytes"] = p.l1_bytes;
  j["l2_bytes"] = p.l2_bytes;
  j["l3_bytes"] = p.l3_bytes;
  j["node_bytes"] = p.node_bytes;
  return j;
}

template <class J>
J scenario_json(const ScenarioConfig& s, const std::optional<double>& workers_per_cpu) {
  J io_wq;
  if (workers_per_cpu) {
    io_wq["workers_per_cpu"] = *workers_per_cpu;
  } else {
    io_wq["workers"] = s.io_wq.workers;
  }
  io_wq["pending_create"] = s.io_wq.pending_create;
  io_wq["racing_create"] = s.io_wq.racing_create;
  io_wq["create_cont"] = s.io_wq.create_cont;
  io_wq["exit"] = word_of(s.io_wq.exit, kExitWords);
  io_wq["cancel_start_us"] = s.io_wq.cancel_start_us;
  io_wq["running_workers"] = s.io_wq.running_workers;
  io_wq["wake_jitter_us"] = s.io_wq.wake_jitter_us;
  if (s.io_wq.cpus_allowed > 0) {
    io_wq["cpus_allowed"] = s.io_wq.cpus_allowed;
  } else {
    io_wq["cpus_allowed"] = "all";
  }
  J j;
  j["horizon_s"] = s.horizon_s;
  j["machine"] = {{"cpus", s.machine.cpus},
                  {"sockets", s.machine.sockets},
                  {"nominal_ghz", s.machine.nominal_ghz},
                  {"actual_ghz", s.machine.actual_ghz}};
  j["kernel"] = {{"preempt", word_of(s.kernel.preempt, kPreemptWords)},
                 {"watchdog_thresh_s", s.kernel.watchdog_thresh_s},
                 {"hardlockup_detector", word_of(s.kernel.hardlockup_detector, kHardlockupWords)},
                 {"softlockup_detector", s.kernel.softlockup_detector},
                 {"rcu_stall_timeout_s", s.kernel.rcu_stall_timeout_s}};
  j["lock"] = {{"kind", word_of(s.lock.kind, kLockWords)},
               {"handoff_ns", s.lock.handoff_ns},
               {"remote_handoff_ns", s.lock.remote_handoff_ns}};
  j["costs"] = {{"node_visit_ns", s.costs.node_visit_profile
                                      ? node_profile_json<J>(*s.costs.node_visit_profile)
                                      : J(s.costs.node_visit_ns)},
                {"debug_factor", s.costs.debug_factor},
                {"unlink_ns", s.costs.unlink_ns},
                {"cancel_cb_ns", s.costs.cancel_cb_ns},
                {"worker_exit_ns", s.costs.worker_exit_ns},
                {"work_run_ns", s.costs.work_run_ns}};
  j["task_work"] = {{"unrelated", s.task_work.unrelated},
                    {"create_layout", word_of(s.task_work.create_layout, kLayoutWords)},
                    {"add_rate_hz", s.task_work.add_rate_hz},
                    {"drain_us", s.task_work.drains() ? J(s.task_work.drain_us) : J("never")}};
  j["io_wq"] = std::move(io_wq);
  j["background"] = {{"wakeups_hz", s.background.wakeups_hz},
                     {"wakeup_hold_ns", s.background.wakeup_hold_ns}};
  return j;
}

}  // namespace

// Simulated time is int64 nanoseconds; the longest walk or drain a point can
// make must stay far inside it (kMaxLongNs x 10^6).
constexpr long double kMaxSpanNs = 1e18L;

// The most nodes the list can hold: the nodes at exit and the pushes of the
// whole horizon (their Poisson count, with a wide margin).
long double max_list_nodes(const ScenarioConfig& s) {
  const IoWqConfig& q = s.io_wq;
  const long double pushes = static_cast<long double>(s.task_work.add_rate_hz) * s.horizon_s;
  return static_cast<long double>(s.task_work.unrelated) + q.pending_create + q.racing_create +
         q.create_cont + 2 * pushes + 100;
}

// Refuses a point whose one walk of the whole list, or whose drain, would
// take longer than kMaxSpanNs, naming the keys and the product.
void check_time_fits(const Fields& top, const ScenarioConfig& s) {
  const CostConfig& c = s.costs;
  const auto sci = [](long double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4Lg", v);
    return std::string(buf);
  };
  const long double per_node =
      (c.node_visit_profile ? c.node_visit_profile->dram_ns : c.node_visit_ns) * c.debug_factor;
  const long double walk = max_list_nodes(s) * per_node;
  if (walk > kMaxSpanNs) {
    const Node unrelated = Fields(top.field("task_work"), "task_work").field("unrelated");
    const std::string problem =
        "one walk of the whole list must take <= 1e18 ns (simulated time is int64 ns), but "
        "(task_work.unrelated + creates + pushes over the horizon) x costs.node_visit_ns x "
        "costs.debug_factor = " +
        sci(walk) + " ns";
    if (unrelated.present()) unrelated.fail(problem);
    unrelated.fail_got(problem, std::to_string(s.task_work.unrelated) + " (the default)");
  }
  const long double drain = static_cast<long double>(s.task_work.unrelated) * c.work_run_ns;
  if (s.task_work.drains() && drain > kMaxSpanNs) {
    Fields(top.field("costs"), "costs")
        .field("work_run_ns")
        .fail("the drain must take <= 1e18 ns, but task_work.unrelated x costs.work_run_ns = " +
              sci(drain) + " ns");
  }
}

ScenarioRead read_scenario(const Node& root, bool between_fields) {
  ScenarioRead out;
  ScenarioConfig& s = out.scenario;
  const Fields top(root, "");
  top.number("horizon_s", above(0), 1e6, &s.horizon_s);
  const Fields machine(top.field("machine"), "machine");
  read_machine(machine, &s.machine);
  read_kernel(Fields(top.field("kernel"), "kernel"), &s.kernel);
  read_lock(Fields(top.field("lock"), "lock"), &s.lock);
  read_costs(Fields(top.field("costs"), "costs"), &s.costs);
  read_task_work(Fields(top.field("task_work"), "task_work"), &s.task_work);
  if (between_fields && s.machine.cpus % s.machine.sockets != 0) {
    machine.field("sockets").fail("must divide machine.cpus (" + std::to_string(s.machine.cpus) +
                                  ") evenly");
  }
  read_io_wq(Fields(top.field("io_wq"), "io_wq"), s.machine.cpus, between_fields, &out);
  read_background(Fields(top.field("background"), "background"), &s.background);
  if (between_fields) check_time_fits(top, s);
  // io_uring_cancel_generic runs its task_work_run before io_uring_clean_tctx
  // reaches io_wq_cancel_tw_create.
  if (between_fields && s.task_work.drain_us > s.io_wq.cancel_start_us) {
    Fields(top.field("task_work"), "task_work")
        .field("drain_us")
        .fail("must be <= io_wq.cancel_start_us (" + number_text(s.io_wq.cancel_start_us) +
              "): the drain is io_uring_cancel_generic's task_work_run, which comes before "
              "io_wq_cancel_tw_create");
  }
  return out;
}

Json scenario_object(const ScenarioRead& read) {
  return scenario_json<Json>(read.scenario, read.workers_per_cpu);
}

std::string node_profile_to_json(const NodeCostProfile& profile) {
  return json_dump(node_profile_json<Json>(profile));
}

std::string scenario_to_json(const ScenarioConfig& scenario) {
  // nlohmann::json keeps keys sorted, which makes the text canonical.
  return scenario_json<nlohmann::json>(scenario, std::nullopt).dump();
}

}  // namespace twsim
