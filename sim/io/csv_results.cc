#include "sim/io/csv_results.h"

#include <cassert>
#include <cstddef>
#include <span>
#include <sstream>
#include <string_view>

#include "sim/core/saturating.h"
#include "sim/io/csv_point_columns.h"
#include "sim/io/number_format.h"
#include "sim/scenario/run_fields.h"

namespace twsim {
namespace {

// A run field's cell (run_fields.h): "did not happen" (-1) is an empty cell,
// so that it reads as NaN rather than as a time.
std::string field_cell(const RunField& f, const RunMetrics& m) {
  const std::int64_t v = f.get(m);
  switch (f.format) {
    case FieldFormat::kInt:
      return format_int(v);
    case FieldFormat::kOptionalInt:
      return v < 0 ? "" : format_int(v);
    case FieldFormat::kFlag:
      return v != 0 ? "1" : "0";
    case FieldFormat::kRole:
      return v < 0 ? "" : to_string(static_cast<Role>(v));
    case FieldFormat::kKernelFn:
      return v < 0 ? "" : to_string(static_cast<KernelFn>(v));
    case FieldFormat::kVerdict:
      return to_string(static_cast<Verdict>(v));
  }
  return "";
}

}  // namespace

void write_runs_csv(std::ostream& out, const ExperimentConfig& config,
                    const ExperimentResults& results) {
  const PointColumns columns(config);
  std::string header = columns.header();
  append_cell(&header, "algorithm");
  append_cell(&header, "replication");
  for (const RunField& f : run_fields()) {
    if (f.in_runs_csv) append_cell(&header, f.name);
  }
  append_cell(&header, "events");
  out << header << "\n";
  for (std::size_t p = 0; p < results.points.size(); ++p) {
    const std::string prefix = columns.cells(p);
    const PointRuns& point = results.points[p];
    for (std::size_t a = 0; a < point.runs.size(); ++a) {
      for (std::size_t r = 0; r < point.runs[a].size(); ++r) {
        std::string line = prefix;
        append_cell(&line, to_string(config.algorithms[a]));
        append_cell(&line, format_int(static_cast<std::int64_t>(r)));
        const RunMetrics& m = point.runs[a][r];
        for (const RunField& f : run_fields()) {
          if (f.in_runs_csv) append_cell(&line, field_cell(f, m));
        }
        append_cell(&line, std::to_string(m.events));
        out << line << "\n";
      }
    }
  }
}

void write_summary_csv(std::ostream& out, const ExperimentConfig& config,
                       const std::vector<PointSummary>& summaries) {
  const PointColumns columns(config);
  out << columns.header() << ",algorithm,metric,n,mean,lo,hi,min,max,margin\n";
  for (std::size_t p = 0; p < summaries.size(); ++p) {
    const PointSummary& point = summaries[p];
    for (const AlgorithmSummary& s : point.algorithms) {
      std::string prefix = columns.cells(p);
      append_cell(&prefix, to_string(s.algorithm));
      const std::string n = format_int(s.n);
      const auto row = [&](std::string_view metric, const std::string& mean, const std::string& lo,
                           const std::string& hi, const std::string& min_max,
                           std::string_view margin) {
        out << prefix << ',' << metric << ',' << n << ',' << mean << ',' << lo << ',' << hi << ','
            << min_max << ',' << margin << '\n';
      };
      const std::span<const MetricDef> metrics = summary_metrics();
      for (std::size_t m = 0; m < metrics.size(); ++m) {
        const MeanCi& v = s.metrics[m];
        row(metrics[m].name, format_decimal(v.mean), format_decimal(v.ci.lo),
            format_decimal(v.ci.hi),
            format_int(s.ranges[m].first) + "," + format_int(s.ranges[m].second), "");
      }
      const std::span<const DetectorDef> dets = detectors();
      for (std::size_t d = 0; d < dets.size(); ++d) {
        const Proportion& v = s.detectors[d];
        row(std::string("p_") + dets[d].name, format_decimal(v.p), format_decimal(v.ci.lo),
            format_decimal(v.ci.hi), ",", "");
      }
      row("p_complete", format_decimal(s.complete.p), format_decimal(s.complete.ci.lo),
          format_decimal(s.complete.ci.hi), ",", "");
      const HardLockupWindow& w = point.hard_window;
      row("hard_window_ns", "", w.enabled ? format_int(w.never_ns) : "",
          w.enabled ? format_int(w.always_ns) : "", ",", to_string(hard_margin(w, s)));
    }
  }
}

void write_ratios_csv(std::ostream& out, const ExperimentConfig& config,
                      const std::vector<PointSummary>& summaries) {
  const PointColumns columns(config);
  out << columns.header() << ",metric,numerator,denominator,pairs,ratio,lo,hi\n";
  // summarise_point pairs old with new; without both there is no ratio.
  bool old_run = false, new_run = false;
  for (const Algorithm a : config.algorithms) {
    old_run = old_run || a == Algorithm::kOld;
    new_run = new_run || a == Algorithm::kNew;
  }
  if (!old_run || !new_run) return;
  const std::span<const MetricDef> metrics = ratio_metrics();
  for (std::size_t p = 0; p < summaries.size(); ++p) {
    const std::string prefix = columns.cells(p);
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      const PairedRatio& r = summaries[p].ratios[m];
      out << prefix << ',' << metrics[m].name << ",old,new," << format_int(r.pairs) << ','
          << format_decimal(r.ratio) << ',' << format_decimal(r.ci.lo) << ','
          << format_decimal(r.ci.hi) << '\n';
    }
  }
}

