// A sweep of many trivial points end to end: read, simulate, save every point
// file, write the four result files. Measures the per-point cost and the
// memory a big sweep needs (peak RSS of the process: run this benchmark alone,
// --benchmark_filter=ManyPoints, for a number that is its own).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <string>

#include "sim/experiment/experiment_runner.h"
#include "sim/experiment/point_store.h"
#include "sim/io/json_io.h"
#include "sim/io/point_file.h"
#include "sim/io/results_io.h"
#include "sim/io/results_json.h"

namespace twsim {
namespace {

void BM_ManyPointsSweep(benchmark::State& state) {
  const std::string json =
      R"({"name": "many", "replications": 1, "machine": {"cpus": 2},
          "io_wq": {"workers": 1, "pending_create": 0},
          "sweep": {"grid": {"task_work.unrelated": {"range": [1, )" +
      std::to_string(state.range(0)) + R"(, 1]}}}})";
  const ExperimentConfig config = parse_experiment(json, "many.json", {});
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("twsim_sweep_bench_" + std::to_string(::getpid()));
  for (auto _ : state) {
    std::filesystem::remove_all(dir);
    const PointStore store(dir, config, this_twsim_version());
    RunnerOptions options;
    options.on_point_done = [&store](std::size_t p, PointRuns* runs) { store.save(p, *runs); };
    ExperimentResults results;
    run_experiment(config, options, &results);
    std::string err;
    if (!write_results(dir, config, results, this_build_provenance(), &err)) {
      state.SkipWithError(err.c_str());
      break;
    }
  }
  std::filesystem::remove_all(dir);
  state.counters["us_per_point"] = benchmark::Counter(
      static_cast<double>(state.range(0)),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_ManyPointsSweep)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace twsim
