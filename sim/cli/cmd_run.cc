// twsim run CONFIG [-o DIR] [--set KEY=VALUE]... [-j N] [--quiet] [--trace FILE]
// [--lock-stat]: runs every
// point x algorithm x replication of an experiment, writes runs.csv,
// summary.csv, lock_stat.txt and results.json into results/<name>/ (or DIR),
// and prints a short old-vs-new table on stdout.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <exception>
#include <filesystem>
#include <iostream>

#include <boost/program_options.hpp>

#include "sim/cli/command_line.h"
#include "sim/cli/commands.h"
#include "sim/cli/config_loading.h"
#include "sim/cli/diagnostics.h"
#include "sim/cli/experiment_runner.h"
#include "sim/cli/progress_line.h"
#include "sim/cli/results_table.h"
#include "sim/cli/trace_output.h"
#include "sim/io/results_io.h"

namespace po = boost::program_options;

namespace twsim {
namespace {

// Set by the first SIGINT; the runner starts no new run once it is set. The
// handler is reset by that first signal, so a second Ctrl-C kills at once.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "must be usable in a signal handler");

extern "C" void on_sigint(int) { g_interrupted.store(true); }

void catch_sigint() {
  struct sigaction sa = {};
  sa.sa_handler = on_sigint;
  sa.sa_flags = SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
}

// Like leveldb's db_bench: numbers from a debug build are slow to come.
void warn_about_build() {
#ifndef NDEBUG
  print_warning("assertions are enabled; simulations run slower (build with -DNDEBUG)");
#endif
#ifndef __OPTIMIZE__
  print_warning(
      "built without optimisation; simulations run slower (configure with "
      "-DCMAKE_BUILD_TYPE=Release, as 'make run' does)");
#endif
}

// Creates the output directory up front, so that a bad -o fails before the
// simulation rather than after it.
bool prepare_output_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    print_error(dir.string() + ": cannot create output directory: " + ec.message());
    return false;
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    print_error(dir.string() + ": output directory is not writable");
    return false;
  }
  return true;
}

}  // namespace

po::options_description run_options() {
  po::options_description d;
  d.add_options()("output,o", po::value<std::string>()->value_name("DIR"),
                  "write the results here (default: results/<name>/)")(
      "jobs,j", po::value<int>()->default_value(1)->value_name("N"),
      "simulate on N threads; the results are identical for any N")(
      "quiet,q", "no progress line and no build warnings on stderr")(
      "trace", po::value<std::string>()->value_name("FILE"),
      "also write a Chrome trace-event timeline of one run (Perfetto, chrome://tracing)")(
      "trace-point", po::value<int>()->default_value(0)->value_name("N"),
      "the point --trace draws (index as in 'twsim validate')")(
      "trace-replication", po::value<int>()->default_value(0)->value_name("R"),
      "the replication --trace draws")(
      "lock-stat", "print the pi_lock table in /proc/lock_stat format after the summary");
  d.add(config_options());
  return d;
}

ExitStatus cmd_run(const std::vector<std::string>& args) {
  po::options_description all = run_options();
  all.add_options()("config", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("config", 1);
  po::variables_map vm;
  if (!parse_command_line("run", args, all, positional, &vm)) return ExitStatus::kBadInput;
  if (vm.count("help")) {
    print_usage(std::cout, *find_command("run"));
    return ExitStatus::kOk;
  }
  if (!vm.count("config")) {
    print_error("run: missing CONFIG; usage: " + std::string(find_command("run")->usage));
    return ExitStatus::kBadInput;
  }
  const int jobs = vm["jobs"].as<int>();
  if (jobs < 1) {
    print_error("run: --jobs must be >= 1, got " + std::to_string(jobs));
    return ExitStatus::kBadInput;
  }
  const bool quiet = vm.count("quiet") > 0;

  const std::optional<ExperimentConfig> config =
      load_config_or_report(vm["config"].as<std::string>(), set_overrides(vm));
  if (!config) return ExitStatus::kBadInput;
  const int trace_point = vm["trace-point"].as<int>();
  const int trace_replication = vm["trace-replication"].as<int>();
  if (trace_point < 0 || trace_point >= static_cast<int>(config->points.size())) {
    print_error("run: --trace-point must be in [0, " + std::to_string(config->points.size() - 1) +
                "], got " + std::to_string(trace_point));
    return ExitStatus::kBadInput;
  }
  if (trace_replication < 0 || trace_replication >= config->replications) {
    print_error("run: --trace-replication must be in [0, " +
                std::to_string(config->replications - 1) + "], got " +
                std::to_string(trace_replication));
    return ExitStatus::kBadInput;
  }
  const std::filesystem::path dir = vm.count("output")
                                        ? std::filesystem::path(vm["output"].as<std::string>())
                                        : std::filesystem::path("results") / config->name;
  if (!prepare_output_dir(dir)) return ExitStatus::kBadInput;
  if (!quiet) warn_about_build();

  ProgressLine progress(!quiet && ProgressLine::stderr_is_terminal());
  RunnerOptions options;
  options.jobs = jobs;
  options.on_progress = [&progress](const RunnerProgress& p) { progress.update(p); };
  options.stop = &g_interrupted;
  catch_sigint();

  ExperimentResults results;
  RunnerOutcome outcome;
  try {
    outcome = run_experiment(*config, options, &results);
  } catch (const std::exception& e) {
    progress.clear();
    print_error(std::string("simulation failed: ") + e.what());
    return ExitStatus::kSimulationFailed;
  }
  progress.clear();
  if (outcome == RunnerOutcome::kStopped) {
    print_error("interrupted; no results written");
    return ExitStatus::kInterrupted;
  }

  std::string err;
  if (!write_results(dir, *config, results, this_build_provenance(), &err)) {
    print_error("cannot write results: " + err);
    return ExitStatus::kSimulationFailed;
  }
  const auto summaries = summarise_experiment(*config, results);
  std::cout << results_table(*config, summaries) << "\n";
  if (vm.count("lock-stat")) std::cout << lock_stat_txt(*config, summaries) << "\n";
  std::cout << "results: " << dir.string() << "/\n";
  if (vm.count("trace")) {
    const std::string path = vm["trace"].as<std::string>();
    if (!write_trace(path, *config, trace_point, trace_replication, &err)) {
      print_error("cannot write trace: " + err);
      return ExitStatus::kSimulationFailed;
    }
    std::cout << "trace: " << path << " (open in https://ui.perfetto.dev or chrome://tracing)\n";
  }
  return ExitStatus::kOk;
}

}  // namespace twsim
