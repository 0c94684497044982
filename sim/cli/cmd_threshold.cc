// twsim threshold CONFIG --param KEY [--target P] [--detector D] [--min X --max Y]
// [-o DIR] [-j N] [--quiet] [--set KEY=VALUE]...: for every point of the
// sweep and each algorithm, bisects KEY to where P(detector fires) crosses
// the target (threshold_search.h has the definitions), writes
// DIR/thresholds.csv (default results/<name>/) and prints a short table.
#include <algorithm>
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
#include "sim/cli/output_dir.h"
#include "sim/cli/runner_session.h"
#include "sim/cli/text_table.h"
#include "sim/experiment/threshold_probes.h"
#include "sim/io/atomic_file.h"
#include "sim/io/config_schema.h"
#include "sim/io/input_error.h"
#include "sim/io/number_format.h"
#include "sim/io/spelling.h"
#include "sim/io/threshold_csv.h"

namespace po = boost::program_options;

namespace twsim {
namespace {

// Integer scenario keys are searched over [1, 1e9] unless told otherwise.
constexpr double kDefaultMin = 1;
constexpr double kDefaultMax = 1e9;

// The two ways of giving the worker count are one parameter.
bool same_parameter(std::string_view a, std::string_view b) {
  const auto workers = [](std::string_view k) {
    return k == "io_wq.workers" || k == "io_wq.workers_per_cpu";
  };
  return a == b || (workers(a) && workers(b));
}

// Checks --param against the schema and the sweep; prints the error and
// returns nullptr if it cannot be searched.
const ConfigKey* searchable_key(const std::string& param, const ExperimentConfig& config) {
  const ConfigKey* key = find_config_key(param);
  if (key == nullptr) {
    const std::vector<std::string_view> keys = scenario_keys();
    const std::string close = closest_spelling(param, keys);
    print_error("threshold: --param: unknown key '" + param + "'" +
                (close.empty() ? "" : "; did you mean '" + close + "'?"));
    return nullptr;
  }
  if (!is_scenario_key(*key) || (key->type != KeyType::kInteger && key->type != KeyType::kNumber)) {
    print_error(
        "threshold: --param must be a numeric scenario key such as task_work.unrelated, "
        "got '" +
        param + "'");
    return nullptr;
  }
  for (const std::string& swept : config.swept) {
    if (same_parameter(swept, param)) {
      print_error("threshold: --param " + param + " is swept by " + config.source_file +
                  "; the search varies it itself, so take it out of the sweep");
      return nullptr;
    }
  }
  return key;
}

// Fills *s from --min/--max/--target; prints the error and returns false if
// they are not usable.
bool read_search_settings(const po::variables_map& vm, const std::string& param, bool integer,
                          SearchSettings* s) {
  s->integer = integer;
  s->target = vm["target"].as<double>();
  if (!(s->target > 0 && s->target < 1)) {
    print_error("threshold: --target must be in (0, 1), got " + format_double(s->target));
    return false;
  }
  if (!integer && (!vm.count("min") || !vm.count("max"))) {
    print_error("threshold: --param " + param +
                " takes fractional values; give the search range with --min and --max");
    return false;
  }
  s->min = vm.count("min") ? vm["min"].as<double>() : kDefaultMin;
  s->max = vm.count("max") ? vm["max"].as<double>() : kDefaultMax;
  for (const auto& [name, v] : {std::pair{"--min", s->min}, std::pair{"--max", s->max}}) {
    if (!(v > 0) || !std::isfinite(v)) {
      print_error(std::string("threshold: ") + name +
                  " must be > 0 (the search is geometric), got " + format_double(v));
      return false;
    }
    if (integer && v != std::floor(v)) {
      print_error(std::string("threshold: ") + name + " must be an integer for " + param +
                  ", got " + format_double(v));
      return false;
    }
  }
  if (!(s->max > s->min)) {
    print_error("threshold: --max must be > --min, got --min " + format_double(s->min) + " --max " +
                format_double(s->max));
    return false;
  }
  return true;
}

// "yes", or "no: needs ~N replications" (threshold_search.h).
std::string resolution_text(const ThresholdRow& row) {
  if (row.resolved) return "yes";
  if (row.replications_needed < 0) return "no";
  return "no: needs ~" + format_int(row.replications_needed) + " replications";
}

std::string table_text(const ExperimentConfig& config, const ThresholdTable& t) {
  TextTable table;
  table.add_column("point", true);
  for (const std::string& key : config.swept) table.add_column(key, true);
  table.add_column("algorithm");
  table.add_column("threshold", true);
  table.add_column("interval", true);
  table.add_column("probes", true);
  table.add_column("note");
  table.add_column("resolved");
  for (const ThresholdRow& row : t.rows) {
    std::vector<std::string> cells{format_int(static_cast<std::int64_t>(row.point))};
    for (const std::string& key : config.swept) {
      cells.push_back(swept_value(config.points[row.point], key));
    }
    const std::string lo = threshold_value_text(t, row.threshold_lo);
    const std::string hi = threshold_value_text(t, row.threshold_hi);
    cells.push_back(to_string(row.algorithm));
    cells.push_back(threshold_value_text(t, row.threshold));
    cells.push_back(row.note.empty()
                        ? "[" + (lo.empty() ? "?" : lo) + ", " + (hi.empty() ? "?" : hi) + "]"
                        : "");
    cells.push_back(format_int(row.probes));
    cells.push_back(row.note);
    cells.push_back(resolution_text(row));
    table.add_row(std::move(cells));
  }
  return table.render();
}

}  // namespace

po::options_description threshold_options() {
  po::options_description d;
  d.add_options()("param", po::value<std::string>()->value_name("KEY"),
                  "the numeric scenario key to search, e.g. task_work.unrelated (not swept)")(
      "target", po::value<double>()->default_value(0.5, "0.5")->value_name("P"),
      "the probability the threshold is defined by")(
      "detector", po::value<std::string>()->default_value("hard")->value_name("D"),
      "whose firing counts: hard, soft, rcu or any")(
      "min", po::value<double>()->value_name("X"),
      "lower end of the search (default 1 for integer keys)")(
      "max", po::value<double>()->value_name("Y"),
      "upper end of the search (default 1e9 for integer keys)")(
      "output,o", po::value<std::string>()->value_name("DIR"),
      "write thresholds.csv here (default: results/<name>/)")(
      "cold-start",
      "search every point from [min, max], not from the previous point's bracket (more probes)")(
      "jobs,j", po::value<int>()->default_value(1)->value_name("N"),
      "simulate on N threads; the results are identical for any N")("quiet,q",
                                                                    "no progress line on stderr");
  d.add(config_options());
  return d;
}

ExitStatus cmd_threshold(const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto exit = parse_command_args("threshold", args, {"config", 1, "CONFIG"}, &vm)) return *exit;
  if (!vm.count("param")) return missing_argument("threshold", "--param KEY");
  if (!check_option_at_least("threshold", "jobs", vm["jobs"].as<int>(), 1))
    return ExitStatus::kBadInput;
  const std::string detector = vm["detector"].as<std::string>();
  const std::optional<std::size_t> detector_at = detector_index(detector);
  if (!detector_at) {
    print_error("threshold: --detector must be hard, soft, rcu or any, got '" + detector + "'");
    return ExitStatus::kBadInput;
  }
  const std::optional<ExperimentConfig> config = load_config_or_report(vm);
  if (!config) return ExitStatus::kBadInput;
  const std::string param = vm["param"].as<std::string>();
  const ConfigKey* key = searchable_key(param, *config);
  if (key == nullptr) return ExitStatus::kBadInput;

