#include "sim/cli/runner_session.h"

#include <exception>
#include <string>

#include "sim/cli/diagnostics.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/progress_line.h"
#include "sim/io/input_error.h"

namespace twsim {

std::optional<ExitStatus> run_with_progress(std::string_view command,
                                            const boost::program_options::variables_map& vm,
                                            RunnerOptions* runner,
                                            const std::function<bool()>& work,
                                            std::string_view lost) {
  ProgressLine progress(!vm.count("quiet") && ProgressLine::stderr_is_terminal());
  runner->jobs = vm["jobs"].as<int>();
  runner->stop = &interrupted();
  runner->on_fewer_threads = warn_fewer_threads;
  runner->on_progress = [&progress](const RunnerProgress& p) { progress.update(p); };
  catch_interrupts();
  bool finished = false;
  try {
    finished = work();
  } catch (const InputError& e) {
    progress.clear();
    print_error(std::string(command) + ": " + e.what());
    return ExitStatus::kBadInput;
  } catch (const std::exception& e) {
    progress.clear();
    print_error(std::string("simulation failed: ") + e.what());
    return ExitStatus::kSimulationFailed;
  }
  progress.clear();
  if (!finished) {
    print_error("interrupted; " + std::string(lost));
    return ExitStatus::kInterrupted;
  }
  return std::nullopt;
}

}  // namespace twsim
