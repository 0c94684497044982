// twsim run CONFIG [-o DIR] [--set KEY=VALUE]... [-j N] [--shard I/N] [--quiet]
// [--trace FILE [--trace-cpus LIST]] [--lock-stat] [--uptime S]: runs every point x algorithm x
// replication of an experiment, writes runs.csv, summary.csv, lock_stat.txt,
// reports.txt and results.json
// into results/<name>/ (or DIR), and prints a short old-vs-new table on
// stdout. Each point is saved in DIR/points/ as soon as it completes, so an
// interrupted run resumes where it stopped; with --shard only that share of
// the points runs, and `twsim merge` joins the shards (point_store.h).
#include <unistd.h>

#include <atomic>
#include <boost/program_options.hpp>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/command_line.h"
#include "sim/cli/commands.h"
#include "sim/cli/config_loading.h"
#include "sim/cli/cpu_list.h"
#include "sim/cli/diagnostics.h"
#include "sim/cli/dir_lock.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/output_dir.h"
#include "sim/cli/progress_line.h"
#include "sim/cli/results_table.h"
#include "sim/cli/trace_output.h"
#include "sim/cli/uptime_option.h"
#include "sim/core/fast_forward.h"
#include "sim/core/run_jobs.h"
#include "sim/experiment/experiment_runner.h"
#include "sim/experiment/point_store.h"
#include "sim/experiment/shard.h"
#include "sim/io/reports_txt_stream.h"
#include "sim/io/results_io.h"

namespace po = boost::program_options;

namespace twsim {
namespace {

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

// What the points/ folder already holds for this run.
struct SavedPoints {
  std::vector<bool> to_run;  // parallel to config.points: simulate it now
  std::size_t in_run = 0;    // points of this run (of this shard)
  std::size_t reused = 0;    // of those, loaded from their files
};

// Loads into *results every point of the shard whose file is complete and
// current, on `jobs` threads; a file that is there but unusable is reported
// (in point order) and redone.
SavedPoints load_saved_points(const ExperimentConfig& config, const Shard& shard,
                              const PointStore& store, int jobs, ExperimentResults* results) {
  SavedPoints saved;
  const std::size_t n = config.points.size();
  saved.to_run.assign(n, false);
  results->points.assign(n, PointRuns{});
  std::vector<PointStore::Load> loads(n, PointStore::Load::kMissing);
  std::vector<std::string> why(n);
  run_jobs(n, jobs, [&](std::size_t p) {
    if (shard.includes(p)) loads[p] = store.load(p, &results->points[p], &why[p]);
  });
  for (std::size_t p = 0; p < n; ++p) {
    if (!shard.includes(p)) continue;
    ++saved.in_run;
    switch (loads[p]) {
      case PointStore::Load::kLoaded:
        ++saved.reused;
        break;
      case PointStore::Load::kUnusable:
        print_warning(store.path_of(p).string() + ": " + why[p] + "; simulating point " +
                      std::to_string(p) + " again");
        saved.to_run[p] = true;
        break;
      case PointStore::Load::kMissing:
        saved.to_run[p] = true;
        break;
    }
  }
  return saved;
}

}  // namespace

po::options_description run_options() {
  po::options_description d;
  d.add_options()("output,o", po::value<std::string>()->value_name("DIR"),
                  "write the results here (default: results/<name>/)")(
      "jobs,j", po::value<int>()->default_value(1)->value_name("N"),
      "simulate on N threads; the results are identical for any N")(
      "quiet,q", "no progress line, build warnings or 'reused' line on stderr")(
      "trace", po::value<std::string>()->value_name("FILE"),
      "also write a Chrome trace-event timeline of one run (Perfetto, chrome://tracing)")(
      "trace-point", po::value<int>()->default_value(0)->value_name("N"),
      "the point --trace draws (index as in 'twsim validate')")(
      "trace-replication", po::value<int>()->default_value(0)->value_name("R"),
      "the replication --trace draws")(
      "trace-cpus", po::value<std::string>()->value_name("LIST"),
      "draw only these CPUs in the --trace file, e.g. 0-15,138 (default: all)")(
      "lock-stat", "print the pi_lock table in /proc/lock_stat format after the summary")(
      "no-fast-forward",
      "step every event of the old teardown's queue of full walks instead of computing it in "
      "closed form, and queue every event on the heap (same results, slower; also "
      "TWSIM_NO_FAST_FORWARD=1)")(
      "shard", po::value<std::string>()->value_name("I/N"),
      "run only the points p with p % N == I, into DIR/points/; join the shards' "
      "directories with 'twsim merge'");
  d.add(uptime_option());
  d.add(config_options());
  return d;
}

ExitStatus cmd_run(const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto exit = parse_command_args("run", args, {"config", 1, "CONFIG"}, &vm)) return *exit;
  const int jobs = vm["jobs"].as<int>();
  if (!check_option_at_least("run", "jobs", jobs, 1)) return ExitStatus::kBadInput;
  ReportsTxtOptions reports_options;
  if (!read_uptime("run", vm, &reports_options.uptime_ns)) return ExitStatus::kBadInput;
  const bool quiet = vm.count("quiet") > 0;
  if (vm.count("no-fast-forward")) set_fast_forward(false);
  Shard shard;
  if (vm.count("shard")) {
    const std::string text = vm["shard"].as<std::string>();
    const std::optional<Shard> parsed = parse_shard(text);
    if (!parsed) {
      print_error("run: --shard must be I/N with 0 <= I < N, got '" + text + "'");
      return ExitStatus::kBadInput;
    }
    shard = *parsed;
  }

