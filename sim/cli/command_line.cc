#include "sim/cli/command_line.h"

#include <boost/program_options/parsers.hpp>

#include "sim/cli/diagnostics.h"

namespace po = boost::program_options;

namespace twsim {

bool parse_command_line(const std::string& command, const std::vector<std::string>& args,
                        const po::options_description& options,
                        const po::positional_options_description& positional,
                        po::variables_map* vm) {
  try {
    // No guessing: "--q" must not silently mean "--quiet" once another
    // option starting with q exists.
    const int style = po::command_line_style::unix_style ^ po::command_line_style::allow_guessing;
    po::store(
        po::command_line_parser(args).options(options).positional(positional).style(style).run(),
        *vm);
    po::notify(*vm);
  } catch (const po::error& e) {
    print_error(command + ": " + e.what());
    return false;
  }
  return true;
}

po::options_description config_options() {
  po::options_description d;
  d.add_options()("set",
                  po::value<std::vector<std::string>>()->composing()->value_name("KEY=VALUE"),
                  "override one config key, e.g. --set machine.cpus=256 (repeatable)")(
      "help,h", "show this command's usage");
  return d;
}

std::vector<std::string> set_overrides(const po::variables_map& vm) {
  if (!vm.count("set")) return {};
  return vm["set"].as<std::vector<std::string>>();
}

}  // namespace twsim
