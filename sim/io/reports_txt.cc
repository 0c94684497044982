#include "sim/io/reports_txt.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "sim/io/dmesg_report.h"

namespace twsim {
namespace {

// The printk lines a run's counts call for: the kernel prints every report.
std::int64_t lines_reported(const RunMetrics& m) {
  return std::int64_t{m.hard_lockups} * dmesg_line_count(ReportKind::kHardLockup) +
         std::int64_t{m.soft_lockups} * dmesg_line_count(ReportKind::kSoftLockup) +
         std::int64_t{m.rcu_stalls} * dmesg_line_count(ReportKind::kRcuStall);
}

}  // namespace

void append_point_reports(std::string* text, const ExperimentConfig& config, std::size_t p,
                          const PointRuns& point, const ReportsTxtOptions& options,
                          const std::function<void(std::string_view)>& spill) {
  const ScenarioConfig& scenario = config.points[p].scenario;
  for (std::size_t a = 0; a < point.runs.size(); ++a) {
    for (std::size_t r = 0; r < point.runs[a].size(); ++r) {
      const RunMetrics& m = point.runs[a][r];
      const std::string tag = "point=" + std::to_string(p) +
                              " algorithm=" + to_string(config.algorithms[a]) +
                              " replication=" + std::to_string(r) + "\t";
      std::int64_t printed = 0;
      for (const DetectorReport& report : m.reports) {
        append_dmesg_lines(text, tag, report, scenario, options.uptime_ns);
        printed += dmesg_line_count(report.kind);
      }
      if (lines_reported(m) > printed) {
        text->append(tag).append(dropped_messages_line(lines_reported(m) - printed)).append("\n");
      }
      if (spill && text->size() >= kSpillBytes) {
        spill(*text);
        text->clear();
      }
    }
  }
}

void write_reports_txt(std::ostream& out, const ExperimentConfig& config,
                       const ExperimentResults& results, const ReportsTxtOptions& options) {
  // A point's text goes out as it grows (a whole run's reports.txt is made
  // during the run instead, by reports_txt_stream.h).
  const auto write = [&out](std::string_view text) { out << text; };
  for (std::size_t p = 0; p < results.points.size(); ++p) {
    std::string text;
    append_point_reports(&text, config, p, results.points[p], options, write);
    write(text);
  }
}

}  // namespace twsim
