#include "sim/io/csv_results.h"

#include <cassert>
#include <cstddef>
#include <sstream>
#include <string_view>

#include "sim/core/saturating.h"
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

// Appends "," + cell, or just the cell at the start of a line.
void add(std::string* line, std::string_view cell) {
  if (!line->empty()) *line += ',';
  *line += cell;
}

// "point,<swept keys...>" header cells.
std::string point_header(const ExperimentConfig& config) {
  std::string line = "point";
  for (const std::string& key : config.swept) add(&line, csv_field(key));
  return line;
}

// The point index and its swept values, in config.swept order.
std::string point_cells(const ExperimentConfig& config, std::size_t index) {
  std::string line = format_int(static_cast<std::int64_t>(index));
  const Point& point = config.points[index];
  for (const std::string& key : config.swept) add(&line, csv_field(swept_value(point, key)));
  return line;
}

}  // namespace

void write_runs_csv(std::ostream& out, const ExperimentConfig& config,
                    const ExperimentResults& results) {
  std::string header = point_header(config);
  add(&header, "algorithm");
  add(&header, "replication");
  for (const RunField& f : run_fields()) {
    if (f.in_runs_csv) add(&header, f.name);
  }
  add(&header, "events");
  out << header << "\n";
  for (std::size_t p = 0; p < results.points.size(); ++p) {
    const std::string prefix = point_cells(config, p);
    const PointRuns& point = results.points[p];
    for (std::size_t a = 0; a < point.runs.size(); ++a) {
      for (std::size_t r = 0; r < point.runs[a].size(); ++r) {
        std::string line = prefix;
        add(&line, to_string(config.algorithms[a]));
        add(&line, format_int(static_cast<std::int64_t>(r)));
        const RunMetrics& m = point.runs[a][r];
        for (const RunField& f : run_fields()) {
          if (f.in_runs_csv) add(&line, field_cell(f, m));
        }
        add(&line, std::to_string(m.events));
        out << line << "\n";
      }
    }
  }
}

void write_summary_csv(std::ostream& out, const ExperimentConfig& config,
                       const std::vector<PointSummary>& summaries) {
  std::string header = point_header(config);
  add(&header, "algorithm");
  add(&header, "n");
  for (const MetricDef& m : summary_metrics()) {
    const std::string name = m.name;
    add(&header, name + "_mean");
    add(&header, name + "_ci_lo");
    add(&header, name + "_ci_hi");
  }
  for (const DetectorDef& d : detectors()) {
    const std::string name = std::string("p_") + d.name;
    add(&header, name);
    add(&header, name + "_lo");
    add(&header, name + "_hi");
  }
  add(&header, "p_complete,p_complete_lo,p_complete_hi");
  add(&header, "max_irqoff_ns_min,max_irqoff_ns_max,hard_never_ns,hard_always_ns,hard_margin");
  for (const MetricDef& m : ratio_metrics()) {
    const std::string name = std::string("ratio_old_new_") + m.name;
    add(&header, name);
    add(&header, name + "_lo");
    add(&header, name + "_hi");
    add(&header, name + "_pairs");
  }
  out << header << "\n";

  for (std::size_t p = 0; p < summaries.size(); ++p) {
    const std::string prefix = point_cells(config, p);
    const PointSummary& point = summaries[p];
    for (const AlgorithmSummary& s : point.algorithms) {
      std::string line = prefix;
      add(&line, to_string(s.algorithm));
      add(&line, format_int(s.n));
      for (const MeanCi& m : s.metrics) {
        add(&line, format_double(m.mean));
        add(&line, format_double(m.ci.lo));
        add(&line, format_double(m.ci.hi));
      }
      for (const Proportion& d : s.detectors) {
        add(&line, format_double(d.p));
        add(&line, format_double(d.ci.lo));
        add(&line, format_double(d.ci.hi));
      }
      add(&line, format_double(s.complete.p));
      add(&line, format_double(s.complete.ci.lo));
      add(&line, format_double(s.complete.ci.hi));
      add(&line, format_int(s.worst_irqoff_min_ns));
      add(&line, format_int(s.worst_irqoff_max_ns));
      const HardLockupWindow& w = point.hard_window;
      add(&line, w.enabled ? format_int(w.never_ns) : "");
      add(&line, w.enabled ? format_int(w.always_ns) : "");
      add(&line, to_string(hard_margin(w, s)));
      for (const PairedRatio& r : point.ratios) {
        add(&line, format_double(r.ratio));
        add(&line, format_double(r.ci.lo));
        add(&line, format_double(r.ci.hi));
        add(&line, format_int(r.pairs));
      }
      out << line << "\n";
    }
  }
}

void write_irqoff_ccdf_csv(std::ostream& out, const ExperimentConfig& config,
                           const ExperimentResults& results) {
  std::string header = point_header(config);
  add(&header, "algorithm,stretch_ns,stretches,ccdf");
  out << header << "\n";
  constexpr int kBins = IrqOffHistogram::kBins;
  for (std::size_t p = 0; p < results.points.size(); ++p) {
    const std::string prefix = point_cells(config, p);
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
        add(&line, to_string(config.algorithms[a]));
        add(&line, format_int(IrqOffHistogram::edge(k)));
        add(&line, format_int(at_least[k]));
        add(&line, format_double(all > 0 ? static_cast<double>(at_least[k]) / all : 0));
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

}  // namespace twsim