void write_irqoff_ccdf_csv(std::ostream& out, const ExperimentConfig& config,
                           const ExperimentResults& results) {
  const PointColumns columns(config);
  std::string header = columns.header();
  append_cell(&header, "algorithm,stretch_ns,stretches,ccdf");
  out << header << "\n";
  constexpr int kBins = IrqOffHistogram::kBins;
  for (std::size_t p = 0; p < results.points.size(); ++p) {
    const std::string prefix = columns.cells(p);
    const PointRuns& point = results.points[p];
    for (std::size_t a = 0; a < point.runs.size(); ++a) {
      std::int64_t counts[kBins] = {};
      for (const RunMetrics& m : point.runs[a]) {
        for (int k = 0; k < kBins; ++k) {
          counts[k] = add_saturating(counts[k], m.irqoff_histogram.counts[k]);
        }
      }
      // at_least[k]: stretches of at least edge(k), i.e. in bins k+1 and up.
      std::int64_t at_least[kBins - 1] = {};
      std::int64_t above = 0;
      for (int k = kBins - 2; k >= 0; --k) {
        above = add_saturating(above, counts[k + 1]);
        at_least[k] = above;
      }
      const auto all = static_cast<double>(add_saturating(above, counts[0]));
      for (int k = 0; k < kBins - 1; ++k) {
        std::string line = prefix;
        append_cell(&line, to_string(config.algorithms[a]));
        append_cell(&line, format_int(IrqOffHistogram::edge(k)));
        append_cell(&line, format_int(at_least[k]));
        append_cell(&line, format_decimal(all > 0 ? static_cast<double>(at_least[k]) / all : 0));
        out << line << "\n";
        if (at_least[k] == 0) break;
      }
    }
  }
}

std::string runs_csv(const ExperimentConfig& config, const ExperimentResults& results) {
  std::ostringstream out;
  write_runs_csv(out, config, results);
  return std::move(out).str();
}

std::string summary_csv(const ExperimentConfig& config,
                        const std::vector<PointSummary>& summaries) {
  std::ostringstream out;
  write_summary_csv(out, config, summaries);
  return std::move(out).str();
}

std::string ratios_csv(const ExperimentConfig& config, const std::vector<PointSummary>& summaries) {
  std::ostringstream out;
  write_ratios_csv(out, config, summaries);
  return std::move(out).str();
}

}  // namespace twsim
