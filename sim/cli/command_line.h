// Option parsing shared by the commands (Boost.Program_options): Unix style
// without abbreviation guessing, one-line errors naming the command.
#ifndef TWSIM_CLI_COMMAND_LINE_H_
#define TWSIM_CLI_COMMAND_LINE_H_

#include <string>
#include <vector>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/positional_options.hpp>
#include <boost/program_options/variables_map.hpp>

namespace twsim {

// Parses `args` against `options` (which must include the hidden positional
// ones named in `positional`) into *vm. On a bad option prints
// "twsim: error: COMMAND: <problem>" (e.g. "unrecognised option '--frob'")
// and returns false.
bool parse_command_line(const std::string& command, const std::vector<std::string>& args,
                        const boost::program_options::options_description& options,
                        const boost::program_options::positional_options_description& positional,
                        boost::program_options::variables_map* vm);

// The --set and -h/--help options of commands that read a config.
boost::program_options::options_description config_options();

// The --set values, in command-line order ("KEY=VALUE" each).
std::vector<std::string> set_overrides(const boost::program_options::variables_map& vm);

}  // namespace twsim

#endif  // TWSIM_CLI_COMMAND_LINE_H_
