// Whole simulation runs. The "big" family keeps the simulated timeline fixed
// (nodes x node_visit_ns constant) while the list grows from 10^3 to 10^7
// nodes: the cost of a run must not grow with the list (docs/design.md §2).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "sim/core/fast_forward.h"
#include "sim/core/heap_tuning.h"
#include "sim/experiment/experiment_runner.h"
#include "sim/io/json_io.h"
#include "sim/model/teardown.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

// The benchmarks measure runs as twsim runs them: main() keeps freed memory.
const bool kHeapTuned = [] {
  keep_freed_memory();
  return true;
}();

// One seed-reproducer run, old (0) or new (1), with fast-forward on (1) or
// off (0): events_per_run counts the model's events (the same both ways),
// stepped_per_run those popped from the queue; time_per_event is CPU time
// per model event ("40n": 40 ns).
void BM_SeedReproducerRun(benchmark::State& state) {
  const ScenarioConfig s = seed_reproducer_scenario();
  const Algorithm a = state.range(0) ? Algorithm::kNew : Algorithm::kOld;
  const bool was = fast_forward_enabled();
  set_fast_forward(state.range(1) != 0);
  const std::uint64_t ff_before = fast_forwarded_events();
  int rep = 0;
  std::uint64_t events = 0;
  for (auto _ : state) events += simulate_teardown(s, a, 1, rep++).events;
  const std::uint64_t ff = fast_forwarded_events() - ff_before;
  set_fast_forward(was);
  state.counters["events_per_run"] = static_cast<double>(events) / static_cast<double>(rep);
  state.counters["stepped_per_run"] = static_cast<double>(events - ff) / static_cast<double>(rep);
  state.counters["time_per_event"] = benchmark::Counter(
      static_cast<double>(events), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_SeedReproducerRun)
    ->Args({0, 1})
    ->Args({0, 0})
    ->Args({1, 1})
    ->Args({1, 0})
    ->Unit(benchmark::kMillisecond);

// 1,024 CPUs, 4,096 workers, 1,024 pending create_works (far past the
// kernel's bound, kMaxLiveCreates: a stress of the engine), old algorithm; the
// list has `nodes` unrelated nodes, each costing 1e6/nodes ns, so a full scan
// always takes 1 ms of simulated time (the same timeline at every size up to
// rounding of the per-call hold). The second argument is add_rate_hz.
void BM_BigRun(benchmark::State& state) {
  ScenarioConfig s = seed_reproducer_scenario();
  s.machine.cpus = 1024;
  s.io_wq.workers = 4096;
  s.io_wq.pending_create = 1024;
  s.task_work.create_layout = CreateLayout::kOldest;
  s.task_work.unrelated = state.range(0);
  s.costs.node_visit_ns = 1e6 / static_cast<double>(state.range(0));
  s.task_work.add_rate_hz = static_cast<double>(state.range(1));
  int rep = 0;
  std::uint64_t events = 0;
  for (auto _ : state) events += simulate_teardown(s, Algorithm::kOld, 1, rep++).events;
  state.counters["events_per_run"] = static_cast<double>(events) / static_cast<double>(rep);
  // The process's peak so far (getrusage): an upper bound on one run's peak.
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_BigRun)
    ->Args({1000, 0})
    ->Args({100000, 0})
    ->Args({10000000, 0})
    ->Args({10000000, 1000000})
    ->Unit(benchmark::kMillisecond);

// Idle CPUs: the seed reproducer's 16 workers on `cpus` CPUs, almost all of
// which never run anything. Time per run and the process's peak RSS; run each
// size alone (--benchmark_filter='IdleCpus/16$', then /1000000) and subtract
// to get the cost of an idle CPU.
void BM_IdleCpus(benchmark::State& state) {
  ScenarioConfig s = seed_reproducer_scenario();
  s.machine.cpus = static_cast<int>(state.range(0));
  s.io_wq.workers = 16;
  int rep = 0;
  for (auto _ : state) benchmark::DoNotOptimize(simulate_teardown(s, Algorithm::kOld, 1, rep++));
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_IdleCpus)->Arg(16)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace twsim

namespace twsim {
namespace {

// The default sweep (configs/default.json: 8 core counts x 2 algorithms x 40
// replications), read by the real config reader and run by the experiment
// runner on 1 and 2 threads: the simulation part of `make run`.
void BM_DefaultSweep(benchmark::State& state) {
  const ExperimentConfig config =
      load_experiment(std::string(TWSIM_SOURCE_DIR) + "/configs/default.json", {});
  RunnerOptions options;
  options.jobs = static_cast<int>(state.range(0));
  for (auto _ : state) {
    ExperimentResults results;
    run_experiment(config, options, &results);
    benchmark::DoNotOptimize(results);
  }
}
BENCHMARK(BM_DefaultSweep)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace twsim
