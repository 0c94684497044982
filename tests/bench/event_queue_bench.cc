// The classic "hold" workload: a queue kept at ~N pending events; each step
// pops the earliest and pushes one a random delay later.
#include <benchmark/benchmark.h>

#include <vector>

#include "sim/core/event_queue.h"
#include "sim/core/random.h"

namespace twsim {
namespace {

void BM_EventQueueHold(benchmark::State& state) {
  const int pending = static_cast<int>(state.range(0));
  RandomStream rng(1, 0, "bench");
  EventQueue q;
  std::int64_t fired = 0;
  for (int i = 0; i < pending; ++i) q.push(rng.between(0, 1'000'000), [&fired] { ++fired; });
  // Pre-draw delays so the benchmark times the queue, not the generator.
  std::vector<Ns> delays(4096);
  for (Ns& d : delays) d = rng.between(0, 1'000'000);
  std::size_t k = 0;
  EventQueue::Callback fn;
  for (auto _ : state) {
    const Ns now = q.pop(&fn);
    fn();
    q.push(now + delays[k++ & 4095], [&fired] { ++fired; });
  }
  benchmark::DoNotOptimize(fired);
  state.SetItemsProcessed(state.iterations());
  state.counters["ns_per_event"] =
      benchmark::Counter(static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_EventQueueHold)->Arg(1000)->Arg(10000);

}  // namespace
}  // namespace twsim
