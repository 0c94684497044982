// Reading a point file back (a resumed run, `twsim merge`): the phase
// diagram's point of 128 CPUs and 464,159 nodes, 20 old and 20 new runs with
// every hard, soft and RCU report (~1 MB). BM_ReadPointFile is twsim's reader
// (sim/io/json_cursor.h); BM_ParsePointFileAsDom only parses the same text
// into nlohmann's tree, the first step of the reader it replaced, so their
// ratio bounds what the change saved from below.
#include <benchmark/benchmark.h>

#include <string>

#include "sim/experiment/experiment_runner.h"
#include "sim/experiment/point_store.h"
#include "sim/io/json_document.h"
#include "sim/io/json_io.h"
#include "sim/io/point_file.h"

namespace twsim {
namespace {

struct PhaseDiagramPoint {
  PointIdentity id;
  std::string text;
};

const PhaseDiagramPoint& phase_diagram_point() {
  static const PhaseDiagramPoint point = [] {
    const ExperimentConfig config = load_experiment(
        std::string(TWSIM_SOURCE_DIR) + "/configs/phase-diagram.json",
        {"sweep.grid.machine.cpus=[128]", "sweep.grid.task_work.unrelated=[464159]"});
    ExperimentResults results;
    run_experiment(config, RunnerOptions{}, &results);
    PhaseDiagramPoint p{point_identity(config, 0, this_twsim_version()), ""};
    p.text = point_file_text(p.id, results.points[0]);
    return p;
  }();
  return point;
}

void BM_ReadPointFile(benchmark::State& state) {
  const PhaseDiagramPoint& p = phase_diagram_point();
  for (auto _ : state) {
    PointRuns runs;
    std::string why;
    if (!read_point_file(p.text, p.id, &runs, &why)) {
      state.SkipWithError(why.c_str());
      break;
    }
    benchmark::DoNotOptimize(runs);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * p.text.size()));
}
BENCHMARK(BM_ReadPointFile)->Unit(benchmark::kMillisecond);

void BM_ParsePointFileAsDom(benchmark::State& state) {
  const PhaseDiagramPoint& p = phase_diagram_point();
  for (auto _ : state) benchmark::DoNotOptimize(try_parse_json(p.text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * p.text.size()));
}
BENCHMARK(BM_ParsePointFileAsDom)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace twsim
