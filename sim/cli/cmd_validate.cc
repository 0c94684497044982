// twsim validate CONFIG [--set KEY=VALUE]...: loads and checks a config, then
// prints each resolved point (its swept values and resolved worker count) and
// the number of runs `twsim run` would do.
#include <boost/program_options.hpp>
#include <iostream>

#include "sim/cli/command_line.h"
#include "sim/cli/commands.h"
#include "sim/cli/config_loading.h"
#include "sim/cli/text_table.h"
#include "sim/io/number_format.h"

namespace po = boost::program_options;

namespace twsim {

po::options_description validate_options() { return config_options(); }

ExitStatus cmd_validate(const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto exit = parse_command_args("validate", args, {"config", 1, "CONFIG"}, &vm)) return *exit;
  const std::optional<ExperimentConfig> config = load_config_or_report(vm);
  if (!config) return ExitStatus::kBadInput;
  const std::string path = vm["config"].as<std::string>();

  std::cout << path << ": experiment '" << config->name << "', seed " << config->seed << "\n";
  TextTable table;
  table.add_column("point", true);
  for (const std::string& key : config->swept) table.add_column(key, true);
  if (config->labelled) table.add_column("label");  // sweep.zip.label
  table.add_column("cpus", true);
  table.add_column("workers", true);
  for (std::size_t p = 0; p < config->points.size(); ++p) {
    const Point& point = config->points[p];
    std::vector<std::string> row{format_int(static_cast<std::int64_t>(p))};
    for (const std::string& key : config->swept) row.push_back(swept_value(point, key));
    if (config->labelled) row.push_back(point.label);
    row.push_back(format_int(point.scenario.machine.cpus));
    row.push_back(format_int(point.scenario.io_wq.workers));
    table.add_row(std::move(row));
  }
  std::cout << table.render();

  const std::size_t points = config->points.size();
  const std::size_t algorithms = config->algorithms.size();
  const auto replications = static_cast<std::size_t>(config->replications);
  std::cout << points << (points == 1 ? " point x " : " points x ") << algorithms
            << (algorithms == 1 ? " algorithm x " : " algorithms x ") << replications
            << (replications == 1 ? " replication = " : " replications = ")
            << points * algorithms * replications << " runs\n";
  return ExitStatus::kOk;
}

}  // namespace twsim
