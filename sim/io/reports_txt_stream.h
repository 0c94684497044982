// reports.txt made while the points are simulated: each point's lines are
// made on the thread that finished (or loaded) it and appended to the staged
// file as soon as every point before it is in, so the file is ready when the
// last point is, in the bytes write_reports_txt (reports_txt.h) gives. The
// point next in line goes out as it is made (kSpillBytes at a time); only
// points that finish before an earlier one are held whole as text. Its
// temporary has no name until end() where the filesystem allows, so a run
// killed meanwhile leaves nothing behind (atomic_file.h). Thread-safe.
#ifndef TWSIM_IO_REPORTS_TXT_STREAM_H_
#define TWSIM_IO_REPORTS_TXT_STREAM_H_

#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "sim/io/atomic_file.h"
#include "sim/io/reports_txt.h"

namespace twsim {

class ReportsTxtStream {
 public:
  // `config` must outlive the stream.
  ReportsTxtStream(const ExperimentConfig& config, const ReportsTxtOptions& options)
      : config_(config), options_(options) {}

  // Creates the staged file for `path`. On failure returns false and sets *err.
  bool begin(const std::filesystem::path& path, std::string* err);
  // Point p's runs are final. Called once for each point, in any order, from
  // any thread. A write that fails is remembered for end().
  void add(std::size_t p, const PointRuns& runs);
  // Once every point is in: *out is the staged file, to be committed with the
  // others. On failure (now or in an earlier write) returns false and sets
  // *err; nothing is left on disk.
  bool end(StagedFile* out, std::string* err);

 private:
  const ExperimentConfig& config_;
  const ReportsTxtOptions options_;
  std::mutex lock_;
  std::size_t next_ = 0;                      // the next point to append
  std::map<std::size_t, std::string> ready_;  // points made, waiting for an earlier one
  StagedFile file_;
  std::string error_;  // the first failed write's, or empty
};

}  // namespace twsim

#endif  // TWSIM_IO_REPORTS_TXT_STREAM_H_
