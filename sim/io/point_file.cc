#include "sim/io/point_file.h"

#include <algorithm>
#include <cinttypes>
#include <climits>
#include <cstdio>
#include <optional>
#include <span>
#include <stdexcept>
#include <utility>

#include "sim/core/fnv1a.h"
#include "sim/core/word_checksum.h"
#include "sim/io/json_cursor.h"
#include "sim/io/json_document.h"
#include "sim/io/json_writer.h"
#include "sim/io/kernel_log.h"
#include "sim/io/number_format.h"
#include "sim/io/results_json.h"
#include "sim/scenario/run_fields.h"

namespace twsim {
namespace {

constexpr const char* kFormat = "twsim-point/7";

// A new RunMetrics or LockStat field must be written and read below; this
// trips when one is added without updating this file (LP64 sizes).
static_assert(sizeof(void*) != 8 ||
                  sizeof(LockStat) == 10 * 8 + 2 * kCallSites * 8 + kKernelFns * sizeof(LockCaller),
              "LockStat changed: store the new field in point files");
static_assert(sizeof(void*) != 8 ||
                  sizeof(RunMetrics) == 208 + 7 * 8 + 8 * IrqOffHistogram::kBins + sizeof(LockStat),
              "RunMetrics changed: store the new field in point files");

// Thrown inside this file only, for a file that is not what it should be.
struct Corrupt : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The enumerator of `E` whose to_string is `w`; `what` names w in the error.
template <typename E, std::size_t N>
E word_in(std::string_view w, const char* what, const E (&values)[N], const char* (*name)(E)) {
  for (const E e : values) {
    if (w == name(e)) return e;
  }
  throw Corrupt(std::string(what) + " is not a known word");
}

constexpr Role kRoles[] = {Role::kNone, Role::kSubmitter, Role::kWorker, Role::kBackground};
constexpr KernelFn kKernelFnValues[] = {KernelFn::kNone, KernelFn::kIoWqCancelTwCreate,
                                        KernelFn::kIoWorkerExit, KernelFn::kTaskWorkRun,
                                        KernelFn::kTryToWakeUp};
const char* fn_name(KernelFn f) { return to_string(f); }
constexpr Verdict kVerdicts[] = {Verdict::kClean, Verdict::kRcu, Verdict::kSoft, Verdict::kHard};
constexpr ReportKind kReportKinds[] = {ReportKind::kHardLockup, ReportKind::kSoftLockup,
                                       ReportKind::kRcuStall};
const char* role_name(Role r) { return to_string(r); }
const char* verdict_name(Verdict v) { return to_string(v); }

void write_by_site(JsonWriter* w, const char* name, const std::int64_t (&by_site)[kCallSites]) {
  w->key(name);
  w->begin_object();
  for (int i = 0; i < kCallSites; ++i) {
    w->key(to_string(static_cast<CallSite>(i)));
    w->value(by_site[i]);
  }
  w->end_object();
}

void by_site_from(JsonCursor* in, const char* name, std::int64_t (&by_site)[kCallSites]) {
  in->key(name);
  in->expect('{');
  for (int i = 0; i < kCallSites; ++i) {
    if (i > 0) in->expect(',');
    in->key(to_string(static_cast<CallSite>(i)));
    by_site[i] = in->integer();
  }
  in->expect('}');
}

// Callers as [acquisitions, contentions, wait total, wait max, hold total,
// hold max], keyed by KernelFn name.
void write_callers(JsonWriter* w, const LockStat& s) {
  w->key("callers");
  w->begin_object();
  for (int i = 0; i < kKernelFns; ++i) {
    const LockCaller& c = s.by_caller[i];
    w->key(to_string(static_cast<KernelFn>(i)));
    w->begin_array();
    for (const std::int64_t v : {c.acquisitions, c.contentions, c.wait_total_ns, c.wait_max_ns,
                                 c.hold_total_ns, c.hold_max_ns}) {
      w->value(v);
    }
    w->end_array();
  }
  w->end_object();
}

void callers_from(JsonCursor* in, LockStat* s) {
  in->key("callers");
  in->expect('{');
  for (int i = 0; i < kKernelFns; ++i) {
    if (i > 0) in->expect(',');
    in->key(to_string(static_cast<KernelFn>(i)));
    std::int64_t f[6];
    for (std::size_t k = 0; k < 6; ++k) {
      in->expect(k == 0 ? '[' : ',');
      f[k] = in->integer();
    }
    in->expect(']');
    s->by_caller[i] = {f[0], f[1], f[2], f[3], f[4], f[5]};
  }
  in->expect('}');
}

// LockStat as point files hold it: kLockStatFirst, the two by-site objects,
// kLockStatBounces, then the callers. One list for the writer and the reader.
struct LockStatMember {
  const char* name;
  std::int64_t LockStat::*field;
};
constexpr LockStatMember kLockStatFirst[] = {
    {"acquisitions", &LockStat::acquisitions},   {"contentions", &LockStat::contentions},
    {"wait_min_ns", &LockStat::wait_min_ns},     {"wait_max_ns", &LockStat::wait_max_ns},
    {"wait_total_ns", &LockStat::wait_total_ns}, {"hold_min_ns", &LockStat::hold_min_ns},
    {"hold_max_ns", &LockStat::hold_max_ns},     {"hold_total_ns", &LockStat::hold_total_ns}};
constexpr LockStatMember kLockStatBounces[] = {{"con_bounces", &LockStat::con_bounces},
                                               {"acq_bounces", &LockStat::acq_bounces}};

void write_lock_stat(JsonWriter* w, const LockStat& s) {
  const auto members = [&](std::span<const LockStatMember> list) {
    for (const LockStatMember& m : list) {
      w->key(m.name);
      w->value(s.*m.field);
    }
  };
  w->key("lock_stat");
  w->begin_object();
  members(kLockStatFirst);
  write_by_site(w, "contentions_by_site", s.contentions_by_site);
  write_by_site(w, "contending_by_site", s.contending_by_site);
  members(kLockStatBounces);
  write_callers(w, s);
  w->end_object();
}

LockStat lock_stat_from(JsonCursor* in) {
  LockStat s;
  const auto members = [&](std::span<const LockStatMember> list) {
    for (const LockStatMember& m : list) {
      in->key(m.name);
      s.*m.field = in->integer();
      in->expect(',');
    }
  };
  in->key("lock_stat");
  in->expect('{');
  members(kLockStatFirst);
  by_site_from(in, "contentions_by_site", s.contentions_by_site);
  in->expect(',');
  by_site_from(in, "contending_by_site", s.contending_by_site);
  in->expect(',');
  members(kLockStatBounces);
  callers_from(in, &s);
  in->expect('}');
  return s;
}

// A run field (run_fields.h) as JSON: an integer, a boolean, or a word ("" for
// the role or function of a report that did not happen).
void write_field(JsonWriter* w, const RunField& f, const RunMetrics& m) {
  const std::int64_t v = f.get(m);
  w->key(f.name);
  switch (f.format) {
    case FieldFormat::kFlag:
      return w->value(v != 0);
    case FieldFormat::kRole:
      return w->value(v < 0 ? "" : to_string(static_cast<Role>(v)));
    case FieldFormat::kKernelFn:
      return w->value(v < 0 ? "" : to_string(static_cast<KernelFn>(v)));
    case FieldFormat::kVerdict:
      return w->value(to_string(static_cast<Verdict>(v)));
    default:
      return w->value(v);
  }
}

// The integer value of run field `f`, next in `in`, as write_field wrote it.
std::int64_t field_from(const RunField& f, JsonCursor* in) {
  in->key(f.name);
  switch (f.format) {
    case FieldFormat::kInt:
    case FieldFormat::kOptionalInt:
      return in->integer();
    case FieldFormat::kFlag:
      return in->boolean() ? 1 : 0;
    case FieldFormat::kRole: {
      const std::string_view w = in->word();
      return w.empty() ? -1 : static_cast<std::int64_t>(word_in(w, f.name, kRoles, role_name));
    }
    case FieldFormat::kKernelFn: {
      const std::string_view w = in->word();
      return w.empty() ? -1
                       : static_cast<std::int64_t>(word_in(w, f.name, kKernelFnValues, fn_name));
    }
    case FieldFormat::kVerdict:
      return static_cast<std::int64_t>(word_in(in->word(), f.name, kVerdicts, verdict_name));
  }
  throw Corrupt(std::string(f.name) + " has no known format");
}

// The histogram's non-empty bins as [[bin, count], ...].
void write_histogram(JsonWriter* w, const IrqOffHistogram& h) {
  w->key("irqoff_histogram");
  w->begin_array();
  for (int k = 0; k < IrqOffHistogram::kBins; ++k) {
    if (h.counts[k] == 0) continue;
    w->begin_array();
    w->value(k);
    w->value(h.counts[k]);
    w->end_array();
  }
  w->end_array();
}

IrqOffHistogram histogram_from(JsonCursor* in) {
  IrqOffHistogram h;
  in->key("irqoff_histogram");
  in->expect('[');
  if (in->consume(']')) return h;
  do {
    in->expect('[');
    const std::int64_t k = in->integer();
    if (k < 0 || k >= IrqOffHistogram::kBins) throw Corrupt("histogram bin out of range");
    in->expect(',');
    h.counts[static_cast<std::size_t>(k)] = in->integer();
    in->expect(']');
  } while (in->consume(','));
  in->expect(']');
  return h;
}

void write_run(JsonWriter* w, const RunMetrics& m) {
  w->begin_object();
  for (const RunField& f : run_fields()) write_field(w, f, m);
  write_lock_stat(w, m.lock_stat);
  write_histogram(w, m.irqoff_histogram);
  w->key("reports");
  w->begin_array();
  // Up to 1,024 reports a run: each built as one array of text (its three
  // words are fixed identifiers, quoted as they are), the same bytes as seven
  // values through the writer in a third of the time.
  std::string item;
  for (const DetectorReport& r : m.reports) {
    item.assign("[\"").append(report_kind_name(r.kind)).append("\",");
    append_decimal(&item, r.at_ns);
    item.push_back(',');
    append_decimal(&item, std::int64_t{r.cpu});
    item.push_back(',');
    append_decimal(&item, std::int64_t{r.checker_cpu});
    item.push_back(',');
    append_decimal(&item, r.stuck_ns);
    item.append(",\"").append(to_string(r.role)).append("\",\"").append(to_string(r.fn));
    item.append("\"]");
    w->raw(item);
  }
  w->end_array();
  w->key("events");
  w->value(m.events);
  w->end_object();
}

DetectorReport report_from(JsonCursor* in) {
  DetectorReport r{};
  in->expect('[');
  r.kind = word_in(in->word(), "a report's kind", kReportKinds, report_kind_name);
  in->expect(',');
  r.at_ns = in->integer();
  in->expect(',');
  const std::int64_t cpu = in->integer();
  in->expect(',');
  const std::int64_t checker = in->integer();
  if (cpu < INT_MIN || cpu > INT_MAX || checker < INT_MIN || checker > INT_MAX) {
    throw Corrupt("a report's CPU is out of range");
  }
  r.cpu = static_cast<int>(cpu);
  r.checker_cpu = static_cast<int>(checker);
  in->expect(',');
  r.stuck_ns = in->integer();
  in->expect(',');
  r.role = word_in(in->word(), "a report's role", kRoles, role_name);
  in->expect(',');
  r.fn = word_in(in->word(), "a report's function", kKernelFnValues, fn_name);
  in->expect(']');
  return r;
}

RunMetrics run_from(JsonCursor* in) {
  RunMetrics m;
  in->expect('{');
  for (const RunField& f : run_fields()) {
    f.set(m, field_from(f, in));
    in->expect(',');
  }
  m.lock_stat = lock_stat_from(in);
  in->expect(',');
  m.irqoff_histogram = histogram_from(in);
  in->expect(',');
  in->key("reports");
  in->expect('[');
  if (!in->consume(']')) {
    do {
      m.reports.push_back(report_from(in));
    } while (in->consume(','));
    in->expect(']');
  }
  in->expect(',');
  in->key("events");
  m.events = in->unsigned_integer();
  in->expect('}');
  return m;
}

// The JSON text of the algorithm list, as the writer writes it.
std::string algorithms_text(const std::vector<Algorithm>& algorithms) {
  std::string text;
  JsonWriter w(&text);
  w.begin_array();
  for (const Algorithm a : algorithms) w.value(to_string(a));
  w.end_array();
  return text;
}

// Reads "runs": one list per algorithm of `id`, each of id.replications runs.
void read_runs(JsonCursor* in, const PointIdentity& id, PointRuns* out) {
  in->key("runs");
  in->expect('{');
  out->runs.clear();
  for (std::size_t a = 0; a < id.algorithms.size(); ++a) {
    if (a > 0) in->expect(',');
    const char* name = to_string(id.algorithms[a]);
    in->key(name);
    in->expect('[');
    std::vector<RunMetrics> algo;
    algo.reserve(static_cast<std::size_t>(id.replications));
    if (!in->consume(']')) {
      do {
        algo.push_back(run_from(in));
      } while (in->consume(','));
      in->expect(']');
    }
    if (algo.size() != static_cast<std::size_t>(id.replications)) {
      throw Corrupt(std::string("incomplete: \"runs\"/\"") + name + "\" must hold " +
                    std::to_string(id.replications) + " runs");
    }
    out->runs.push_back(std::move(algo));
  }
  in->expect('}');
}

// 16 hex digits.
std::string hex16(std::uint64_t v) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, v);
  return hex;
}

