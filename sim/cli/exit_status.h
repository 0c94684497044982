// The exit status of every twsim command (docs/design.md §5).
#ifndef TWSIM_CLI_EXIT_STATUS_H_
#define TWSIM_CLI_EXIT_STATUS_H_

namespace twsim {

enum class ExitStatus : int {
  kOk = 0,
  kSimulationFailed = 1,  // the model threw, or the results could not be written
  kBadInput = 2,          // bad config, bad option, unknown command
  kInterrupted = 130,     // SIGINT (128 + 2, as shells report it)
};

}  // namespace twsim

#endif  // TWSIM_CLI_EXIT_STATUS_H_
