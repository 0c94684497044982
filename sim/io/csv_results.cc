#include "sim/io/csv_results.h"

#include <cassert>
#include <cstddef>
#include <sstream>
#include <string_view>

#include "sim/io/number_format.h"

namespace twsim {
namespace {

// One runs.csv column after the point's own columns: a summary metric
// (run_summary.h) printed as an integer, or a cell of its own.
struct RunColumn {
  const char* name;
  std::string (*cell)(const RunMetrics&) = nullptr;  // nullptr: the summary metric `name`
};

// -1 means "did not happen" (results.h): an empty cell.
std::string optional_int(std::int64_t v) { return v < 0 ? "" : format_int(v); }

// Cells naming where a run's first report of one kind was.
template <FirstReport RunMetrics::*kFirst>
std::string first_cpu(const RunMetrics& m) {
  return optional_int((m.*kFirst).cpu);
}
template <FirstReport RunMetrics::*kFirst>
std::string first_role(const RunMetrics& m) {
  return (m.*kFirst).cpu < 0 ? "" : to_string((m.*kFirst).role);
}
template <FirstReport RunMetrics::*kFirst>
std::string first_fn(const RunMetrics& m) {
  return (m.*kFirst).cpu < 0 ? "" : to_string((m.*kFirst).fn);
}

constexpr RunColumn kRunColumns[] = {
    {"teardown_ns"},
    {"teardown_complete",
     [](const RunMetrics& m) { return std::string(m.teardown_complete ? "1" : "0"); }},
    {"max_irqoff_ns"},
    {"max_irqoff_cpu", [](const RunMetrics& m) { return optional_int(m.max_irqoff_cpu); }},
    {"max_irqoff_role",
     [](const RunMetrics& m) { return std::string(to_string(m.max_irqoff_role)); }},
    {"max_irqoff_wait_ns"},
    {"max_lock_wait_ns"},
    {"lock_acquisitions"},
    {"contended_acquisitions"},
    {"nodes_visited"},
    {"cancel_hold_p50_ns"},
    {"cancel_hold_p99_ns"},
    {"cancel_hold_max_ns"},
    {"hard_lockups"},
    {"soft_lockups"},
    {"rcu_stalls"},
    {"first_hard_lockup_ns",
     [](const RunMetrics& m) { return optional_int(m.first_hard_lockup_ns); }},
    {"first_soft_lockup_ns",
     [](const RunMetrics& m) { return optional_int(m.first_soft_lockup_ns); }},
    {"first_rcu_stall_ns", [](const RunMetrics& m) { return optional_int(m.first_rcu_stall_ns); }},
    {"first_hard_cpu", first_cpu<&RunMetrics::first_hard>},
    {"first_hard_role", first_role<&RunMetrics::first_hard>},
    {"first_hard_fn", first_fn<&RunMetrics::first_hard>},
    {"first_soft_cpu", first_cpu<&RunMetrics::first_soft>},
    {"first_soft_role", first_role<&RunMetrics::first_soft>},
    {"first_soft_fn", first_fn<&RunMetrics::first_soft>},
    {"first_rcu_cpu", first_cpu<&RunMetrics::first_rcu>},
    {"first_rcu_role", first_role<&RunMetrics::first_rcu>},
    {"first_rcu_fn", first_fn<&RunMetrics::first_rcu>},
    {"verdict", [](const RunMetrics& m) { return std::string(to_string(m.verdict)); }},
    {"events", [](const RunMetrics& m) { return std::to_string(m.events); }},
};

std::string run_cell(const RunColumn& column, const RunMetrics& m) {
  if (column.cell != nullptr) return column.cell(m);
  const MetricDef* metric = find_summary_metric(column.name);
  assert(metric != nullptr && "a runs.csv column without a cell must be a summary metric");
  return format_int(metric->value(m));
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
  for (const RunColumn& c : kRunColumns) add(&header, c.name);
  out << header << "\n";
  for (std::size_t p = 0; p < results.points.size(); ++p) {
    const std::string prefix = point_cells(config, p);
    const PointRuns& point = results.points[p];
    for (std::size_t a = 0; a < point.runs.size(); ++a) {
      for (std::size_t r = 0; r < point.runs[a].size(); ++r) {
        std::string line = prefix;
        add(&line, to_string(config.algorithms[a]));
        add(&line, format_int(static_cast<std::int64_t>(r)));
        for (const RunColumn& c : kRunColumns) add(&line, run_cell(c, point.runs[a][r]));
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
