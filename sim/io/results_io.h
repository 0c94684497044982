// Writes the result files of one experiment into a directory (docs/design.md §4):
//   runs.csv, summary.csv,  see csv_results.h
//   ratios.csv,
//   irqoff_ccdf.csv
//   results.json            see results_json.h
//   lock_stat.txt           pi_lock in /proc/lock_stat format, one block per
//                           (point, algorithm), merged over replications
//   reports.txt             every detector report as dmesg shows it, see
//                           reports_txt.h
// All files are staged first and then renamed into place one after another
// (atomic_file.h), so a killed run leaves every file either complete and old
// or complete and new.
#ifndef TWSIM_IO_RESULTS_IO_H_
#define TWSIM_IO_RESULTS_IO_H_

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "sim/io/atomic_file.h"
#include "sim/io/reports_txt.h"
#include "sim/io/results_json.h"
#include "sim/scenario/config.h"
#include "sim/scenario/experiment_results.h"
#include "sim/stats/run_summary.h"

namespace twsim {

// Summaries of every point, parallel to config.points.
std::vector<PointSummary> summarise_experiment(const ExperimentConfig& config,
                                               const ExperimentResults& results);

// The text of lock_stat.txt.
void write_lock_stat_txt(std::ostream& out, const ExperimentConfig& config,
                         const std::vector<PointSummary>& summaries);
std::string lock_stat_txt(const ExperimentConfig& config,
                          const std::vector<PointSummary>& summaries);

struct ResultsWriteOptions {
  ResultsJsonOptions json;
  ReportsTxtOptions reports;
  // Files built at once, each on its own thread (the calling thread is one):
  // reports.txt alone can take as long as all the others together.
  int jobs = 1;
  // reports.txt already staged (reports_txt_stream.h), committed as it is
  // with the others; null: made here.
  StagedFile* staged_reports_txt = nullptr;
};

// Creates `dir` if needed and writes the seven files into it, from
// `summaries` (summarise_experiment's). On failure returns false and sets
// *err to "PATH: reason" (the first failing file's in the list above); files
// already in `dir` keep their previous contents unless their own commit
// succeeded.
bool write_results(const std::filesystem::path& dir, const ExperimentConfig& config,
                   const ExperimentResults& results, const std::vector<PointSummary>& summaries,
                   const Provenance& provenance, std::string* err,
                   const ResultsWriteOptions& options);
// The same, summarising the results itself, on the calling thread.
bool write_results(const std::filesystem::path& dir, const ExperimentConfig& config,
                   const ExperimentResults& results, const Provenance& provenance, std::string* err,
                   const ResultsJsonOptions& json_options = {},
                   const ReportsTxtOptions& reports_options = {});

}  // namespace twsim

#endif  // TWSIM_IO_RESULTS_IO_H_
