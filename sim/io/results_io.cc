#include "sim/io/results_io.h"

#include <cstddef>
#include <iterator>
#include <system_error>
#include <utility>

#include "sim/io/atomic_file.h"
#include "sim/io/csv_results.h"
#include "sim/io/kernel_log.h"
#include "sim/io/number_format.h"

namespace twsim {

std::vector<PointSummary> summarise_experiment(const ExperimentConfig& config,
                                               const ExperimentResults& results) {
  std::vector<PointSummary> out;
  out.reserve(results.points.size());
  for (const PointRuns& point : results.points) {
    out.push_back(summarise_point(config.algorithms, point));
  }
  return out;
}

std::string lock_stat_txt(const ExperimentConfig& config,
                          const std::vector<PointSummary>& summaries) {
  std::string out = lock_stat_header();
  for (std::size_t p = 0; p < summaries.size(); ++p) {
    for (const AlgorithmSummary& s : summaries[p].algorithms) {
      std::string label = "\n# point " + format_int(static_cast<std::int64_t>(p));
      for (const auto& [key, value] : config.points[p].params) {
        label += " " + key + "=" + param_display(value);
      }
      label += ", algorithm " + std::string(to_string(s.algorithm)) + ", " + format_int(s.n) +
               " replications merged\n";
      out += label + lock_stat_line(kPiLockClassName, s.lock_stat);
    }
  }
  return out;
}

bool write_results(const std::filesystem::path& dir, const ExperimentConfig& config,
                   const ExperimentResults& results, const Provenance& provenance, std::string* err,
                   const ResultsJsonOptions& json_options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    *err = dir.string() + ": " + ec.message();
    return false;
  }
  const std::vector<PointSummary> summaries = summarise_experiment(config, results);
  const std::pair<const char*, std::string> files[] = {
      {"runs.csv", runs_csv(config, results)},
      {"summary.csv", summary_csv(config, summaries)},
      {"lock_stat.txt", lock_stat_txt(config, summaries)},
      {"results.json", results_json(config, results, summaries, provenance, json_options)},
  };
  StagedFile staged[std::size(files)];
  for (std::size_t i = 0; i < std::size(files); ++i) {
    if (!staged[i].stage(dir / files[i].first, files[i].second, err)) return false;
  }
  for (StagedFile& f : staged) {
    if (!f.commit(err)) return false;
  }
  return true;
}

}  // namespace twsim
