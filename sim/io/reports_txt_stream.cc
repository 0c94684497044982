#include "sim/io/reports_txt_stream.h"

#include <utility>

namespace twsim {

bool ReportsTxtStream::begin(const std::filesystem::path& path, std::string* err) {
  const std::lock_guard<std::mutex> hold(lock_);
  return file_.begin(path, err);
}

void ReportsTxtStream::add(std::size_t p, const PointRuns& runs) {
  bool next = false;
  {
    const std::lock_guard<std::mutex> hold(lock_);
    next = p == next_ && error_.empty();
  }
  // Made outside the lock: the other threads go on. The next point to append
  // goes straight to the file as it grows; no other thread appends while
  // next_ is p (their points wait in ready_).
  std::string text;
  std::string error;
  if (next) {
    append_point_reports(&text, config_, p, runs, options_, [&](std::string_view part) {
      if (error.empty()) file_.append(part, &error);
    });
  } else {
    append_point_reports(&text, config_, p, runs, options_);
  }
  const std::lock_guard<std::mutex> hold(lock_);
  if (error_.empty()) error_ = error;
  ready_.emplace(p, std::move(text));
  for (auto it = ready_.begin(); it != ready_.end() && it->first == next_;
       it = ready_.erase(it), ++next_) {
    if (error_.empty() && !it->second.empty()) file_.append(it->second, &error_);
  }
}

bool ReportsTxtStream::end(StagedFile* out, std::string* err) {
  const std::lock_guard<std::mutex> hold(lock_);
  if (error_.empty() && next_ != config_.points.size()) {
    error_ = "reports.txt: point " + std::to_string(next_) + " never came in";
  }
  if (!error_.empty()) {
    *err = error_;
    file_ = StagedFile();
    return false;
  }
  if (!file_.end(err)) return false;
  *out = std::move(file_);
  return true;
}

}  // namespace twsim
