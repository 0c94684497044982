// twsim's commands: one table of {name, summary, usage, options, function}
// (the shape of perf's commands[] and ninja's subtools), and the dispatcher
// that main() calls. Each command lives in its own cmd_<name>.cc.
#ifndef TWSIM_CLI_COMMANDS_H_
#define TWSIM_CLI_COMMANDS_H_

#include <boost/program_options/options_description.hpp>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cli/exit_status.h"

namespace twsim {

struct Command {
  const char* name;
  const char* summary;  // one line, for `twsim help`
  const char* usage;    // "twsim run CONFIG [-o DIR] ..."
  // The options `twsim help NAME` lists (positional arguments excluded).
  boost::program_options::options_description (*options)();
  // Runs the command on the arguments after its name.
  ExitStatus (*run)(const std::vector<std::string>& args);
};

// Every command, in the order `twsim help` lists them.
std::span<const Command> commands();

// The command called `name`, or nullptr.
const Command* find_command(std::string_view name);

// Reports an unknown command name on stderr, with a suggestion when one is
// close, and returns ExitStatus::kBadInput.
ExitStatus unknown_command(std::string_view name);

// main(): picks the command named by argv[1] and runs it on the rest.
// `twsim`, `twsim --help` and `twsim COMMAND --help` print help.
ExitStatus run_twsim(int argc, char** argv);

// The list of commands with their summaries (`twsim help`).
void print_overview(std::ostream& out);

// One command's usage line, summary and options (`twsim help NAME`).
void print_usage(std::ostream& out, const Command& command);

// The commands. Each parses its own options; see its cmd_*.cc.
ExitStatus cmd_run(const std::vector<std::string>& args);
ExitStatus cmd_validate(const std::vector<std::string>& args);
ExitStatus cmd_help(const std::vector<std::string>& args);
ExitStatus cmd_explain(const std::vector<std::string>& args);
ExitStatus cmd_threshold(const std::vector<std::string>& args);
ExitStatus cmd_sensitivity(const std::vector<std::string>& args);
ExitStatus cmd_merge(const std::vector<std::string>& args);
ExitStatus cmd_calibrate(const std::vector<std::string>& args);
ExitStatus cmd_report(const std::vector<std::string>& args);
boost::program_options::options_description run_options();
boost::program_options::options_description validate_options();
boost::program_options::options_description help_options();
boost::program_options::options_description explain_options();
boost::program_options::options_description threshold_options();
boost::program_options::options_description sensitivity_options();
boost::program_options::options_description merge_options();
boost::program_options::options_description calibrate_options();
boost::program_options::options_description report_options();

}  // namespace twsim

#endif  // TWSIM_CLI_COMMANDS_H_
