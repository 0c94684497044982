// Besides json_io.cc, the one file that includes nlohmann/json: it writes the
// results document, and reads back only twsim's own canonical config text.
#include "sim/io/results_json.h"

#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/io/csv_point_columns.h"
#include "sim/io/kernel_log.h"
#include "sim/io/number_format.h"

// TWSIM_SOURCE_HASH, generated at build time (CMakeLists.txt); absent when
// the file is compiled outside the CMake build.
#if __has_include("source_hash.h")
#include "source_hash.h"
#endif

namespace twsim {
namespace {

// Insertion-ordered, so the file reads in the order documented above.
using Json = nlohmann::ordered_json;

Json number(double v) { return printed_double(v); }  // NaN -> null when dumped

// twsim's canonical JSON text as a value; anything unparseable is kept as text.
Json parsed(const std::string& text) {
  if (text.empty()) return nullptr;
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? Json(text) : j;
}

Json proportion_json(const Proportion& p) {
  return Json{{"runs", p.k}, {"p", number(p.p)}, {"lo", number(p.ci.lo)}, {"hi", number(p.ci.hi)}};
}

Json points_json(const std::int64_t (&by_site)[kCallSites]) {
  Json points = Json::object();
  for (int i = 0; i < kCallSites; ++i) points[to_string(static_cast<CallSite>(i))] = by_site[i];
  return points;
}

// Callers that took the lock, as lock_stat.txt's caller table lists them.
Json callers_json(const LockStat& s) {
  Json callers = Json::object();
  for (int i = 0; i < kKernelFns; ++i) {
    const LockCaller& c = s.by_caller[i];
    if (c.acquisitions == 0) continue;
    callers[to_string(static_cast<KernelFn>(i))] = {
        {"acquisitions", c.acquisitions},   {"contentions", c.contentions},
        {"wait_total_ns", c.wait_total_ns}, {"wait_max_ns", c.wait_max_ns},
        {"hold_total_ns", c.hold_total_ns}, {"hold_max_ns", c.hold_max_ns}};
  }
  return callers;
}

Json lock_stat_json(const LockStat& s) {
  const auto avg = [](Ns total, std::int64_t count) {
    return count > 0 ? number(static_cast<double>(total) / static_cast<double>(count)) : Json(0);
  };
  return Json{{"class name", kPiLockClassName},
              {"con-bounces", s.con_bounces},
              {"contentions", s.contentions},
              {"waittime-min_ns", s.wait_min_ns},
              {"waittime-max_ns", s.wait_max_ns},
              {"waittime-total_ns", s.wait_total_ns},
              {"waittime-avg_ns", avg(s.wait_total_ns, s.contentions)},
              {"acq-bounces", s.acq_bounces},
              {"acquisitions", s.acquisitions},
              {"holdtime-min_ns", s.hold_min_ns},
              {"holdtime-max_ns", s.hold_max_ns},
              {"holdtime-total_ns", s.hold_total_ns},
              {"contention points", points_json(s.contentions_by_site)},
              {"contending points", points_json(s.contending_by_site)},
              {"callers", callers_json(s)},
              {"holdtime-avg_ns", avg(s.hold_total_ns, s.acquisitions)}};
}

Json reports_json(const std::vector<DetectorReport>& reports, Preempt preempt) {
  Json out = Json::array();
  const std::size_t kept = std::min<std::size_t>(reports.size(), kReportsKept);
  for (std::size_t i = 0; i < kept; ++i) {
    const DetectorReport& r = reports[i];
    out.push_back(Json{{"kind", report_kind_name(r.kind)},
                       {"at_ns", r.at_ns},
                       {"cpu", r.cpu},
                       {"checker_cpu", r.checker_cpu},
                       {"stuck_ns", r.stuck_ns},
                       {"text", kernel_log_line(r, preempt)}});
  }
  return out;
}

Json algorithm_json(const AlgorithmSummary& s, const std::vector<RunMetrics>& runs,
                    Preempt preempt) {
  Json metrics = Json::object();
  for (std::size_t i = 0; i < s.metrics.size(); ++i) {
    const MeanCi& m = s.metrics[i];
    metrics[summary_metrics()[i].name] =
        Json{{"mean", number(m.mean)}, {"ci_lo", number(m.ci.lo)}, {"ci_hi", number(m.ci.hi)}};
  }
  Json dets = Json::object();
  for (std::size_t i = 0; i < s.detectors.size(); ++i) {
    dets[detectors()[i].name] = proportion_json(s.detectors[i]);
  }
  const std::vector<DetectorReport> none;
  const std::vector<DetectorReport>& rep0 = runs.empty() ? none : runs[0].reports;
  // Counted from the per-kind counts, not rep0.size(): points/ files keep
  // only the reports printed here (sim/io/point_file.h), and a resumed or
  // merged run must write the same file.
  const int rep0_count =
      runs.empty() ? 0 : runs[0].hard_lockups + runs[0].soft_lockups + runs[0].rcu_stalls;
  return Json{{"n", s.n},
              {"metrics", metrics},
              {"detectors", dets},
              {"teardown_complete", proportion_json(s.complete)},
              {"lock_stat", lock_stat_json(s.lock_stat)},
              {"reports_replication_0", rep0_count},
              {"reports", reports_json(rep0, preempt)}};
}

Json point_json(const ExperimentConfig& config, std::size_t index, const PointRuns& runs,
                const PointSummary& summary) {
  const Point& point = config.points[index];
  Json params = Json::object();
  for (const auto& [key, value] : point.params) params[key] = parsed(value);
  Json algos = Json::object();
  for (std::size_t a = 0; a < summary.algorithms.size(); ++a) {
    algos[to_string(summary.algorithms[a].algorithm)] =
        algorithm_json(summary.algorithms[a], runs.runs[a], point.scenario.kernel.preempt);
  }
  Json paired = Json::object();
  for (std::size_t i = 0; i < summary.ratios.size(); ++i) {
    const PairedRatio& r = summary.ratios[i];
    paired[ratio_metrics()[i].name] = Json{{"ratio_old_new", number(r.ratio)},
                                           {"lo", number(r.ci.lo)},
                                           {"hi", number(r.ci.hi)},
                                           {"pairs", r.pairs}};
  }
  Json out{{"index", index},
           {"params", params},
           {"scenario", parsed(point.resolved_json)},
           {"algorithms", algos},
           {"paired", paired}};
  if (!point.label.empty()) out["label"] = point.label;  // sweep.zip.label
  return out;
}

}  // namespace

Provenance this_build_provenance() {
  Provenance p;
#ifdef TWSIM_VERSION
  p.version = TWSIM_VERSION;
#endif
#ifdef TWSIM_GIT_COMMIT
  p.git_commit = TWSIM_GIT_COMMIT;
#endif
#ifdef TWSIM_SOURCE_HASH
  p.source_hash = TWSIM_SOURCE_HASH;
#endif
#ifdef TWSIM_BUILD_TYPE
  p.build_type = TWSIM_BUILD_TYPE;
#endif
  char host[HOST_NAME_MAX + 1] = {};
  if (gethostname(host, sizeof host - 1) == 0) p.host = host;
  return p;
}

// Where the points go in the document's text (results_json).
constexpr const char* kPointsMark = "@@twsim-points@@";

void write_results_json(std::ostream& os, const ExperimentConfig& config,
                        const ExperimentResults& results,
                        const std::vector<PointSummary>& summaries, const Provenance& provenance,
                        const ResultsJsonOptions& options) {
  Json algorithms = Json::array();
  for (Algorithm a : config.algorithms) algorithms.push_back(to_string(a));
  Json doc{{"twsim", Json{{"version", provenance.version},
                          {"git_commit", provenance.git_commit},
                          {"source_hash", provenance.source_hash},
                          {"build_type", provenance.build_type}}},
           {"host", provenance.host},
           {"config_file", config.source_file},
           {"config", parsed(config.resolved_json)},
           {"name", config.name},
           {"seed", config.seed},
           {"config_hash", config_hash(config)},
           {"replications", config.replications},
           {"algorithms", algorithms},
           {"swept", config.swept},
           {"points", kPointsMark}};
  if (options.include_run_timing) {
    const RunTiming& t = results.timing;
    doc["run"] = Json{
        {"wall_time_s", number(t.wall_time_s)},
        {"runs", t.runs},
        {"events", t.events},
        {"events_fast_forwarded", t.events_fast_forwarded},
        {"events_per_s", t.wall_time_s > 0 ? number(static_cast<double>(t.events) / t.wall_time_s)
                                           : Json(nullptr)}};
  }
  // Invalid UTF-8 (in a path or host name) is replaced rather than thrown on.
  // The points are dumped one at a time into the text (as dump(2) would lay
  // them out), so only one point's JSON tree is held at once: a sweep of
  // 10^5 points would otherwise build a tree of gigabytes.
  const std::string text = doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  const std::string mark = "\"" + std::string(kPointsMark) + "\"";
  const std::size_t at = text.find(mark);
  os << std::string_view(text).substr(0, at);
  if (summaries.empty()) {
    os << "[]";
  } else {
    os << "[";
    for (std::size_t p = 0; p < summaries.size(); ++p) {
      const std::string one = point_json(config, p, results.points[p], summaries[p])
                                  .dump(2, ' ', false, Json::error_handler_t::replace);
      os << (p == 0 ? "\n    " : ",\n    ");
      for (std::size_t from = 0; from < one.size();) {  // each line indented 4 more
        const std::size_t nl = std::min(one.find('\n', from), one.size() - 1);
        os << std::string_view(one).substr(from, nl + 1 - from);
        if (one[nl] == '\n') os << "    ";
        from = nl + 1;
      }
    }
    os << "\n  ]";
  }
  os << std::string_view(text).substr(at + mark.size());
}

std::string results_json(const ExperimentConfig& config, const ExperimentResults& results,
                         const std::vector<PointSummary>& summaries, const Provenance& provenance,
                         const ResultsJsonOptions& options) {
  std::ostringstream out;
  write_results_json(out, config, results, summaries, provenance, options);
  return std::move(out).str();
}

}  // namespace twsim
