// twsim help [COMMAND]: the command table, or one command's usage.
#include <boost/program_options.hpp>
#include <iostream>

#include "sim/cli/command_line.h"
#include "sim/cli/commands.h"

namespace po = boost::program_options;

namespace twsim {

po::options_description help_options() {
  po::options_description d;
  d.add_options()("help,h", "show this command's usage");
  return d;
}

void print_overview(std::ostream& out) {
  out << "usage: twsim COMMAND [options]\n"
         "\n"
         "twsim simulates io_uring io-wq teardown (old rescanning cancel vs\n"
         "task_work_cancel_match_all) and predicts which lockup detectors fire.\n"
         "\n"
         "commands:\n";
  std::size_t width = 0;
  for (const Command& c : commands()) width = std::max(width, std::string_view(c.name).size());
  for (const Command& c : commands()) {
    out << "  " << c.name << std::string(width - std::string_view(c.name).size() + 3, ' ')
        << c.summary << "\n";
  }
  out << "\n"
         "'twsim help COMMAND' shows a command's options.\n"
         "Exit status: 0 success, 1 simulation failed, 2 bad input or usage, 130 interrupted.\n";
}

void print_usage(std::ostream& out, const Command& command) {
  out << "usage: " << command.usage << "\n\n" << command.summary << "\n";
  const po::options_description options = command.options();
  if (!options.options().empty()) out << "\noptions:\n" << options;
}

ExitStatus cmd_help(const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto exit = parse_command_args("help", args, {"command", 1}, &vm)) return *exit;
  if (!vm.count("command")) {
    print_overview(std::cout);
    return ExitStatus::kOk;
  }
  const std::string name = vm["command"].as<std::string>();
  const Command* command = find_command(name);
  if (!command) return unknown_command(name);
  print_usage(std::cout, *command);
  return ExitStatus::kOk;
}

}  // namespace twsim