// The end of a point file's document: its checksum, the last member
// (kChecksumMark, 16 hex digits, then "\"}").
constexpr std::string_view kChecksumMark = ",\"checksum\":\"";
constexpr std::size_t kChecksumDigits = 16;
std::string checksum_tail(const std::string& checksum) {
  return std::string(kChecksumMark) + checksum + "\"}";
}

}  // namespace

PointIdentity point_identity(const ExperimentConfig& config, std::size_t index,
                             const std::string& version) {
  return PointIdentity{config.points[index].resolved_json, config.seed, config.replications,
                       config.algorithms, version};
}

// 16 hex digits of the content's checksum (word_checksum.h).
std::string checksum_of(std::string_view text) { return hex16(word_checksum64(text)); }

std::string point_key(const PointIdentity& id) {
  // Each field on its own line, labelled, so that no two identities run
  // together into the same bytes.
  std::string text = std::string(kFormat) + "\ntwsim " + id.twsim + "\nseed " +
                     std::to_string(id.seed) + "\nreplications " + std::to_string(id.replications) +
                     "\nalgorithms";
  for (const Algorithm a : id.algorithms) text += std::string(" ") + to_string(a);
  text += "\nscenario " + id.scenario_json;
  return hex16(fnv1a64(text));
}

std::string point_file_text(const PointIdentity& id, const PointRuns& runs) {
  const std::optional<Json> scenario = try_parse_json(id.scenario_json);
  std::string text;
  JsonWriter w(&text);
  w.begin_object();
  w.key("format");
  w.value(kFormat);
  w.key("key");
  w.value(point_key(id));
  w.key("twsim");
  w.value(id.twsim);
  w.key("seed");
  w.value(id.seed);
  w.key("replications");
  w.value(id.replications);
  w.key("algorithms");
  w.raw(algorithms_text(id.algorithms));
  w.key("scenario");
  if (scenario) {
    w.raw(json_dump(*scenario));
  } else {
    w.value(id.scenario_json);
  }
  w.key("runs");
  w.begin_object();
  for (std::size_t a = 0; a < id.algorithms.size(); ++a) {
    w.key(to_string(id.algorithms[a]));
    w.begin_array();
    for (const RunMetrics& m : runs.runs[a]) write_run(&w, m);
    w.end_array();
  }
  w.end_object();
  w.end_object();
  // The checksum covers the document without it; it is then its last member.
  const std::string checksum = checksum_of(text);
  text.pop_back();
  text += checksum_tail(checksum) + "\n";
  return text;
}

