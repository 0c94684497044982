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

// 2^20 CPUs: past the largest machines Linux boots (NR_CPUS is at most 8192
// on x86, arch/x86/Kconfig), so a scale test fits; every per-CPU count and
// index stays well inside int.
constexpr int kMaxCpus = 1 << 20;
constexpr std::int64_t kMaxWorkers = 10'000'000;
constexpr std::int64_t kMaxNs = 1'000'000'000;          // 1 s, for per-event costs
constexpr std::int64_t kMaxLongNs = 1'000'000'000'000;  // 1000 s
constexpr double kMaxRate = 1e12;

// Why io_wq.pending_create is bounded (docs/kernel-facts.md C1; io_wq_dec_running).
constexpr const char* kLiveCreateBound =
    "a live worker queues create_worker_cb only when its acct's nr_running drops to 0 "
    "(io_wq_dec_running), and the count stays taken until the create runs or is cancelled, "
    "so at most one per acct (bound, unbound) and a third through a narrow race; give "
    "create_worker_cont retries of thread-less workers as io_wq.create_cont";

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

// costs.node_visit_ns: a number, or a profile object (NodeCostProfile).
void read_node_visit(const Fields& f, CostConfig* c) {
  const Node visit = f.field("node_visit_ns");
  if (visit.present() && visit.value().is_object()) {
    c->node_visit_profile = read_node_profile(visit);
  } else if (visit.present() && !visit.value().is_number()) {
    visit.fail("must be a number or a profile object (see twsim calibrate)");
  } else {
    f.number("node_visit_ns", above(0), kMaxNodeNs, &c->node_visit_ns);
  }
}

// io_wq.cpus_allowed: an integer, or "all" (0).
void read_cpus_allowed(const Fields& f, IoWqConfig* q) {
  const Node allowed = f.field("cpus_allowed");
  if (!allowed.present()) return;
  const Json& v = allowed.value();
  if (v.is_string() && v.get_ref<const std::string&>() == "all") {
    q->cpus_allowed = 0;
  } else if (v.is_number()) {
    q->cpus_allowed = static_cast<int>(as_integer(allowed, 1, kMaxCpus));
  } else {
    static constexpr std::string_view kAll[] = {"all"};
    const std::string guess =
        v.is_string() ? closest_spelling(v.get_ref<const std::string&>(), kAll) : "";
    allowed.fail(R"(must be an integer or "all")",
                 guess.empty() ? "" : "did you mean '" + guess + "'?");
  }
}

