#include "sim/io/reports_txt.h"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>

#include "sim/core/run_jobs.h"
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
                       const ExperimentResults& results, const ReportsTxtOptions& options,
                       int threads) {
  if (threads <= 1) {
    // In order on this thread: a point's text goes out as it grows.
    const auto write = [&out](std::string_view text) { out << text; };
    for (std::size_t p = 0; p < results.points.size(); ++p) {
      std::string text;
      append_point_reports(&text, config, p, results.points[p], options, write);
      write(text);
    }
    return;
  }
  // Each point's text is made on whichever thread takes it and written when
  // every point before it has been: the file is in point order, and at most
  // one point's text per thread is in memory.
  std::mutex lock;
  std::condition_variable turn;
  std::size_t next_to_write = 0;
  run_jobs(results.points.size(), threads, [&](std::size_t p) {
    std::string text;
    std::exception_ptr failure;
    try {
      append_point_reports(&text, config, p, results.points[p], options);
    } catch (...) {
      failure = std::current_exception();  // the later points must not wait for this one forever
    }
    std::unique_lock<std::mutex> hold(lock);
    turn.wait(hold, [&] { return next_to_write == p; });
    if (!failure) out << text;
    ++next_to_write;
    turn.notify_all();
    if (failure) std::rethrow_exception(failure);
  });
}

}  // namespace twsim
