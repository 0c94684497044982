#include "sim/cli/command_line.h"

#include <boost/program_options/parsers.hpp>
#include <boost/program_options/positional_options.hpp>
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/cli/diagnostics.h"

namespace po = boost::program_options;

namespace twsim {

std::optional<ExitStatus> parse_command_args(std::string_view command,
                                             const std::vector<std::string>& args,
                                             Positional positional, po::variables_map* vm) {
  const Command& self = *find_command(command);
  po::options_description all = self.options();
  po::positional_options_description positions;
  if (positional.name != nullptr) {
    if (positional.max_count == 1) {
      all.add_options()(positional.name, po::value<std::string>());
    } else {
      all.add_options()(positional.name, po::value<std::vector<std::string>>());
    }
    positions.add(positional.name, positional.max_count);
  }
  try {
    // No guessing: "--q" must not silently mean "--quiet" once another
    // option starting with q exists.
    const int style = po::command_line_style::unix_style ^ po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(args).options(all).positional(positions).style(style).run(),
              *vm);
    po::notify(*vm);
  } catch (const po::error& e) {
    print_error(std::string(command) + ": " + e.what());
    return ExitStatus::kBadInput;
  }
  if (vm->count("help")) {
    print_usage(std::cout, self);
    return ExitStatus::kOk;
  }
  if (positional.required_as != nullptr && !vm->count(positional.name)) {
    return missing_argument(command, positional.required_as);
  }
  return std::nullopt;
}

ExitStatus missing_argument(std::string_view command, std::string_view what) {
  print_error(std::string(command) + ": missing " + std::string(what) +
              "; usage: " + find_command(command)->usage);
  return ExitStatus::kBadInput;
}

bool check_option_range(std::string_view command, std::string_view option, std::int64_t value,
                        std::int64_t lo, std::int64_t hi) {
  if (value >= lo && value <= hi) return true;
  print_error(std::string(command) + ": --" + std::string(option) + " must be in [" +
              std::to_string(lo) + ", " + std::to_string(hi) + "], got " + std::to_string(value));
  return false;
}

bool check_option_at_least(std::string_view command, std::string_view option, std::int64_t value,
                           std::int64_t min) {
  if (value >= min) return true;
  print_error(std::string(command) + ": --" + std::string(option) +
              " must be >= " + std::to_string(min) + ", got " + std::to_string(value));
  return false;
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
