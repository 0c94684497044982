#include "sim/io/point_file.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <utility>

#include "sim/core/fnv1a.h"
#include "sim/core/word_checksum.h"
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

const Json& member(const Json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) {
    throw Corrupt(std::string("missing \"") + key + "\"");
  }
  return object[key];
}

std::int64_t integer(const Json& object, const char* key) {
  const Json& v = member(object, key);
  if (!v.is_number_integer()) throw Corrupt(std::string("\"") + key + "\" is not an integer");
  return v.get<std::int64_t>();
}

// The enumerator of `E` whose to_string is v's text; `what` names v in the error.
template <typename E, std::size_t N>
E word_in(const Json& v, const std::string& what, const E (&values)[N], const char* (*name)(E)) {
  if (v.is_string()) {
    for (const E e : values) {
      if (v.get<std::string>() == name(e)) return e;
    }
  }
  throw Corrupt(what + " is not a known word");
}

// The enumerator of `E` whose to_string is object[key]'s text.
template <typename E, std::size_t N>
E word(const Json& object, const char* key, const E (&values)[N], const char* (*name)(E)) {
  return word_in(member(object, key), std::string("\"") + key + "\"", values, name);
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

void by_site_from(const Json& sites, std::int64_t (&by_site)[kCallSites]) {
  for (int i = 0; i < kCallSites; ++i) {
    by_site[i] = integer(sites, to_string(static_cast<CallSite>(i)));
  }
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

void callers_from(const Json& callers, LockStat* s) {
  for (int i = 0; i < kKernelFns; ++i) {
    const char* name = to_string(static_cast<KernelFn>(i));
    const Json& v = member(callers, name);
    if (!v.is_array() || v.size() != 6) {
      throw Corrupt(std::string("\"") + name + "\" is not an array of 6 integers");
    }
    std::int64_t f[6];
    for (std::size_t k = 0; k < 6; ++k) {
      if (!v[k].is_number_integer()) {
        throw Corrupt(std::string("\"") + name + "\" is not an array of 6 integers");
      }
      f[k] = v[k].get<std::int64_t>();
    }
    s->by_caller[i] = {f[0], f[1], f[2], f[3], f[4], f[5]};
  }
}

void write_lock_stat(JsonWriter* w, const LockStat& s) {
  const auto member = [w](const char* name, std::int64_t v) {
    w->key(name);
    w->value(v);
  };
  w->key("lock_stat");
  w->begin_object();
  member("acquisitions", s.acquisitions);
  member("contentions", s.contentions);
  member("wait_min_ns", s.wait_min_ns);
  member("wait_max_ns", s.wait_max_ns);
  member("wait_total_ns", s.wait_total_ns);
  member("hold_min_ns", s.hold_min_ns);
  member("hold_max_ns", s.hold_max_ns);
  member("hold_total_ns", s.hold_total_ns);
  write_by_site(w, "contentions_by_site", s.contentions_by_site);
  write_by_site(w, "contending_by_site", s.contending_by_site);
  member("con_bounces", s.con_bounces);
  member("acq_bounces", s.acq_bounces);
  write_callers(w, s);
  w->end_object();
}

LockStat lock_stat_from(const Json& j) {
  LockStat s;
  s.acquisitions = integer(j, "acquisitions");
  s.contentions = integer(j, "contentions");
  s.wait_min_ns = integer(j, "wait_min_ns");
  s.wait_max_ns = integer(j, "wait_max_ns");
  s.wait_total_ns = integer(j, "wait_total_ns");
  s.hold_min_ns = integer(j, "hold_min_ns");
  s.hold_max_ns = integer(j, "hold_max_ns");
  s.hold_total_ns = integer(j, "hold_total_ns");
  by_site_from(member(j, "contentions_by_site"), s.contentions_by_site);
  by_site_from(member(j, "contending_by_site"), s.contending_by_site);
  s.con_bounces = integer(j, "con_bounces");
  s.acq_bounces = integer(j, "acq_bounces");
  callers_from(member(j, "callers"), &s);
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

// The integer value of run field `f` in object `j`, as field_json wrote it.
std::int64_t field_from(const RunField& f, const Json& j) {
  const std::string what = std::string("\"") + f.name + "\"";
  switch (f.format) {
    case FieldFormat::kInt:
    case FieldFormat::kOptionalInt:
      return integer(j, f.name);
    case FieldFormat::kFlag: {
      const Json& v = member(j, f.name);
      if (!v.is_boolean()) throw Corrupt(what + " is not a boolean");
      return v.get<bool>() ? 1 : 0;
    }
    case FieldFormat::kRole:
      if (member(j, f.name) == Json("")) return -1;
      return static_cast<std::int64_t>(word(j, f.name, kRoles, role_name));
    case FieldFormat::kKernelFn:
      if (member(j, f.name) == Json("")) return -1;
      return static_cast<std::int64_t>(word(j, f.name, kKernelFnValues, fn_name));
    case FieldFormat::kVerdict:
      return static_cast<std::int64_t>(word(j, f.name, kVerdicts, verdict_name));
  }
  throw Corrupt(what + " has no known format");
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

IrqOffHistogram histogram_from(const Json& j) {
  if (!j.is_array()) throw Corrupt("\"irqoff_histogram\" is not an array");
  IrqOffHistogram h;
  for (const Json& bin : j) {
    if (!bin.is_array() || bin.size() != 2 || !bin[0].is_number_integer() ||
        !bin[1].is_number_integer()) {
      throw Corrupt("malformed histogram bin");
    }
    const auto k = bin[0].get<std::int64_t>();
    if (k < 0 || k >= IrqOffHistogram::kBins) throw Corrupt("histogram bin out of range");
    h.counts[static_cast<std::size_t>(k)] = bin[1].get<std::int64_t>();
  }
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

DetectorReport report_from(const Json& j) {
  if (!j.is_array() || j.size() != 7 || !j[0].is_string()) throw Corrupt("malformed report");
  DetectorReport r{};
  bool known = false;
  for (const ReportKind k : kReportKinds) {
    if (j[0].get<std::string>() == report_kind_name(k)) {
      r.kind = k;
      known = true;
    }
  }
  for (std::size_t i = 1; i < 5; ++i) {
    if (!j[i].is_number_integer()) throw Corrupt("malformed report");
  }
  if (!known) throw Corrupt("malformed report");
  r.at_ns = j[1].get<Ns>();
  r.cpu = j[2].get<int>();
  r.checker_cpu = j[3].get<int>();
  r.stuck_ns = j[4].get<Ns>();
  r.role = word_in(j[5], "a report's role", kRoles, role_name);
  r.fn = word_in(j[6], "a report's function", kKernelFnValues, fn_name);
  return r;
}

RunMetrics run_from(const Json& j) {
  RunMetrics m;
  for (const RunField& f : run_fields()) f.set(m, field_from(f, j));
  m.lock_stat = lock_stat_from(member(j, "lock_stat"));
  m.irqoff_histogram = histogram_from(member(j, "irqoff_histogram"));
  const Json& reports = member(j, "reports");
  if (!reports.is_array()) throw Corrupt("\"reports\" is not an array");
  for (const Json& r : reports) m.reports.push_back(report_from(r));
  const Json& events = member(j, "events");
  if (!events.is_number_unsigned()) throw Corrupt("\"events\" is not a count");
  m.events = events.get<std::uint64_t>();
  return m;
}

Json algorithms_json(const std::vector<Algorithm>& algorithms) {
  Json out = Json::array();
  for (const Algorithm a : algorithms) out.push_back(to_string(a));
  return out;
}

void read_runs(const Json& doc, const PointIdentity& id, PointRuns* out) {
  const Json& runs = member(doc, "runs");
  out->runs.clear();
  for (const Algorithm a : id.algorithms) {
    const Json& list = member(runs, to_string(a));
    if (!list.is_array() || list.size() != static_cast<std::size_t>(id.replications)) {
      throw Corrupt(std::string("incomplete: \"runs\"/\"") + to_string(a) + "\" must hold " +
                    std::to_string(id.replications) + " runs");
    }
    std::vector<RunMetrics> algo;
    algo.reserve(list.size());
    for (const Json& run : list) algo.push_back(run_from(run));
    out->runs.push_back(std::move(algo));
  }
}

// 16 hex digits.
std::string hex16(std::uint64_t v) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, v);
  return hex;
}

// The end of a point file's document: its checksum, the last member.
std::string checksum_tail(const std::string& checksum) {
  return ",\"checksum\":\"" + checksum + "\"}";
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
  w.raw(json_dump(algorithms_json(id.algorithms)));
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

// Whether `text` ends with checksum_tail(written) (and a newline) and
// `written` is the checksum of the text before it, closed.
bool checksum_holds(std::string_view text, const std::string& written) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  const std::string tail = checksum_tail(written);
  if (text.size() < tail.size() || text.substr(text.size() - tail.size()) != tail) return false;
  std::string body(text.substr(0, text.size() - tail.size()));
  body += '}';
  return written == checksum_of(body);
}

}  // namespace

bool read_point_file(std::string_view text, const PointIdentity& expected, PointRuns* runs,
                     std::string* why) {
  const std::optional<Json> doc = try_parse_json(text);
  if (!doc || !doc->is_object() || !doc->contains("format") || (*doc)["format"] != Json(kFormat)) {
    *why = text.empty() ? "empty file"
                        : "not a twsim point file (format " + std::string(kFormat) + ")";
    return false;
  }
  try {
    const Json& d = *doc;
    // The checksum covers the document as written without it (its last
    // member): any changed byte (a hand edit, a bit flip) is caught before a
    // number is trusted.
    const Json& sum = member(d, "checksum");
    if (!sum.is_string()) throw Corrupt("\"checksum\" is not a string");
    if (!checksum_holds(text, sum.get<std::string>())) {
      *why = "checksum mismatch: the file was changed after twsim wrote it";
      return false;
    }
    if (member(d, "key") != Json(point_key(expected))) {
      *why = "key does not match its identity";
      return false;
    }
    if (member(d, "twsim") != Json(expected.twsim)) {
      *why = "written by twsim " + json_text(d["twsim"]) + ", not " + expected.twsim;
      return false;
    }
    const std::optional<Json> scenario = try_parse_json(expected.scenario_json);
    if (!scenario || member(d, "scenario") != *scenario) {
      *why = "written for another scenario";
      return false;
    }
    if (member(d, "seed") != Json(expected.seed) ||
        member(d, "replications") != Json(expected.replications) ||
        member(d, "algorithms") != algorithms_json(expected.algorithms)) {
      *why = "written for another seed, replication count or algorithm list";
      return false;
    }
    read_runs(d, expected, runs);
  } catch (const Corrupt& e) {
    *why = std::string("corrupt: ") + e.what();
    return false;
  } catch (const Json::exception& e) {
    *why = std::string("corrupt: ") + e.what();
    return false;
  }
  return true;
}

}  // namespace twsim
