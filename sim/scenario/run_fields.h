// Every scalar a run measures (RunMetrics), declared once, in runs.csv
// column order. The runs.csv writer, the point-file writer and reader and the
// summary statistics all iterate this table; a field added to RunMetrics is
// added here and nowhere else (point_file.cc checks RunMetrics' size). Not
// here: the lock_stat counters, the detector reports and the event count,
// which each have a shape of their own.
#ifndef TWSIM_SCENARIO_RUN_FIELDS_H_
#define TWSIM_SCENARIO_RUN_FIELDS_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>

#include "sim/scenario/results.h"

namespace twsim {

// How a field's integer value is written.
enum class FieldFormat {
  kInt,          // a count or a time in ns
  kOptionalInt,  // -1 means "did not happen": an empty CSV cell
  kFlag,         // 0 / 1; a JSON boolean
  kRole,         // a Role; -1 (no such report) is an empty cell
  kKernelFn,     // a KernelFn; -1 likewise
  kVerdict,      // a Verdict
};

struct RunField {
  const char* name;
  FieldFormat format;
  std::int64_t (*get)(const RunMetrics&);
  void (*set)(RunMetrics&, std::int64_t);
  bool in_runs_csv;  // a runs.csv column
  bool summarised;   // mean and 95% interval in summary.csv
};

namespace run_fields_detail {

template <auto F>
std::int64_t get(const RunMetrics& m) {
  return static_cast<std::int64_t>(m.*F);
}
template <auto F>
void set(RunMetrics& m, std::int64_t v) {
  m.*F = static_cast<std::remove_reference_t<decltype(m.*F)>>(v);
}
// The CPU, role and function of a run's first report of one kind; role and
// function are -1 when there was none.
template <FirstReport RunMetrics::*R>
std::int64_t cpu(const RunMetrics& m) {
  return (m.*R).cpu;
}
template <FirstReport RunMetrics::*R>
void set_cpu(RunMetrics& m, std::int64_t v) {
  (m.*R).cpu = static_cast<int>(v);
}
template <FirstReport RunMetrics::*R>
std::int64_t role(const RunMetrics& m) {
  return (m.*R).cpu < 0 ? -1 : static_cast<std::int64_t>((m.*R).role);
}
template <FirstReport RunMetrics::*R>
void set_role(RunMetrics& m, std::int64_t v) {
  if (v >= 0) (m.*R).role = static_cast<Role>(v);
}
template <FirstReport RunMetrics::*R>
std::int64_t fn(const RunMetrics& m) {
  return (m.*R).cpu < 0 ? -1 : static_cast<std::int64_t>((m.*R).fn);
}
template <FirstReport RunMetrics::*R>
void set_fn(RunMetrics& m, std::int64_t v) {
  if (v >= 0) (m.*R).fn = static_cast<KernelFn>(v);
}

}  // namespace run_fields_detail

inline std::span<const RunField> run_fields() {
  namespace d = run_fields_detail;
  using F = FieldFormat;
  using M = RunMetrics;
  static constexpr RunField kFields[] = {
      {"teardown_ns", F::kInt, d::get<&M::teardown_ns>, d::set<&M::teardown_ns>, true, true},
      {"teardown_complete", F::kFlag, d::get<&M::teardown_complete>, d::set<&M::teardown_complete>,
       true, false},
      {"max_irqoff_ns", F::kInt, d::get<&M::max_irqoff_ns>, d::set<&M::max_irqoff_ns>, true, true},
      {"max_irqoff_cpu", F::kOptionalInt, d::get<&M::max_irqoff_cpu>, d::set<&M::max_irqoff_cpu>,
       true, false},
      {"max_irqoff_role", F::kRole, d::get<&M::max_irqoff_role>, d::set<&M::max_irqoff_role>, true,
       false},
      {"max_irqoff_wait_ns", F::kInt, d::get<&M::max_irqoff_wait_ns>,
       d::set<&M::max_irqoff_wait_ns>, true, true},
      {"max_lock_wait_ns", F::kInt, d::get<&M::max_lock_wait_ns>, d::set<&M::max_lock_wait_ns>,
       true, true},
      {"irqoff_cpu_ns", F::kInt, d::get<&M::irqoff_cpu_ns>, d::set<&M::irqoff_cpu_ns>, true, true},
      {"irqoff_stretches", F::kInt, d::get<&M::irqoff_stretches>, d::set<&M::irqoff_stretches>,
       true, true},
      {"irqoff_cpus_10ms", F::kInt, d::get<&M::irqoff_cpus_10ms>, d::set<&M::irqoff_cpus_10ms>,
       true, true},
      {"irqoff_cpus_100ms", F::kInt, d::get<&M::irqoff_cpus_100ms>, d::set<&M::irqoff_cpus_100ms>,
       true, true},
      {"irqoff_cpus_1s", F::kInt, d::get<&M::irqoff_cpus_1s>, d::set<&M::irqoff_cpus_1s>, true,
       true},
      {"irqoff_p50_ns", F::kInt, d::get<&M::irqoff_p50_ns>, d::set<&M::irqoff_p50_ns>, true, true},
      {"irqoff_p90_ns", F::kInt, d::get<&M::irqoff_p90_ns>, d::set<&M::irqoff_p90_ns>, true, true},
      {"irqoff_p99_ns", F::kInt, d::get<&M::irqoff_p99_ns>, d::set<&M::irqoff_p99_ns>, true, true},
      {"lock_acquisitions", F::kInt, d::get<&M::lock_acquisitions>, d::set<&M::lock_acquisitions>,
       true, true},
      {"contended_acquisitions", F::kInt, d::get<&M::contended_acquisitions>,
       d::set<&M::contended_acquisitions>, true, true},
      {"nodes_visited", F::kInt, d::get<&M::nodes_visited>, d::set<&M::nodes_visited>, true, true},
      {"cancel_hold_p50_ns", F::kInt, d::get<&M::cancel_hold_p50_ns>,
       d::set<&M::cancel_hold_p50_ns>, true, true},
      {"cancel_hold_p99_ns", F::kInt, d::get<&M::cancel_hold_p99_ns>,
       d::set<&M::cancel_hold_p99_ns>, true, true},
      {"cancel_hold_max_ns", F::kInt, d::get<&M::cancel_hold_max_ns>,
       d::set<&M::cancel_hold_max_ns>, true, true},
      {"hard_lockups", F::kInt, d::get<&M::hard_lockups>, d::set<&M::hard_lockups>, true, true},
      {"soft_lockups", F::kInt, d::get<&M::soft_lockups>, d::set<&M::soft_lockups>, true, true},
      {"rcu_stalls", F::kInt, d::get<&M::rcu_stalls>, d::set<&M::rcu_stalls>, true, true},
      {"first_hard_lockup_ns", F::kOptionalInt, d::get<&M::first_hard_lockup_ns>,
       d::set<&M::first_hard_lockup_ns>, true, false},
      {"first_soft_lockup_ns", F::kOptionalInt, d::get<&M::first_soft_lockup_ns>,
       d::set<&M::first_soft_lockup_ns>, true, false},
      {"first_rcu_stall_ns", F::kOptionalInt, d::get<&M::first_rcu_stall_ns>,
       d::set<&M::first_rcu_stall_ns>, true, false},
      {"first_hard_cpu", F::kOptionalInt, d::cpu<&M::first_hard>, d::set_cpu<&M::first_hard>, true,
       false},
      {"first_hard_role", F::kRole, d::role<&M::first_hard>, d::set_role<&M::first_hard>, true,
       false},
      {"first_hard_fn", F::kKernelFn, d::fn<&M::first_hard>, d::set_fn<&M::first_hard>, true,
       false},
      {"first_soft_cpu", F::kOptionalInt, d::cpu<&M::first_soft>, d::set_cpu<&M::first_soft>, true,
       false},
      {"first_soft_role", F::kRole, d::role<&M::first_soft>, d::set_role<&M::first_soft>, true,
       false},
      {"first_soft_fn", F::kKernelFn, d::fn<&M::first_soft>, d::set_fn<&M::first_soft>, true,
       false},
      {"first_rcu_cpu", F::kOptionalInt, d::cpu<&M::first_rcu>, d::set_cpu<&M::first_rcu>, true,
       false},
      {"first_rcu_role", F::kRole, d::role<&M::first_rcu>, d::set_role<&M::first_rcu>, true, false},
      {"first_rcu_fn", F::kKernelFn, d::fn<&M::first_rcu>, d::set_fn<&M::first_rcu>, true, false},
      {"hard_lockups_submitter", F::kInt, d::get<&M::hard_lockups_submitter>,
       d::set<&M::hard_lockups_submitter>, false, false},
      {"hard_lockups_worker", F::kInt, d::get<&M::hard_lockups_worker>,
       d::set<&M::hard_lockups_worker>, false, false},
      {"verdict", F::kVerdict, d::get<&M::verdict>, d::set<&M::verdict>, true, false},
  };
  return kFields;
}

// The field called `name`, or nullptr.
inline const RunField* find_run_field(std::string_view name) {
  for (const RunField& f : run_fields()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

}  // namespace twsim

#endif  // TWSIM_SCENARIO_RUN_FIELDS_H_
