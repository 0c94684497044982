// twsim sensitivity CONFIG [--point N] [--factor F] [--push-rate HZ] [-o DIR]
// [-j N] [--quiet] [--set KEY=VALUE]...: one point of the config, and that
// point with each input a user cannot observe moved to a low and a high value
// (or the other values of a choice), one at a time
// (sim/experiment/sensitivity_variants.h); writes DIR/sensitivity.csv
// (default results/<name>/) and prints P(hard) and the worst stretch of each.
#include <boost/program_options.hpp>
#include <cmath>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>

#include "sim/cli/command_line.h"
#include "sim/cli/commands.h"
#include "sim/cli/config_loading.h"
#include "sim/cli/diagnostics.h"
#include "sim/cli/human_units.h"
#include "sim/cli/output_dir.h"
#include "sim/cli/runner_session.h"
#include "sim/cli/text_table.h"
#include "sim/experiment/sensitivity.h"
#include "sim/io/atomic_file.h"
#include "sim/io/input_error.h"
#include "sim/io/number_format.h"
#include "sim/io/sensitivity_csv.h"

namespace po = boost::program_options;

namespace twsim {
namespace {

// Which point to vary: --point N, or the config's only one. Prints the error
// and returns nullopt if there is none to take.
std::optional<std::size_t> chosen_point(const po::variables_map& vm, const ExperimentConfig& c) {
  const auto points = static_cast<std::int64_t>(c.points.size());
  if (!vm.count("point")) {
    if (points == 1) return 0;
    print_error("sensitivity: " + c.source_file + " sweeps " + format_int(points) +
                " points; choose one with --point N (0.." + format_int(points - 1) + ")");
    return std::nullopt;
  }
  const int point = vm["point"].as<int>();
  if (!check_option_range("sensitivity", "point", point, 0, points - 1)) return std::nullopt;
  return static_cast<std::size_t>(point);
}

// Fills *s from --factor and --push-rate; prints the error and returns false
// if they are not usable.
bool read_settings(const po::variables_map& vm, SensitivitySettings* s) {
  s->factor = vm["factor"].as<double>();
  s->push_rate_hz = vm["push-rate"].as<double>();
  if (!(s->factor > 1) || !std::isfinite(s->factor)) {
    print_error("sensitivity: --factor must be > 1 (low = value / F, high = value x F), got " +
                format_double(s->factor));
    return false;
  }
  if (!(s->push_rate_hz > 0) || !std::isfinite(s->push_rate_hz)) {
    print_error("sensitivity: --push-rate must be > 0 (pushes per second), got " +
                format_double(s->push_rate_hz));
    return false;
  }
  return true;
}

std::string table_text(const ExperimentConfig& config, const std::vector<SensitivityRow>& rows) {
  const std::size_t n_algos = config.algorithms.size();
  TextTable table;
  table.add_column("input");
  table.add_column("side");
  table.add_column("value", true);
  for (const Algorithm a : config.algorithms) {
    table.add_column(std::string("P(hard) ") + to_string(a), true);
    table.add_column(std::string("worst stretch ") + to_string(a), true);
  }
  for (std::size_t i = 0; i < rows.size(); i += n_algos) {
    const SensitivityRow& first = rows[i];
    std::vector<std::string> cells{first.input, first.side,
                                   first.value + (first.clamped ? " (held)" : "")};
    for (std::size_t a = 0; a < n_algos; ++a) {
      const SensitivityRow& r = rows[i + a];
      cells.push_back(human_probability(r.p_hard.p, r.p_hard.ci));
      cells.push_back(human_duration(r.max_irqoff_mean_ns));
    }
    table.add_row(std::move(cells));
  }
  return table.render();
}

}  // namespace

po::options_description sensitivity_options() {
  po::options_description d;
  d.add_options()("point", po::value<int>()->value_name("N"),
                  "the point to vary (index as in 'twsim validate'; needed when the config "
                  "sweeps)")("factor", po::value<double>()->default_value(2, "2")->value_name("F"),
                             "list length, node cost and push rate go to value / F and value x F")(
      "push-rate", po::value<double>()->default_value(1e4, "10000")->value_name("HZ"),
      "the push rate's high side when the point has none (an assumption)")(
      "output,o", po::value<std::string>()->value_name("DIR"),
      "write sensitivity.csv here (default: results/<name>/)")(
      "jobs,j", po::value<int>()->default_value(1)->value_name("N"),
      "simulate on N threads; the results are identical for any N")("quiet,q",
                                                                    "no progress line on stderr");
  d.add(config_options());
  return d;
}

ExitStatus cmd_sensitivity(const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto exit = parse_command_args("sensitivity", args, {"config", 1, "CONFIG"}, &vm)) {
    return *exit;
  }
  if (!check_option_at_least("sensitivity", "jobs", vm["jobs"].as<int>(), 1))
    return ExitStatus::kBadInput;
  SensitivityJob job;
  if (!read_settings(vm, &job.settings)) return ExitStatus::kBadInput;
  const std::optional<ExperimentConfig> config = load_config_or_report(vm);
  if (!config) return ExitStatus::kBadInput;
  const std::optional<std::size_t> point = chosen_point(vm, *config);
  if (!point) return ExitStatus::kBadInput;
  job.point = *point;
  const std::filesystem::path dir = output_dir_of(vm, *config);
  if (!prepare_output_dir(dir)) return ExitStatus::kBadInput;

  std::optional<std::vector<SensitivityRow>> rows;
  const auto work = [&] {
    rows = run_sensitivity(*config, job);
    return rows.has_value();
  };
  if (auto exit =
          run_with_progress("sensitivity", vm, &job.runner, work, "no sensitivity.csv written"))
    return *exit;
  const std::filesystem::path csv = dir / "sensitivity.csv";
  std::string err;
  if (!write_file_atomically(csv, sensitivity_csv(*config, job.point, *rows), &err)) {
    print_error("cannot write results: " + err);
    return ExitStatus::kSimulationFailed;
  }
  std::cout << "sensitivity of point " << job.point << " of " << config->name << " ("
            << config->replications
            << " replications per value; P(hard) with its 95% Wilson interval, the mean of each "
               "run's worst interrupts-off stretch)\n"
            << table_text(*config, *rows) << "\nsensitivity: " << csv.string() << "\n";
  return ExitStatus::kOk;
}

}  // namespace twsim
