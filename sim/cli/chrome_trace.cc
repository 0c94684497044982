#include "sim/cli/chrome_trace.h"

#include <cinttypes>
#include <cstdio>
#include <set>
#include <string>

#include "sim/io/kernel_log.h"

namespace twsim {
namespace {

// JSON string escaping for the few characters our labels can contain.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Microseconds (the format's unit for ts and dur) with three decimals: exact
// for integer nanoseconds.
std::string micros(Ns ns) {
  char buf[32];
  const Ns whole = ns / 1000, frac = ns % 1000;
  std::snprintf(buf, sizeof buf, "%" PRId64 ".%03" PRId64, whole, frac < 0 ? -frac : frac);
  return buf;
}

// Slice names are few and fixed (aggregating by name in Perfetto means
// something); what varies goes into args.
std::string span_name(const TimelineSpan& s) {
  switch (s.kind) {
    case TimelineSpan::Kind::kSpin:
      return std::string("spin on pi_lock: ") + to_string(s.site);
    case TimelineSpan::Kind::kHold:
      return std::string("hold pi_lock: ") + to_string(s.site);
    default:
      return "interrupts off";
  }
}

const char* span_category(const TimelineSpan& s) {
  switch (s.kind) {
    case TimelineSpan::Kind::kSpin:
      return "spin";
    case TimelineSpan::Kind::kHold:
      return "hold";
    default:
      return "irqoff";
  }
}

std::string span_args(const TimelineSpan& s) {
  std::string args = "\"role\":\"" + std::string(to_string(s.role)) + "\"";
  if (s.kind != TimelineSpan::Kind::kIrqOff) {
    args += ",\"caller\":\"" + std::string(to_string(s.fn)) + "\"";
  }
  if (s.kind == TimelineSpan::Kind::kHold) {
    args += ",\"nodes\":" + std::to_string(s.nodes) +
            ",\"list_length\":" + std::to_string(s.list_length);
  }
  return args;
}

// Report instants are named by kind (the substrings the kernel prints,
// docs/kernel-facts.md §4); the printk line goes into args.
const char* report_name(ReportKind kind) {
  switch (kind) {
    case ReportKind::kHardLockup:
      return "watchdog: hard LOCKUP";
    case ReportKind::kSoftLockup:
      return "watchdog: soft lockup";
    default:
      return "rcu: detected stalls";
  }
}

class EventWriter {
 public:
  explicit EventWriter(std::ostream& out) : out_(out) {}
  void event(const std::string& body) {
    out_ << (first_ ? "\n" : ",\n") << "{" << body << "}";
    first_ = false;
  }

