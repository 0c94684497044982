#include "sim/io/results_io.h"

#include <cstddef>
#include <functional>
#include <iterator>
#include <sstream>
#include <system_error>
#include <utility>

#include "sim/core/run_jobs.h"
#include "sim/io/atomic_file.h"
#include "sim/io/csv_results.h"
#include "sim/io/kernel_log.h"
#include "sim/io/number_format.h"

namespace twsim {

std::vector<PointSummary> summarise_experiment(const ExperimentConfig& config,
                                               const ExperimentResults& results) {
  std::vector<PointSummary> out;
  out.reserve(results.points.size());
  for (std::size_t p = 0; p < results.points.size(); ++p) {
    out.push_back(summarise_point(config.algorithms, results.points[p]));
    const ScenarioConfig& scenario = config.points[p].scenario;
    out.back().hard_window = hard_lockup_window(scenario.kernel, scenario.machine);
  }
  return out;
}

void write_lock_stat_txt(std::ostream& out, const ExperimentConfig& config,
                         const std::vector<PointSummary>& summaries) {
  out << lock_stat_header();
  for (std::size_t p = 0; p < summaries.size(); ++p) {
    for (const AlgorithmSummary& s : summaries[p].algorithms) {
      std::string label = "\n# point " + format_int(static_cast<std::int64_t>(p));
      for (const auto& [key, value] : config.points[p].params) {
        label += " " + key + "=" + param_display(value);
      }
      label += ", algorithm " + std::string(to_string(s.algorithm)) + ", " + format_int(s.n) +
               " replications merged\n";
      const std::string name = lock_stat_class_name(p, s.algorithm);
      out << label << lock_stat_line(name, s.lock_stat) << "\n"
          << lock_caller_table(name, s.lock_stat);
    }
  }
}

std::string lock_stat_txt(const ExperimentConfig& config,
                          const std::vector<PointSummary>& summaries) {
  std::ostringstream out;
  write_lock_stat_txt(out, config, summaries);
  return std::move(out).str();
}

bool write_results(const std::filesystem::path& dir, const ExperimentConfig& config,
                   const ExperimentResults& results, const std::vector<PointSummary>& summaries,
                   const Provenance& provenance, std::string* err,
                   const ResultsWriteOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    *err = dir.string() + ": " + ec.message();
    return false;
  }
  // Each file is written straight into its temporary: none needs to be whole
  // in memory, however many points the sweep has.
  using Writer = std::function<void(std::ostream&)>;
  const std::pair<const char*, Writer> files[] = {
      {"runs.csv", [&](std::ostream& out) { write_runs_csv(out, config, results); }},
      {"summary.csv", [&](std::ostream& out) { write_summary_csv(out, config, summaries); }},
      {"ratios.csv", [&](std::ostream& out) { write_ratios_csv(out, config, summaries); }},
      {"irqoff_ccdf.csv", [&](std::ostream& out) { write_irqoff_ccdf_csv(out, config, results); }},
      {"lock_stat.txt", [&](std::ostream& out) { write_lock_stat_txt(out, config, summaries); }},
      {"reports.txt",
       [&](std::ostream& out) { write_reports_txt(out, config, results, options.reports); }},
      {"results.json",
       [&](std::ostream& out) {
         write_results_json(out, config, results, summaries, provenance, options.json);
       }},
  };
  constexpr std::size_t kFiles = std::size(files);
  // The largest first, so that with two threads one writes reports.txt while
  // the other writes the rest.
  constexpr std::size_t kReportsTxt = 5;
  std::vector<std::size_t> to_make = {kReportsTxt, 6, 0, 3, 1, 4, 2};
  StagedFile staged[kFiles];
  std::string errors[kFiles];
  bool staged_ok[kFiles] = {};
  if (options.staged_reports_txt != nullptr) {
    staged[kReportsTxt] = std::move(*options.staged_reports_txt);
    staged_ok[kReportsTxt] = true;
    to_make.erase(to_make.begin());
  }
  run_jobs(to_make.size(), options.jobs, [&](std::size_t k) {
    const std::size_t i = to_make[k];
    staged_ok[i] = staged[i].stage_stream(dir / files[i].first, files[i].second, &errors[i]);
  });
  for (std::size_t i = 0; i < kFiles; ++i) {
    if (!staged_ok[i]) {
      *err = errors[i];
      return false;
    }
  }
  // One directory fsync for all seven renames (sim/io/atomic_file.h).
  return commit_all(staged, err);
}

bool write_results(const std::filesystem::path& dir, const ExperimentConfig& config,
                   const ExperimentResults& results, const Provenance& provenance, std::string* err,
                   const ResultsJsonOptions& json_options,
                   const ReportsTxtOptions& reports_options) {
  return write_results(dir, config, results, summarise_experiment(config, results), provenance, err,
                       ResultsWriteOptions{json_options, reports_options, 1});
}

}  // namespace twsim
