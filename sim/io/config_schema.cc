#include "sim/io/config_schema.h"

#include <cstddef>

namespace twsim {
namespace {

constexpr ConfigKey kKeys[] = {
    {"name", KeyType::kString},
    {"description", KeyType::kString},
    {"seed", KeyType::kInteger},
    {"replications", KeyType::kInteger},
    {"algorithms", KeyType::kList},
    {"horizon_s", KeyType::kNumber},
    {"machine", KeyType::kSection},
    {"kernel", KeyType::kSection},
    {"lock", KeyType::kSection},
    {"costs", KeyType::kSection},
    {"task_work", KeyType::kSection},
    {"io_wq", KeyType::kSection},
    {"background", KeyType::kSection},
    {"sweep", KeyType::kSweep},
    {"machine.cpus", KeyType::kInteger},
    {"machine.sockets", KeyType::kInteger},
    {"machine.nominal_ghz", KeyType::kNumber},
    {"machine.actual_ghz", KeyType::kNumber},
    {"kernel.preempt", KeyType::kWord},
    {"kernel.watchdog_thresh_s", KeyType::kInteger},
    {"kernel.hardlockup_detector", KeyType::kWord},
    {"kernel.softlockup_detector", KeyType::kBool},
    {"kernel.rcu_stall_timeout_s", KeyType::kNumber},
    {"lock.kind", KeyType::kWord},
    {"lock.handoff_ns", KeyType::kInteger},
    {"lock.remote_handoff_ns", KeyType::kInteger},
    {"costs.node_visit_ns", KeyType::kNumber},  // or a profile object (scenario_json.cc)
    {"costs.debug_factor", KeyType::kNumber},
    {"costs.unlink_ns", KeyType::kInteger},
    {"costs.cancel_cb_ns", KeyType::kInteger},
    {"costs.worker_exit_ns", KeyType::kInteger},
    {"costs.work_run_ns", KeyType::kInteger},
    {"task_work.unrelated", KeyType::kInteger},
    {"task_work.create_layout", KeyType::kWord},
    {"task_work.add_rate_hz", KeyType::kNumber},
    {"task_work.drain_us", KeyType::kNumber},  // or "never"
    {"io_wq.workers", KeyType::kInteger},
    {"io_wq.workers_per_cpu", KeyType::kNumber},
    {"io_wq.pending_create", KeyType::kInteger},
    {"io_wq.racing_create", KeyType::kInteger},
    {"io_wq.create_cont", KeyType::kInteger},
    {"io_wq.exit", KeyType::kWord},
    {"io_wq.cancel_start_us", KeyType::kNumber},
    {"io_wq.running_workers", KeyType::kInteger},
    {"io_wq.wake_jitter_us", KeyType::kNumber},
    {"io_wq.cpus_allowed", KeyType::kInteger},  // or "all"
    {"background.wakeups_hz", KeyType::kNumber},
    {"background.wakeup_hold_ns", KeyType::kInteger},
};

// Keys that were dropped when the model changed, with what replaced them.
struct RetiredKey {
  std::string_view path;
  std::string_view note;
};
constexpr RetiredKey kRetired[] = {
    {"io_wq.wake",
     "io_wq.wake was replaced by io_wq.exit (\"group\": every worker is SIGKILLed at exit "
     "start, as at_exit_start was; \"thread\": idle workers wait for io_wq_worker_wake after "
     "the cancel, as after_cancel was), io_wq.running_workers and io_wq.cancel_start_us"},
    {"task_work.run_barrier",
     "task_work.run_barrier was replaced by task_work.drain_us: when io_uring_cancel_generic's "
     "task_work_run detaches the list and passes the pi_lock barrier (\"never\" for no drain)"},
};

// "machine" for "machine.cpus", "" for "name".
std::string_view parent_of(std::string_view path) {
  const std::size_t dot = path.find('.');
  return dot == std::string_view::npos ? std::string_view() : path.substr(0, dot);
}

std::string_view leaf_of(std::string_view path) {
  const std::size_t dot = path.find('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

}  // namespace

std::span<const ConfigKey> config_keys() { return kKeys; }

std::string_view retired_key_note(std::string_view path) {
  for (const RetiredKey& k : kRetired) {
    if (k.path == path) return k.note;
  }
  return {};
}

const ConfigKey* find_config_key(std::string_view path) {
  for (const ConfigKey& k : kKeys) {
    if (k.path == path) return &k;
  }
  return nullptr;
}

std::vector<std::string_view> keys_of(std::string_view section) {
  std::vector<std::string_view> out;
  for (const ConfigKey& k : kKeys) {
    if (parent_of(k.path) == section) out.push_back(leaf_of(k.path));
  }
  return out;
}

bool is_scenario_key(const ConfigKey& key) {
  return key.path == "horizon_s" || !parent_of(key.path).empty();
}

std::vector<std::string_view> scenario_keys() {
  std::vector<std::string_view> out;
  for (const ConfigKey& k : kKeys) {
    if (is_scenario_key(k)) out.push_back(k.path);
  }
  return out;
}

std::string_view section_with_field(std::string_view name) {
  for (const ConfigKey& k : kKeys) {
    if (!parent_of(k.path).empty() && leaf_of(k.path) == name) return parent_of(k.path);
  }
  return {};
}

}  // namespace twsim