 private:
  std::ostream& out_;
  bool first_ = true;
};

// What was left out of one timeline, for people (a sentence) and scripts
// (numbers).
std::string left_out_note(const Timeline& t) {
  std::string note;
  const auto add = [&note](const std::string& what) { note += (note.empty() ? "" : "; ") + what; };
  if (t.omitted_spans > 0) {
    add(std::to_string(t.omitted_spans) + " spans no longer than " +
        std::to_string(t.omitted_below_ns) + " ns left out");
  }
  if (t.omitted_ticks > 0) {
    add(std::to_string(t.omitted_ticks) + " hrtimer and NMI instants of stretches no longer than " +
        std::to_string(t.omitted_ticks_below_ns) + " ns left out");
  }
  if (t.omitted_samples > 0) {
    add(std::to_string(t.omitted_samples) + " task_work list length samples thinned out");
  }
  if (t.filtered_cpus > 0) add(std::to_string(t.filtered_cpus) + " CPUs not drawn (--trace-cpus)");
  return note.empty() ? note : note + " to keep the trace loadable";
}

std::string left_out_args(const Timeline& t) {
  return "\"spans\":" + std::to_string(t.omitted_spans) +
         ",\"spans_no_longer_than_ns\":" + std::to_string(t.omitted_below_ns) +
         ",\"ticks\":" + std::to_string(t.omitted_ticks) +
         ",\"ticks_of_stretches_no_longer_than_ns\":" + std::to_string(t.omitted_ticks_below_ns) +
         ",\"list_length_samples\":" + std::to_string(t.omitted_samples) +
         ",\"cpus_not_drawn\":" + std::to_string(t.filtered_cpus);
}

}  // namespace

std::int64_t trace_tid(int pid, int cpu) { return std::int64_t{pid} * kTidsPerProcess + 1 + cpu; }

void write_chrome_trace(std::ostream& out,
                        const std::vector<std::pair<Algorithm, Timeline>>& timelines,
                        const ScenarioConfig& scenario, const std::string& title) {
  out << "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"title\":" << quoted(title);
  for (const auto& [algorithm, t] : timelines) {
    const std::string note = left_out_note(t);
    if (!note.empty()) out << ",\"note_" << to_string(algorithm) << "\":" << quoted(note);
    out << ",\"left_out_" << to_string(algorithm) << "\":{" << left_out_args(t) << "}";
  }
  out << "},\"traceEvents\":[";
  EventWriter w(out);
  int pid = 0;
  for (const auto& [algorithm, t] : timelines) {
    ++pid;
    const std::string p = "\"pid\":" + std::to_string(pid);
    // Process-wide events (the counter, the left-out note) sit on a tid no CPU has.
    const std::string process_tid = ",\"tid\":" + std::to_string(trace_tid(pid, -1));
    // Flow ids are global in a trace: each process gets its own range.
    const std::int64_t flow_base = std::int64_t{pid} * 10'000'000'000;
    const auto flow_id = [&](std::int64_t id) { return std::to_string(flow_base + id); };
    w.event("\"ph\":\"M\",\"name\":\"process_name\"," + p +
            ",\"args\":{\"name\":" + quoted(std::string(to_string(algorithm)) + " teardown") + "}");
    std::set<int> cpus;
    for (const auto& s : t.spans) cpus.insert(s.cpu);
    for (const auto& i : t.instants) cpus.insert(i.cpu);
    for (int cpu : cpus) {
      const std::string tid = ",\"tid\":" + std::to_string(trace_tid(pid, cpu));
      w.event("\"ph\":\"M\",\"name\":\"thread_name\"," + p + tid + ",\"args\":{\"name\":\"CPU " +
              std::to_string(cpu) + "\"}");
      w.event("\"ph\":\"M\",\"name\":\"thread_sort_index\"," + p + tid +
              ",\"args\":{\"sort_index\":" + std::to_string(cpu) + "}");
    }
    const std::string note = left_out_note(t);
    if (!note.empty()) {
      // A process-scoped instant, so the thinning shows in the UI as well.
      w.event("\"ph\":\"i\",\"s\":\"p\",\"name\":\"trace thinned\",\"cat\":\"note\"," + p +
              process_tid + ",\"ts\":0.000,\"args\":{\"note\":" + quoted(note) + "," +
              left_out_args(t) + "}");
    }
    for (const TimelineSpan& s : t.spans) {
      const std::string tid = ",\"tid\":" + std::to_string(trace_tid(pid, s.cpu));
      std::string flow;
      if (s.kind == TimelineSpan::Kind::kHold && s.handover_id > 0) {
        flow = ",\"bind_id\":" + flow_id(s.handover_id) + ",\"flow_out\":true";
      }
      w.event("\"ph\":\"X\",\"name\":" + quoted(span_name(s)) + ",\"cat\":\"" + span_category(s) +
              "\"," + p + tid + ",\"ts\":" + micros(s.start) +
              ",\"dur\":" + micros(s.end - s.start) + flow + ",\"args\":{" + span_args(s) + "}");
      if (s.kind == TimelineSpan::Kind::kSpin && s.handover_id > 0) {
        // The hand-over: from the holder's release until this waiter owns
        // the lock (the cache-line transfer), the end of a flow.
        w.event("\"ph\":\"X\",\"name\":\"pi_lock hand-over\",\"cat\":\"handover\"," + p + tid +
                ",\"ts\":" + micros(s.handover_at) + ",\"dur\":" + micros(s.end - s.handover_at) +
                ",\"bind_id\":" + flow_id(s.handover_id) + ",\"flow_in\":true,\"args\":{}");
      }
    }
    for (const TimelineInstant& i : t.instants) {
      const std::string tid = ",\"tid\":" + std::to_string(trace_tid(pid, i.cpu));
      std::string name, args;
      switch (i.kind) {
        case TimelineInstant::Kind::kHrtimer:
          name = "hrtimer";
          break;
        case TimelineInstant::Kind::kNmi:
          name = "NMI (accepted)";
          break;
        default:
          name = report_name(i.report.kind);
          args =
              ",\"args\":{\"line\":" + quoted(kernel_log_line(i.report, scenario.kernel.preempt)) +
              "}";
          break;
      }
      const char* cat = i.kind == TimelineInstant::Kind::kReport ? "report" : "watchdog";
      w.event("\"ph\":\"i\",\"s\":\"t\",\"name\":" + quoted(name) + ",\"cat\":\"" + cat + "\"," +
              p + tid + ",\"ts\":" + micros(i.at) + args);
    }
    for (const auto& [at, length] : t.list_length) {
      w.event("\"ph\":\"C\",\"name\":\"task_work list length\"," + p + process_tid +
              ",\"ts\":" + micros(at) + ",\"args\":{\"nodes\":" + std::to_string(length) + "}");
    }
  }
  out << "\n]}\n";
}

}  // namespace twsim