namespace {

// A point file split at its checksum member: the document before it, and
// the checksum written (empty if the text does not end with checksum_tail
// and an optional newline: a file cut short).
struct Checksummed {
  std::string_view before;
  std::string_view written;
};
Checksummed split_at_checksum(std::string_view text) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  const std::size_t tail = kChecksumMark.size() + kChecksumDigits + 2;
  if (text.size() < tail || !text.ends_with("\"}")) return {};
  const std::size_t at = text.size() - tail;
  if (text.substr(at, kChecksumMark.size()) != kChecksumMark) return {};
  return {text.substr(0, at), text.substr(at + kChecksumMark.size(), kChecksumDigits)};
}

// Whether `written` is the checksum of the document `before` closed, as the
// writer took it.
bool checksum_holds(std::string_view before, std::string_view written) {
  std::string body(before);
  body += '}';
  return written == checksum_of(body);
}

// The member `name` next in `in`, as text, and the comma after it.
std::string_view member_text(JsonCursor* in, const char* name) {
  in->key(name);
  const std::string_view v = in->value_text();
  in->expect(',');
  return v;
}

// Checks the identity members of a point file, next in `in`, against
// `expected`; returns false and sets *why if they differ.
bool identity_holds(JsonCursor* in, const PointIdentity& expected, std::string* why) {
  if (member_text(in, "key") != "\"" + point_key(expected) + "\"") {
    *why = "key does not match its identity";
    return false;
  }
  std::string twsim;
  append_json_string(&twsim, expected.twsim);
  const std::string_view written_by = member_text(in, "twsim");
  if (written_by != twsim) {
    *why = "written by twsim " + printable(written_by) + ", not " + expected.twsim;
    return false;
  }
  if (member_text(in, "seed") != std::to_string(expected.seed) ||
      member_text(in, "replications") != std::to_string(expected.replications) ||
      member_text(in, "algorithms") != algorithms_text(expected.algorithms)) {
    *why = "written for another seed, replication count or algorithm list";
    return false;
  }
  const std::optional<Json> scenario = try_parse_json(expected.scenario_json);
  if (!scenario || member_text(in, "scenario") != json_dump(*scenario)) {
    *why = "written for another scenario";
    return false;
  }
  return true;
}

}  // namespace

