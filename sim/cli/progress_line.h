// The progress line of `twsim run`: one line on stderr that overwrites itself,
//   [3/8 points] 120/320 runs, 45.2 runs/s, ETA 4s
// (the ETA weighs the runs left by their expected cost, run_cost.h), drawn
// only when stderr is a terminal and --quiet is not given (as ninja's
// LinePrinter does on a smart terminal); otherwise every call does nothing.
// Not thread-safe; the runner calls it under its lock.
#ifndef TWSIM_CLI_PROGRESS_LINE_H_
#define TWSIM_CLI_PROGRESS_LINE_H_

#include <string>

#include "sim/experiment/experiment_runner.h"

namespace twsim {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled) {}
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Whether stderr is a terminal.
  static bool stderr_is_terminal();

  // Redraws the line, at most ten times a second (and always for the last run).
  void update(const RunnerProgress& p);
  // Erases the line, so that what follows starts on a clean one.
  void clear();

  // The text of the line (no escape codes), for tests.
  static std::string text(const RunnerProgress& p);

 private:
  bool enabled_;
  bool drawn_ = false;
  double last_drawn_s_ = -1;
};

}  // namespace twsim

#endif  // TWSIM_CLI_PROGRESS_LINE_H_
