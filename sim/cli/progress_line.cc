#include "sim/cli/progress_line.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace twsim {
namespace {

std::string eta_text(double seconds) {
  const auto s = static_cast<long long>(std::llround(seconds));
  char buf[48];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, (s / 60) % 60);
  } else if (s >= 60) {
    std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%llds", s);
  }
  return buf;
}

}  // namespace

bool ProgressLine::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::string ProgressLine::text(const RunnerProgress& p) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "[%zu/%zu points] %llu/%llu runs", p.points_done, p.points_total,
                static_cast<unsigned long long>(p.runs_done),
                static_cast<unsigned long long>(p.runs_total));
  std::string line = buf;
  if (p.elapsed_s > 0 && p.runs_done > 0) {
    const double rate = static_cast<double>(p.runs_done) / p.elapsed_s;
    std::snprintf(buf, sizeof buf, ", %.1f runs/s", rate);
    line += buf;
    if (p.runs_done < p.runs_total) {
      // By expected cost where the runner gave it: time per unit of work so
      // far, times the work left (a sweep's later, bigger points take longer).
      const double left = p.work_total > 0 && p.work_done > 0
                              ? (p.work_total - p.work_done) * p.elapsed_s / p.work_done
                              : static_cast<double>(p.runs_total - p.runs_done) / rate;
      line += ", ETA " + eta_text(left);
    }
  }
  return line;
}

void ProgressLine::update(const RunnerProgress& p) {
  if (!enabled_) return;
  const bool last = p.runs_done == p.runs_total;
  if (!last && last_drawn_s_ >= 0 && p.elapsed_s - last_drawn_s_ < 0.1) return;
  last_drawn_s_ = p.elapsed_s;
  // "\r" returns to the line start; "\x1b[K" erases what a longer previous
  // line left behind.
  std::fprintf(stderr, "\r%s\x1b[K", text(p).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::clear() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace twsim
