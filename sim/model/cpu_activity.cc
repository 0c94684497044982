#include "sim/model/cpu_activity.h"

#include <algorithm>

namespace twsim {
namespace {

// The span of sorted, disjoint `v` with start < t <= end, or nullptr.
template <class Span>
const Span* span_ending_by(const std::vector<Span>& v, Ns t) {
  auto it =
      std::lower_bound(v.begin(), v.end(), t, [](const Span& s, Ns x) { return s.start < x; });
  if (it == v.begin()) return nullptr;
  --it;
  return t <= it->end ? &*it : nullptr;
}

}  // namespace

Runner runner_at(const CpuActivity& activity, Ns t) {
  if (const IrqOffStretch* s = span_ending_by(activity.irq_off, t)) return {s->role, s->fn};
  if (const ThreadSpan* s = span_ending_by(activity.no_sched, t)) return {s->role, s->fn};
  return {};
}

}  // namespace twsim
