// Option parsing shared by the commands (Boost.Program_options): Unix style
// without abbreviation guessing, one-line errors naming the command, and the
// usage and range errors every command words the same way.
#ifndef TWSIM_CLI_COMMAND_LINE_H_
#define TWSIM_CLI_COMMAND_LINE_H_

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cli/exit_status.h"

namespace twsim {

// Where a command's positional arguments go: under `name`, as a std::string
// when max_count is 1, else as a std::vector<std::string> (-1: any number).
struct Positional {
  const char* name = nullptr;  // nullptr: the command takes none
  int max_count = 0;
  const char* required_as = nullptr;  // "CONFIG": required, named so in errors
};

// Parses the arguments of the command called `command` against its options
// (Command::options) and `positional` into *vm. Returns the status to exit
// with at once: kBadInput after a bad option, reported as "twsim: error:
// COMMAND: <problem>" (e.g. "unrecognised option '--frob'"), or after a
// missing required positional (missing_argument); kOk after -h/--help, with
// the command's usage printed on stdout. nullopt: carry on.
std::optional<ExitStatus> parse_command_args(std::string_view command,
                                             const std::vector<std::string>& args,
                                             Positional positional,
                                             boost::program_options::variables_map* vm);

// Reports "COMMAND: missing WHAT; usage: <its usage line>" and returns
// ExitStatus::kBadInput.
ExitStatus missing_argument(std::string_view command, std::string_view what);

// Whether lo <= value <= hi; if not, reports
// "COMMAND: --OPTION must be in [LO, HI], got VALUE".
bool check_option_range(std::string_view command, std::string_view option, std::int64_t value,
                        std::int64_t lo, std::int64_t hi);

// Whether value >= min; if not, reports "COMMAND: --OPTION must be >= MIN, got VALUE".
bool check_option_at_least(std::string_view command, std::string_view option, std::int64_t value,
                           std::int64_t min);

// The --set and -h/--help options of commands that read a config.
boost::program_options::options_description config_options();

// The --set values, in command-line order ("KEY=VALUE" each).
std::vector<std::string> set_overrides(const boost::program_options::variables_map& vm);

}  // namespace twsim

#endif  // TWSIM_CLI_COMMAND_LINE_H_
