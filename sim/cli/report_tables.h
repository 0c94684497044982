// The report page's tables and its choice of run to explain, read from the
// CSVs of a results directory (README "How to read the output"): the tidy
// summary.csv pivoted to one row per (point, algorithm) with the columns of
// `twsim run`'s table, and ratios.csv as it is.
#ifndef TWSIM_CLI_REPORT_TABLES_H_
#define TWSIM_CLI_REPORT_TABLES_H_

#include <string>

#include "sim/io/csv_table.h"
#include "sim/io/report_html.h"

namespace twsim {

// One row per (point, algorithm), in the file's order: the point and swept
// columns, the algorithm, the runs, P(hard), P(soft), P(rcu) as "0.95 [0.83,
// 0.99]" (">=" in front when runs were cut off at the horizon: a lower
// bound), the mean worst interrupts-off stretch, the margin to the
// hard-lockup window and the window, the mean machine-wide interrupts-off CPU
// time, and the mean teardown. Throws InputError (`label`) when summary.csv
// lacks a column it needs.
ReportTable summary_report_table(const CsvTable& summary, const std::string& label);

// ratios.csv without its experiment, seed and config_hash columns (the
// provenance table has them).
ReportTable ratios_report_table(const CsvTable& ratios);

// The run the report explains.
struct InterestingRun {
  int point = 0;
  std::string algorithm;
  int replication = 0;
  std::string why;  // "the highest P(hard) of the experiment, 0.95; ..."
};

// The (point, algorithm) with the highest P(hard), then P(any), then mean
// worst stretch (the first on ties), from summary.csv; of its replications
// in runs.csv the first with a hard LOCKUP report, else the first with any
// report, else the one with the longest worst stretch. Throws InputError
// when either file lacks a column it needs or has no such rows.
InterestingRun most_interesting_run(const CsvTable& summary, const std::string& summary_label,
                                    const CsvTable& runs, const std::string& runs_label);

}  // namespace twsim

#endif  // TWSIM_CLI_REPORT_TABLES_H_
