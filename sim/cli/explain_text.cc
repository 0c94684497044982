#include "sim/cli/explain_text.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/cli/human_units.h"
#include "sim/io/kernel_log.h"
#include "sim/io/number_format.h"
#include "sim/model/explain.h"
#include "sim/model/timeline.h"

namespace twsim {
namespace {

std::string at(Ns t) { return "t=" + human_duration(static_cast<double>(t)); }
std::string dur(Ns t) { return human_duration(static_cast<double>(t)); }

std::string doing(Role role, KernelFn fn) {
  switch (role) {
    case Role::kSubmitter:
      return std::string("the exiting submitter in ") + to_string(fn);
    case Role::kWorker:
      return std::string("an exiting io-wq worker in ") + to_string(fn);
    case Role::kBackground:
      return "a try_to_wake_up of the submitter";
    default:
      return "nothing";
  }
}

// Why this CPU: how it was picked.
enum class CpuChoice { kFirstReported, kLongestStretch, kGiven };

// "41 x task_work_cancel_match by workers (100,000 nodes, 40.0 ms each)".
void describe_holders(std::ostream& out, const std::vector<LockCall>& ahead) {
  struct Group {
    int count = 0;
    std::int64_t nodes = 0;
    Ns hold = 0;
  };
  std::map<std::pair<int, int>, Group> groups;  // (site, role) -> totals
  for (const LockCall& c : ahead) {
    Group& g = groups[{static_cast<int>(c.site), static_cast<int>(c.role)}];
    ++g.count;
    g.nodes += c.nodes;
    g.hold += c.released - c.granted;
  }
  for (const auto& [key, g] : groups) {
    out << "    " << g.count << " x " << to_string(static_cast<CallSite>(key.first)) << " by "
        << to_string(static_cast<Role>(key.second)) << (g.count > 1 ? "s" : "");
    if (g.nodes > 0) out << ", walking " << g.nodes / g.count << " nodes on average";
    out << ", holding " << dur(g.hold / g.count) << " each (" << dur(g.hold) << " in all)\n";
  }
}

// The back-to-back stretches the hard-lockup detector sees as one.
void describe_chain(std::ostream& out, const Explanation& e) {
  if (e.chain.size() < 2) return;
  Ns longest = 0;
  for (const IrqOffStretch& c : e.chain) longest = std::max(longest, c.end - c.start);
  out << "Its interrupts were off back to back in " << e.chain.size() << " stretches from "
      << at(e.chain.front().start) << " to " << at(e.chain.back().end)
      << ", each starting as the one before ended (a lock call right after an unlock, or the "
         "next thread's right after a context switch), with no hrtimer firing between them: "
         "to the hard-lockup detector that is one "
      << dur(e.chain.back().end - e.chain.front().start) << " stretch, though none alone was "
      << "longer than " << dur(longest) << ".";
  if (e.reported) out << " The report came from these back-to-back stretches.";
  out << "\n";
}

void explain(std::ostream& out, const Explanation& e, const ScenarioConfig& scenario,
             CpuChoice choice) {
  if (!e.any) {
    if (e.cpu < 0) {
      out << "No CPU turned interrupts off in this run; nothing could trip.\n";
    } else {
      out << "CPU " << e.cpu << " never turned interrupts off in this run.\n";
    }
    return;
  }
  const IrqOffStretch& s = e.stretch;
  out << "CPU " << e.cpu << " ("
      << (choice == CpuChoice::kFirstReported    ? "the first CPU reported"
          : choice == CpuChoice::kLongestStretch ? "no report; the run's longest stretch"
                                                 : "chosen with --cpu")
      << ") was running " << doing(s.role, s.fn) << ".\n"
      << "Its interrupts were off for " << dur(s.end - s.start) << ", from " << at(s.start)
      << " (raw_spin_lock_irqsave on the submitter's pi_lock) to " << at(s.end)
      << " (raw_spin_unlock_irqrestore):\n"
      << "  " << dur(s.wait_ns) << " spinning for the lock behind " << e.ahead.size() << " holder"
      << (e.ahead.size() == 1 ? "" : "s") << ":\n";
  describe_holders(out, e.ahead);
  out << "  " << dur(s.end - s.start - s.wait_ns) << " holding it itself in "
      << to_string(e.own.site);
  if (e.own.site != CallSite::kTtwu && e.own.site != CallSite::kTaskWorkRun) {
    out << ", walking " << e.own.nodes << " nodes";
  }
  out << ".\n";
  describe_chain(out, e);

  out << "Its watchdog hrtimer (every " << dur(e.sample_period_ns) << ") last fired at "
      << at(e.last_firing_before_ns) << "; ";
  if (e.firing_at_end_ns >= 0) {
    out << "the expiries due while interrupts were off fired once, at " << at(e.firing_at_end_ns)
        << ".\n";
  } else {
    out << "no expiry fell inside the stretch.\n";
  }
  if (e.perf) {
    out << "perf NMI checks (accepted every " << dur(e.nmi_period_ns) << ") during the stretch:";
    if (e.nmi_checks.empty()) out << " none";
    out << "\n";
    for (const auto& c : e.nmi_checks) {
      out << "  " << at(c.at) << ": hrtimer_interrupts "
          << (c.progress ? "had moved since the previous check (re-sync, no report)"
                         : "had not moved since the previous check: hard lockup")
          << "\n";
    }
  } else {
    out << "hard-lockup detector: "
        << (scenario.kernel.hardlockup_detector == HardlockupDetector::kOff
                ? "off"
                : "buddy (the previous CPU checks it from its own hrtimer)")
        << ".\n";
  }
  if (e.reports.empty()) {
    out << "No detector reported CPU " << e.cpu << ".\n";
  } else {
    out << "Reports about CPU " << e.cpu << ":\n";
    for (const DetectorReport& r : e.reports) {
      out << "  " << kernel_log_line(r, scenario.kernel.preempt) << "\n";
    }
  }
}

}  // namespace

void write_explanation(std::ostream& out, const ExperimentConfig& config,
                       const ExplainRequest& request) {
  const Point& p = config.points[static_cast<std::size_t>(request.point)];
  const Algorithm a = request.algorithm;
  const std::optional<int>& given_replication = request.replication;
  const std::optional<int>& given_cpu = request.cpu;
  // The first replication with a report, unless one was given.
  int replication = given_replication.value_or(0);
  RunDetail run = simulate_teardown_detailed(p.scenario, a, config.seed, replication);
  for (int r = 1; !given_replication && run.metrics.reports.empty() && r < config.replications;
       ++r) {
    RunDetail next = simulate_teardown_detailed(p.scenario, a, config.seed, r);
    if (!next.metrics.reports.empty()) {
      replication = r;
      run = std::move(next);
    }
  }
  out << "== " << config.name << ", point " << request.point;
  for (const auto& [key, value] : p.params) out << ", " << key << "=" << value;
  out << ", replication " << replication << ", " << to_string(a) << " algorithm ==\n";
  if (!given_replication) {
    out << (run.metrics.reports.empty()
                ? "(no replication has a detector report; --replication picks another)\n"
                : "(the first replication with a detector report; --replication picks "
                  "another)\n");
  }
  if (!run.metrics.teardown_complete) {
    out << "The teardown had not ended when the run was cut off at horizon_s = "
        << format_double(p.scenario.horizon_s)
        << " s: what follows is what happened until then, and a detector might have "
           "reported later (raise horizon_s).\n";
  }
  const int cpu = given_cpu.value_or(cpu_to_explain(run));
  const CpuChoice choice = given_cpu                      ? CpuChoice::kGiven
                           : !run.metrics.reports.empty() ? CpuChoice::kFirstReported
                                                          : CpuChoice::kLongestStretch;
  const Explanation e =
      cpu < 0 ? Explanation{} : explain_cpu(run, cpu, p.scenario, config.seed, replication);
  explain(out, e, p.scenario, choice);
}

}  // namespace twsim
