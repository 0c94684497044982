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

// Microseconds with three decimals: exact for integer nanoseconds.
std::string micros(Ns ns) {
  char buf[32];
  const Ns whole = ns / 1000, frac = ns % 1000;
  std::snprintf(buf, sizeof buf, "%" PRId64 ".%03" PRId64, whole, frac < 0 ? -frac : frac);
  return buf;
}

std::string span_name(const TimelineSpan& s) {
  switch (s.kind) {
    case TimelineSpan::Kind::kSpin:
      return std::string("spin on pi_lock (") + to_string(s.site) + ")";
    case TimelineSpan::Kind::kHold:
      return std::string("hold pi_lock: ") + to_string(s.site) +
             (s.site == CallSite::kTtwu || s.site == CallSite::kTaskWorkRun
                  ? ""
                  : " walking " + std::to_string(s.nodes) + " nodes");
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

}  // namespace

void write_chrome_trace(std::ostream& out,
                        const std::vector<std::pair<Algorithm, Timeline>>& timelines,
                        const ScenarioConfig& scenario, const std::string& title) {
  out << "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"title\":" << quoted(title);
  for (const auto& [algorithm, t] : timelines) {
    std::string note;
    const auto add = [&note](const std::string& what) {
      note += (note.empty() ? "" : "; ") + what;
    };
    if (t.omitted_spans > 0) {
      add(std::to_string(t.omitted_spans) + " spans no longer than " +
          std::to_string(t.omitted_below_ns) + " ns left out");
    }
    if (t.omitted_ticks > 0) {
      add(std::to_string(t.omitted_ticks) +
          " hrtimer and NMI instants after the last shown left out");
    }
    if (t.omitted_samples > 0) {
      add(std::to_string(t.omitted_samples) + " task_work list length samples thinned out");
    }
    if (!note.empty()) {
      out << ",\"note_" << to_string(algorithm)
          << "\":" << quoted(note + " to keep the trace loadable");
    }
  }
  out << "},\"traceEvents\":[";
  EventWriter w(out);
  int pid = 0;
  for (const auto& [algorithm, t] : timelines) {
    ++pid;
    const std::string p = "\"pid\":" + std::to_string(pid);
    w.event("\"ph\":\"M\",\"name\":\"process_name\"," + p +
            ",\"args\":{\"name\":" + quoted(std::string(to_string(algorithm)) + " teardown") + "}");
    std::set<int> cpus;
    for (const auto& s : t.spans) cpus.insert(s.cpu);
    for (const auto& i : t.instants) cpus.insert(i.cpu);
    for (int cpu : cpus) {
      w.event("\"ph\":\"M\",\"name\":\"thread_name\"," + p + ",\"tid\":" + std::to_string(cpu) +
              ",\"args\":{\"name\":\"CPU " + std::to_string(cpu) + "\"}");
      w.event("\"ph\":\"M\",\"name\":\"thread_sort_index\"," + p + ",\"tid\":" +
              std::to_string(cpu) + ",\"args\":{\"sort_index\":" + std::to_string(cpu) + "}");
    }
    for (const TimelineSpan& s : t.spans) {
      w.event("\"ph\":\"X\",\"name\":" + quoted(span_name(s)) + ",\"cat\":\"" + span_category(s) +
              "\"," + p + ",\"tid\":" + std::to_string(s.cpu) + ",\"ts\":" + micros(s.start) +
              ",\"dur\":" + micros(s.end - s.start) + ",\"args\":{\"role\":\"" + to_string(s.role) +
              "\"}");
    }
    for (const TimelineInstant& i : t.instants) {
      std::string name;
      switch (i.kind) {
        case TimelineInstant::Kind::kHrtimer:
          name = "hrtimer";
          break;
        case TimelineInstant::Kind::kNmi:
          name = "NMI (accepted)";
          break;
        default:
          name = kernel_log_line(i.report, scenario.kernel.preempt);
          break;
      }
      const char* cat = i.kind == TimelineInstant::Kind::kReport ? "report" : "watchdog";
      w.event("\"ph\":\"i\",\"s\":\"t\",\"name\":" + quoted(name) + ",\"cat\":\"" + cat + "\"," +
              p + ",\"tid\":" + std::to_string(i.cpu) + ",\"ts\":" + micros(i.at));
    }
    for (const auto& [at, length] : t.list_length) {
      w.event("\"ph\":\"C\",\"name\":\"task_work list length\"," + p + ",\"ts\":" + micros(at) +
              ",\"args\":{\"nodes\":" + std::to_string(length) + "}");
    }
  }
  out << "\n]}\n";
}

}  // namespace twsim