bool read_point_file(std::string_view text, const PointIdentity& expected, PointRuns* runs,
                     std::string* why) {
  const std::string format = "{\"format\":\"" + std::string(kFormat) + "\"";
  if (text.substr(0, format.size()) != format) {
    *why = text.empty() ? "empty file"
                        : "not a twsim point file (format " + std::string(kFormat) + ")";
    return false;
  }
  // The checksum covers the document as written without it (its last
  // member): a changed byte (a hand edit, a bit flip) or a file cut short is
  // caught before a number is trusted.
  const Checksummed split = split_at_checksum(text);
  if (split.written.empty()) {
    *why = "cut short: it does not end with its checksum";
    return false;
  }
  if (!checksum_holds(split.before, split.written)) {
    *why = "checksum mismatch: the file was changed after twsim wrote it";
    return false;
  }
  try {
    // The members before the checksum; "runs" must be the last of them.
    JsonCursor in(split.before.substr(format.size()));
    in.expect(',');
    if (!identity_holds(&in, expected, why)) return false;
    read_runs(&in, expected, runs);
    if (!in.at_end()) throw Corrupt("text after \"runs\"");
  } catch (const Corrupt& e) {
    *why = std::string("corrupt: ") + e.what();
    return false;
  } catch (const JsonCursor::Error& e) {
    *why = std::string("corrupt: ") + e.what();
    return false;
  }
  return true;
}

}  // namespace twsim