  const std::optional<ExperimentConfig> config = load_config_or_report(vm);
  if (!config) return ExitStatus::kBadInput;
  const int trace_point = vm["trace-point"].as<int>();
  const int trace_replication = vm["trace-replication"].as<int>();
  const auto points = static_cast<std::int64_t>(config->points.size());
  if (!check_option_range("run", "trace-point", trace_point, 0, points - 1) ||
      !check_option_range("run", "trace-replication", trace_replication, 0,
                          config->replications - 1)) {
    return ExitStatus::kBadInput;
  }
  std::vector<bool> trace_cpus;
  if (vm.count("trace-cpus")) {
    const std::string text = vm["trace-cpus"].as<std::string>();
    std::string why;
    const auto mask = parse_cpu_list(text, config->points[trace_point].scenario.machine.cpus, &why);
    if (!mask) {
      print_error("run: --trace-cpus " + why + ", got '" + text + "'");
      return ExitStatus::kBadInput;
    }
    trace_cpus = *mask;
  }
  const std::filesystem::path dir = output_dir_of(vm, *config);
  if (!prepare_output_dir(dir)) return ExitStatus::kBadInput;
  if (vm.count("trace")) {
    std::vector<std::filesystem::path> keep = result_files_of(dir);
    keep.push_back(config->source_file);
    if (!check_output_file("run", "--trace", vm["trace"].as<std::string>(), keep)) {
      return ExitStatus::kBadInput;
    }
  }
  // One whole run at a time per directory; shards of one experiment together.
  const std::optional<DirLock> lock =
      DirLock::take(dir, shard.count > 1 ? DirLock::Mode::kShared : DirLock::Mode::kExclusive,
                    shard.count > 1 ? "twsim run --shard " + shard.text() : "twsim run");
  if (!lock) return ExitStatus::kBadInput;
  if (!quiet) warn_about_build();