// The rules that tie io_wq's fields together and to machine.cpus, and the
// worker count resolved from workers_per_cpu.
void check_io_wq(const Fields& f, int cpus, bool between_fields, ScenarioRead* out) {
  IoWqConfig& q = out->scenario.io_wq;
  if (between_fields && q.cpus_allowed > cpus) {
    f.field("cpus_allowed").fail("must be <= machine.cpus (" + std::to_string(cpus) + ")");
  }
  // Resolve the worker count; in words for messages: "768 = 4 per cpu x 192 cpus".
  std::string workers_text;
  if (f.has("workers")) {
    out->workers_per_cpu.reset();
    workers_text = std::to_string(q.workers);
  } else {
    const double per_cpu = out->workers_per_cpu.value_or(kDefaultWorkersPerCpu);
    out->workers_per_cpu = per_cpu;
    const long long resolved = std::llround(per_cpu * cpus);  // <= 10000 x 2^20, fits in long long
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

using S = ScenarioRead;

// Every scenario key, in schema order: how it is read and checked from its
// section, and written back. config_schema.cc lists these too, from here.
constexpr ScenarioKey kScenarioKeys[] = {
    {"horizon_s", KeyType::kNumber,
     [](const Fields& f, S* o) { f.number("horizon_s", above(0), 1e6, &o->scenario.horizon_s); },
     [](const S& i, Json* j) { (*j)["horizon_s"] = i.scenario.horizon_s; }},
    {"machine.cpus", KeyType::kInteger,
     [](const Fields& f, S* o) { f.integer("cpus", 1, kMaxCpus, &o->scenario.machine.cpus); },
     [](const S& i, Json* j) { (*j)["cpus"] = i.scenario.machine.cpus; }},
    {"machine.sockets", KeyType::kInteger,
     [](const Fields& f, S* o) { f.integer("sockets", 1, kMaxCpus, &o->scenario.machine.sockets); },
     [](const S& i, Json* j) { (*j)["sockets"] = i.scenario.machine.sockets; }},
    // >= 10 MHz: the NMI period (thresh x nominal/actual s) stays >= 0.5 ms.
    {"machine.nominal_ghz", KeyType::kNumber,
     [](const Fields& f, S* o) {
       f.number("nominal_ghz", at_least(0.01), 20, &o->scenario.machine.nominal_ghz);
     },
     [](const S& i, Json* j) { (*j)["nominal_ghz"] = i.scenario.machine.nominal_ghz; }},
    {"machine.actual_ghz", KeyType::kNumber,
     [](const Fields& f, S* o) {
       f.number("actual_ghz", at_least(0.01), 20, &o->scenario.machine.actual_ghz);
     },
     [](const S& i, Json* j) { (*j)["actual_ghz"] = i.scenario.machine.actual_ghz; }},
    {"kernel.preempt", KeyType::kWord,
     [](const Fields& f, S* o) { f.word("preempt", kPreemptWords, &o->scenario.kernel.preempt); },
     [](const S& i, Json* j) {
       (*j)["preempt"] = word_of(i.scenario.kernel.preempt, kPreemptWords);
     }},
    {"kernel.watchdog_thresh_s", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("watchdog_thresh_s", 1, 60, &o->scenario.kernel.watchdog_thresh_s);
     },
     [](const S& i, Json* j) { (*j)["watchdog_thresh_s"] = i.scenario.kernel.watchdog_thresh_s; }},
    {"kernel.hardlockup_detector", KeyType::kWord,
     [](const Fields& f, S* o) {
       f.word("hardlockup_detector", kHardlockupWords, &o->scenario.kernel.hardlockup_detector);
     },
     [](const S& i, Json* j) {
       (*j)["hardlockup_detector"] =
           word_of(i.scenario.kernel.hardlockup_detector, kHardlockupWords);
     }},
    {"kernel.softlockup_detector", KeyType::kBool,
     [](const Fields& f, S* o) {
       f.boolean("softlockup_detector", &o->scenario.kernel.softlockup_detector);
     },
     [](const S& i, Json* j) {
       (*j)["softlockup_detector"] = i.scenario.kernel.softlockup_detector;
     }},
    {"kernel.rcu_stall_timeout_s", KeyType::kNumber,
     [](const Fields& f, S* o) {
       f.number("rcu_stall_timeout_s", at_least(3), 300, &o->scenario.kernel.rcu_stall_timeout_s);
     },
     [](const S& i, Json* j) {
       (*j)["rcu_stall_timeout_s"] = i.scenario.kernel.rcu_stall_timeout_s;
     }},
    {"lock.kind", KeyType::kWord,
     [](const Fields& f, S* o) { f.word("kind", kLockWords, &o->scenario.lock.kind); },
     [](const S& i, Json* j) { (*j)["kind"] = word_of(i.scenario.lock.kind, kLockWords); }},
    {"lock.handoff_ns", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("handoff_ns", 0, kMaxNs, &o->scenario.lock.handoff_ns);
     },
     [](const S& i, Json* j) { (*j)["handoff_ns"] = i.scenario.lock.handoff_ns; }},
    {"lock.remote_handoff_ns", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("remote_handoff_ns", 0, kMaxNs, &o->scenario.lock.remote_handoff_ns);
     },
     [](const S& i, Json* j) { (*j)["remote_handoff_ns"] = i.scenario.lock.remote_handoff_ns; }},
    // A number, or a profile object (read_node_profile).
    {"costs.node_visit_ns", KeyType::kNumber,
     [](const Fields& f, S* o) { read_node_visit(f, &o->scenario.costs); },
     [](const S& i, Json* j) {
       const CostConfig& c = i.scenario.costs;
       (*j)["node_visit_ns"] = c.node_visit_profile ? node_profile_json<Json>(*c.node_visit_profile)
                                                    : Json(c.node_visit_ns);
     }},
    {"costs.debug_factor", KeyType::kNumber,
     [](const Fields& f, S* o) {
       f.number("debug_factor", at_least(1), 1000, &o->scenario.costs.debug_factor);
     },
     [](const S& i, Json* j) { (*j)["debug_factor"] = i.scenario.costs.debug_factor; }},
    {"costs.unlink_ns", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("unlink_ns", 0, kMaxLongNs, &o->scenario.costs.unlink_ns);
     },
     [](const S& i, Json* j) { (*j)["unlink_ns"] = i.scenario.costs.unlink_ns; }},
    {"costs.cancel_cb_ns", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("cancel_cb_ns", 0, kMaxLongNs, &o->scenario.costs.cancel_cb_ns);
     },
     [](const S& i, Json* j) { (*j)["cancel_cb_ns"] = i.scenario.costs.cancel_cb_ns; }},
    {"costs.worker_exit_ns", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("worker_exit_ns", 0, kMaxLongNs, &o->scenario.costs.worker_exit_ns);
     },
     [](const S& i, Json* j) { (*j)["worker_exit_ns"] = i.scenario.costs.worker_exit_ns; }},
    {"costs.work_run_ns", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("work_run_ns", 0, kMaxNs, &o->scenario.costs.work_run_ns);
     },
     [](const S& i, Json* j) { (*j)["work_run_ns"] = i.scenario.costs.work_run_ns; }},
    {"task_work.unrelated", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("unrelated", 0, kMaxLongNs, &o->scenario.task_work.unrelated);
     },
     [](const S& i, Json* j) { (*j)["unrelated"] = i.scenario.task_work.unrelated; }},
    {"task_work.create_layout", KeyType::kWord,
     [](const Fields& f, S* o) {
       f.word("create_layout", kLayoutWords, &o->scenario.task_work.create_layout);
     },
     [](const S& i, Json* j) {
       (*j)["create_layout"] = word_of(i.scenario.task_work.create_layout, kLayoutWords);
     }},
    {"task_work.add_rate_hz", KeyType::kNumber,
     [](const Fields& f, S* o) {
       f.number("add_rate_hz", at_least(0), kMaxRate, &o->scenario.task_work.add_rate_hz);
     },
     [](const S& i, Json* j) { (*j)["add_rate_hz"] = i.scenario.task_work.add_rate_hz; }},
    // A number, or "never".
    {"task_work.drain_us", KeyType::kNumber,
     [](const Fields& f, S* o) {
       number_or_word(f, "drain_us", "never", TaskWorkConfig::kNoDrain, at_least(0), 1e9,
                      &o->scenario.task_work.drain_us);
     },
     [](const S& i, Json* j) {
       const TaskWorkConfig& t = i.scenario.task_work;
       (*j)["drain_us"] = t.drains() ? Json(t.drain_us) : Json("never");
     }},
    // Exactly one of workers / workers_per_cpu is given; check_io_wq resolves
    // the count, and the resolved scenario keeps the form it was given in.
    {"io_wq.workers", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("workers", 0, kMaxWorkers, &o->scenario.io_wq.workers);
     },
     [](const S& i, Json* j) {
       if (!i.workers_per_cpu) (*j)["workers"] = i.scenario.io_wq.workers;
     }},
    {"io_wq.workers_per_cpu", KeyType::kNumber,
     [](const Fields& f, S* o) {
       double per_cpu = kDefaultWorkersPerCpu;
       f.number("workers_per_cpu", at_least(0), 10000, &per_cpu);
       o->workers_per_cpu = per_cpu;
     },
     [](const S& i, Json* j) {
       if (i.workers_per_cpu) (*j)["workers_per_cpu"] = *i.workers_per_cpu;
     }},
    {"io_wq.pending_create", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("pending_create", 0, kMaxWorkers, &o->scenario.io_wq.pending_create);
     },
     [](const S& i, Json* j) { (*j)["pending_create"] = i.scenario.io_wq.pending_create; }},
    {"io_wq.racing_create", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("racing_create", 0, kMaxWorkers, &o->scenario.io_wq.racing_create);
     },
     [](const S& i, Json* j) { (*j)["racing_create"] = i.scenario.io_wq.racing_create; }},
    {"io_wq.create_cont", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("create_cont", 0, kMaxWorkers, &o->scenario.io_wq.create_cont);
     },
     [](const S& i, Json* j) { (*j)["create_cont"] = i.scenario.io_wq.create_cont; }},
    {"io_wq.exit", KeyType::kWord,
     [](const Fields& f, S* o) { f.word("exit", kExitWords, &o->scenario.io_wq.exit); },
     [](const S& i, Json* j) { (*j)["exit"] = word_of(i.scenario.io_wq.exit, kExitWords); }},
    {"io_wq.cancel_start_us", KeyType::kNumber,
     [](const Fields& f, S* o) {
       f.number("cancel_start_us", at_least(0), 1e9, &o->scenario.io_wq.cancel_start_us);
     },
     [](const S& i, Json* j) { (*j)["cancel_start_us"] = i.scenario.io_wq.cancel_start_us; }},
    {"io_wq.running_workers", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("running_workers", 0, kMaxWorkers, &o->scenario.io_wq.running_workers);
     },
     [](const S& i, Json* j) { (*j)["running_workers"] = i.scenario.io_wq.running_workers; }},
    {"io_wq.wake_jitter_us", KeyType::kNumber,
     [](const Fields& f, S* o) {
       f.number("wake_jitter_us", at_least(0), 1e9, &o->scenario.io_wq.wake_jitter_us);
     },
     [](const S& i, Json* j) { (*j)["wake_jitter_us"] = i.scenario.io_wq.wake_jitter_us; }},
    // An integer, or "all".
    {"io_wq.cpus_allowed", KeyType::kInteger,
     [](const Fields& f, S* o) { read_cpus_allowed(f, &o->scenario.io_wq); },
     [](const S& i, Json* j) {
       const int k = i.scenario.io_wq.cpus_allowed;
       (*j)["cpus_allowed"] = k > 0 ? Json(k) : Json("all");
     }},
    {"background.wakeups_hz", KeyType::kNumber,
     [](const Fields& f, S* o) {
       f.number("wakeups_hz", at_least(0), 1e9, &o->scenario.background.wakeups_hz);
     },
     [](const S& i, Json* j) { (*j)["wakeups_hz"] = i.scenario.background.wakeups_hz; }},
    {"background.wakeup_hold_ns", KeyType::kInteger,
     [](const Fields& f, S* o) {
       f.integer("wakeup_hold_ns", 0, kMaxNs, &o->scenario.background.wakeup_hold_ns);
     },
     [](const S& i, Json* j) { (*j)["wakeup_hold_ns"] = i.scenario.background.wakeup_hold_ns; }},
};

