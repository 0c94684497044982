// reports.txt: every detector report of every run of an experiment, as the
// kernel would print it (dmesg_report.h), one line per printk line, each
// behind a tag saying whose run it is:
//   point=P algorithm=A replication=R<TAB><the dmesg line>
// so that `grep 'point=3 algorithm=old '` finds one point's reports and
// `cut -f2-` gives the kernel's lines alone. Order: points by index, then
// the config's algorithms in order, then replications, then a run's reports
// in time order (ties by CPU); a report's lines stay together. A run keeps
// its first kReportsPerRun reports (report_tally.h); when it made more, the
// run's lines end as a console that lost messages ends them, with
// "** N printk messages dropped **" (N counts the lines not printed).
// A run without reports adds nothing; an experiment without any gives an
// empty file.
#ifndef TWSIM_IO_REPORTS_TXT_H_
#define TWSIM_IO_REPORTS_TXT_H_

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "sim/core/time.h"
#include "sim/scenario/config.h"
#include "sim/scenario/experiment_results.h"

namespace twsim {

struct ReportsTxtOptions {
  Ns uptime_ns = 0;  // time since boot at each run's t = 0, added to every timestamp
};

// Appends the lines of point p (whose runs are `point`) to *text. With a
// `spill`, *text is handed to it and emptied after each run that leaves it
// kSpillBytes or longer, so that a big point is never whole in memory.
constexpr std::size_t kSpillBytes = 1 << 20;
void append_point_reports(std::string* text, const ExperimentConfig& config, std::size_t p,
                          const PointRuns& point, const ReportsTxtOptions& options,
                          const std::function<void(std::string_view)>& spill = {});

// The whole file. REQUIRES: results.points parallels config.points.
void write_reports_txt(std::ostream& out, const ExperimentConfig& config,
                       const ExperimentResults& results, const ReportsTxtOptions& options = {});

}  // namespace twsim

#endif  // TWSIM_IO_REPORTS_TXT_H_
