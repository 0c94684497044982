// The run of a command that derives its answer from many simulations on the
// experiment runner (`threshold`, `sensitivity`): the progress line, Ctrl-C,
// and how each failure is reported.
#ifndef TWSIM_CLI_RUNNER_SESSION_H_
#define TWSIM_CLI_RUNNER_SESSION_H_

#include <boost/program_options.hpp>
#include <functional>
#include <optional>
#include <string_view>

#include "sim/cli/exit_status.h"
#include "sim/experiment/experiment_runner.h"

namespace twsim {

// Sets *runner's jobs (--jobs), stop flag and progress line (unless --quiet
// or stderr is not a terminal), then calls `work`, which returns false if the
// runner was stopped. Returns nullopt when it finished; else the exit status,
// after one line: "COMMAND: <what>" for an InputError (2), "simulation
// failed: <what>" for any other exception (1), "interrupted; <lost>" (130).
std::optional<ExitStatus> run_with_progress(std::string_view command,
                                            const boost::program_options::variables_map& vm,
                                            RunnerOptions* runner,
                                            const std::function<bool()>& work,
                                            std::string_view lost);

}  // namespace twsim

#endif  // TWSIM_CLI_RUNNER_SESSION_H_