// "machine" for "machine.cpus", "" for "horizon_s".
std::string_view section_of(std::string_view path) {
  const std::size_t dot = path.find('.');
  return dot == std::string_view::npos ? std::string_view() : path.substr(0, dot);
}

// Reads every key of `section` from its fields.
void read_section(const Fields& f, std::string_view section, ScenarioRead* out) {
  for (const ScenarioKey& k : kScenarioKeys) {
    if (section_of(k.path) == section) k.read(f, out);
  }
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
  read_section(top, "", &out);
  const Fields machine(top.field("machine"), "machine");
  read_section(machine, "machine", &out);
  for (const std::string_view section : {"kernel", "lock", "costs", "task_work"}) {
    read_section(Fields(top.field(section), section), section, &out);
  }
  if (between_fields && s.machine.cpus % s.machine.sockets != 0) {
    machine.field("sockets").fail("must divide machine.cpus (" + std::to_string(s.machine.cpus) +
                                  ") evenly");
  }
  const Fields io_wq(top.field("io_wq"), "io_wq");
  if (io_wq.has("workers") && io_wq.has("workers_per_cpu")) {
    io_wq.node().fail("give either workers or workers_per_cpu, not both");
  }
  read_section(io_wq, "io_wq", &out);
  check_io_wq(io_wq, s.machine.cpus, between_fields, &out);
  read_section(Fields(top.field("background"), "background"), "background", &out);
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

std::span<const ScenarioKey> scenario_key_table() { return kScenarioKeys; }

Json scenario_object(const ScenarioRead& read) {
  Json doc = Json::object();
  for (const ScenarioKey& k : kScenarioKeys) {
    const std::string_view section = section_of(k.path);
    if (section.empty()) {
      k.write(read, &doc);
      continue;
    }
    Json& sub = doc[std::string(section)];
    if (sub.is_null()) sub = Json::object();
    k.write(read, &sub);
  }
  return doc;
}

std::string node_profile_to_json(const NodeCostProfile& profile) {
  return json_dump(node_profile_json<Json>(profile));
}

std::string scenario_to_json(const ScenarioConfig& scenario) {
  // nlohmann::json keeps keys sorted, which makes the text canonical.
  ScenarioRead read;
  read.scenario = scenario;
  return nlohmann::json::parse(json_dump(scenario_object(read))).dump();
}

}  // namespace twsim