  ThresholdJob job;
  job.param = param;
  job.detector = *detector_at;
  job.warm_start = vm.count("cold-start") == 0;
  if (!read_search_settings(vm, param, key->type == KeyType::kInteger, &job.settings)) {
    return ExitStatus::kBadInput;
  }
  const std::filesystem::path dir = output_dir_of(vm, *config);
  if (!prepare_output_dir(dir)) return ExitStatus::kBadInput;

  std::optional<std::vector<SearchOutcome>> outcomes;
  const auto work = [&] {
    outcomes = run_threshold_searches(*config, job);
    return outcomes.has_value();
  };
  if (auto exit = run_with_progress("threshold", vm, &job.runner, work, "no thresholds written"))
    return *exit;

  ThresholdTable table{param, job.settings.integer, detector, job.settings.target, {}};
  const std::size_t n_algos = config->algorithms.size();
  for (std::size_t i = 0; i < outcomes->size(); ++i) {
    const SearchOutcome& o = (*outcomes)[i];
    table.rows.push_back(ThresholdRow{i / n_algos, config->algorithms[i % n_algos], o.threshold,
                                      o.threshold_lo, o.threshold_hi, o.probes, o.note, o.resolved,
                                      o.replications_needed});
  }
  const bool all_resolved = std::all_of(table.rows.begin(), table.rows.end(),
                                        [](const ThresholdRow& r) { return r.resolved; });
  const std::filesystem::path csv = dir / "thresholds.csv";
  std::string err;
  if (!write_file_atomically(csv, thresholds_csv(*config, table), &err)) {
    print_error("cannot write results: " + err);
    return ExitStatus::kSimulationFailed;
  }
  std::cout << "critical " << param << " where P(" << detector << ") crosses "
            << format_double(job.settings.target) << " (" << config->replications
            << " replications per probe; interval: 95% Wilson, see thresholds.csv)\n"
            << table_text(*config, table);
  if (!all_resolved) {
    std::cout << "\nunresolved at " << config->replications
              << " replications: at a '?' end no probe's 95% Wilson interval excludes "
              << format_double(job.settings.target)
              << ", and a note marked 'no' rests on an end probe whose interval holds it; "
                 "'needs ~N' assumes each probe's P stays as estimated (--set replications=N)\n";
  }
  std::cout << "\nthresholds: " << csv.string() << "\n";
  return ExitStatus::kOk;
}

}  // namespace twsim