  // From here on Ctrl-C (or SIGTERM) stops the run cleanly: no run starts
  // after it, and every point already complete is in DIR/points/.
  catch_interrupts();
  std::string err;
  if (!write_experiment_file(dir, *config, shard.count > 1 ? shard.text() : "", &err)) {
    print_error("cannot write results: " + err);
    return ExitStatus::kSimulationFailed;
  }
  const PointStore store(dir, *config, this_twsim_version());
  ExperimentResults results;
  const SavedPoints saved = load_saved_points(*config, shard, store, jobs, &results);
  const std::string points_dir = store.points_dir().string() + "/";
  if (saved.reused > 0 && !quiet) {
    std::cerr << "twsim: reused " + std::to_string(saved.reused) + " of " +
                     std::to_string(saved.in_run) + " points from " + points_dir + "\n"
              << std::flush;
  }

  // A whole run makes reports.txt as its points come in (a shard writes none).
  std::optional<ReportsTxtStream> reports;
  if (shard.count == 1) {
    reports.emplace(*config, reports_options);
    if (!reports->begin(dir / "reports.txt", &err)) {
      print_error("cannot write results: " + err);
      return ExitStatus::kSimulationFailed;
    }
    for (std::size_t p = 0; p < config->points.size(); ++p) {
      if (!saved.to_run[p]) reports->add(p, results.points[p]);
    }
  }

  ProgressLine progress(!quiet && ProgressLine::stderr_is_terminal());
  RunnerOptions options;
  options.jobs = jobs;
  options.on_progress = [&progress](const RunnerProgress& p) { progress.update(p); };
  options.stop = &interrupted();
  options.run_point = saved.to_run;
  options.on_fewer_threads = warn_fewer_threads;
  std::atomic<std::size_t> saved_now{0};
  options.on_point_done = [&store, &saved_now, &reports](std::size_t p, PointRuns* runs) {
    store.save(p, *runs);
    ++saved_now;
    if (reports) reports->add(p, *runs);
  };

  RunnerOutcome outcome;
  try {
    outcome = run_experiment(*config, options, &results);
  } catch (const PointSaveError& e) {
    progress.clear();
    print_error(std::string("cannot write results: ") + e.what());
    return ExitStatus::kSimulationFailed;
  } catch (const std::exception& e) {
    progress.clear();
    print_error(std::string("simulation failed: ") + e.what());
    return ExitStatus::kSimulationFailed;
  }
  progress.clear();
  if (outcome == RunnerOutcome::kStopped) {
    print_error("interrupted; " + std::to_string(saved.reused + saved_now.load()) + " of " +
                std::to_string(saved.in_run) + " points saved in " + points_dir +
                ", rerun to resume");
    return ExitStatus::kInterrupted;
  }
  if (shard.count > 1) {
    std::cout << "shard " << shard.text() << ": " << saved.in_run << " of " << config->points.size()
              << " points saved in " << points_dir
              << "\nwhen every shard has finished: twsim merge DIR... -o OUT\n";
  } else {
    StagedFile reports_txt;
    if (!reports->end(&reports_txt, &err)) {
      print_error("cannot write results: " + err);
      return ExitStatus::kSimulationFailed;
    }
    const std::vector<PointSummary> summaries = summarise_experiment(*config, results);
    if (!write_results(dir, *config, results, summaries, this_build_provenance(), &err,
                       ResultsWriteOptions{{}, reports_options, jobs, &reports_txt})) {
      print_error("cannot write results: " + err);
      return ExitStatus::kSimulationFailed;
    }
    std::cout << results_table(*config, summaries) << "\n";
    for (const std::string& w : horizon_warnings(*config, summaries)) print_warning(w);
    if (vm.count("lock-stat")) std::cout << lock_stat_txt(*config, summaries) << "\n";
    std::cout << "results: " << dir.string() << "/\n";
  }
  if (vm.count("trace")) {
    const std::string path = vm["trace"].as<std::string>();
    if (!write_trace(path, *config, trace_point, trace_replication, trace_cpus, &err)) {
      print_error("cannot write trace: " + err);
      return ExitStatus::kSimulationFailed;
    }
    std::cout << "trace: " << path << " (open in https://ui.perfetto.dev or chrome://tracing)\n";
  }
  return ExitStatus::kOk;
}

}  // namespace twsim
