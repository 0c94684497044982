// twsim explain CONFIG [--set KEY=VALUE]... [--point N] [--replication R]
// [--cpu N] [--algorithm old|new]: says in words why a CPU of one run tripped
// (or did not): facts from the run, like ninja's -d explain. By default the
// first replication with a detector report, and the CPU reported first.
#include <boost/program_options.hpp>
#include <cstdint>
#include <iostream>
#include <optional>

#include "sim/cli/command_line.h"
#include "sim/cli/commands.h"
#include "sim/cli/config_loading.h"
#include "sim/cli/diagnostics.h"
#include "sim/cli/explain_text.h"
#include "sim/io/json_io.h"

namespace po = boost::program_options;

namespace twsim {

po::options_description explain_options() {
  po::options_description d;
  d.add_options()("point", po::value<int>()->default_value(0)->value_name("N"),
                  "the point to explain (index as in 'twsim validate')")(
      "replication", po::value<int>()->value_name("R"),
      "the replication to explain (default: the first with a detector report, else 0)")(
      "cpu", po::value<int>()->value_name("N"),
      "the CPU to explain (default: the first reported, else the longest stretch's)")(
      "algorithm", po::value<std::string>()->value_name("ALGORITHM"),
      "explain only this algorithm: old, new, single-pass or exit-test (default: each the "
      "experiment runs)");
  d.add(config_options());
  return d;
}

ExitStatus cmd_explain(const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto exit = parse_command_args("explain", args, {"config", 1, "CONFIG"}, &vm)) return *exit;
  const auto config = load_config_or_report(vm);
  if (!config) return ExitStatus::kBadInput;
  const int point = vm["point"].as<int>();
  const auto points = static_cast<std::int64_t>(config->points.size());
  if (!check_option_range("explain", "point", point, 0, points - 1)) return ExitStatus::kBadInput;
  std::optional<int> given_replication, given_cpu;
  if (vm.count("replication")) {
    given_replication = vm["replication"].as<int>();
    if (!check_option_range("explain", "replication", *given_replication, 0,
                            config->replications - 1)) {
      return ExitStatus::kBadInput;
    }
  }
  if (vm.count("cpu")) {
    given_cpu = vm["cpu"].as<int>();
    const int cpus = config->points[point].scenario.machine.cpus;
    if (!check_option_range("explain", "cpu", *given_cpu, 0, cpus - 1)) {
      return ExitStatus::kBadInput;
    }
  }
  std::vector<Algorithm> algorithms = config->algorithms;
  if (vm.count("algorithm")) {
    const std::string a = vm["algorithm"].as<std::string>();
    const std::optional<Algorithm> named = algorithm_named(a);
    if (!named) {
      print_error("explain: --algorithm must be old, new, single-pass or exit-test, got '" + a +
                  "'");
      return ExitStatus::kBadInput;
    }
    algorithms = {*named};
  }
  for (Algorithm a : algorithms) {
    write_explanation(std::cout, *config, {point, a, given_replication, given_cpu});
    std::cout << "\n";
  }
  return ExitStatus::kOk;
}

}  // namespace twsim
