#include "sim/io/config_schema.h"

#include <cstddef>
#include <iterator>
#include <vector>

#include "sim/io/scenario_json.h"

namespace twsim {
namespace {

// The experiment's own keys and sections; the scenario keys come from
// scenario_json.cc's table, so each key is declared once.
constexpr ConfigKey kExperimentKeys[] = {
    {"name", KeyType::kString},     {"description", KeyType::kString},
    {"seed", KeyType::kInteger},    {"replications", KeyType::kInteger},
    {"algorithms", KeyType::kList},
};
constexpr ConfigKey kSections[] = {
    {"machine", KeyType::kSection},    {"kernel", KeyType::kSection},
    {"lock", KeyType::kSection},       {"costs", KeyType::kSection},
    {"task_work", KeyType::kSection},  {"io_wq", KeyType::kSection},
    {"background", KeyType::kSection}, {"sweep", KeyType::kSweep},
};

// Every key in document order: the experiment's, horizon_s, the sections and
// the sweep, then each section's fields.
const std::vector<ConfigKey>& all_keys() {
  static const std::vector<ConfigKey> keys = [] {
    std::vector<ConfigKey> out(std::begin(kExperimentKeys), std::end(kExperimentKeys));
    for (const ScenarioKey& k : scenario_key_table()) {
      if (k.path.find('.') == std::string_view::npos) out.push_back({k.path, k.type});
    }
    out.insert(out.end(), std::begin(kSections), std::end(kSections));
    for (const ScenarioKey& k : scenario_key_table()) {
      if (k.path.find('.') != std::string_view::npos) out.push_back({k.path, k.type});
    }
    return out;
  }();
  return keys;
}

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

std::span<const ConfigKey> config_keys() { return all_keys(); }

std::string_view retired_key_note(std::string_view path) {
  for (const RetiredKey& k : kRetired) {
    if (k.path == path) return k.note;
  }
  return {};
}

const ConfigKey* find_config_key(std::string_view path) {
  for (const ConfigKey& k : all_keys()) {
    if (k.path == path) return &k;
  }
  return nullptr;
}

std::vector<std::string_view> keys_of(std::string_view section) {
  std::vector<std::string_view> out;
  for (const ConfigKey& k : all_keys()) {
    if (parent_of(k.path) == section) out.push_back(leaf_of(k.path));
  }
  return out;
}

bool is_scenario_key(const ConfigKey& key) {
  return key.path == "horizon_s" || !parent_of(key.path).empty();
}

std::vector<std::string_view> scenario_keys() {
  std::vector<std::string_view> out;
  for (const ConfigKey& k : all_keys()) {
    if (is_scenario_key(k)) out.push_back(k.path);
  }
  return out;
}

std::string_view section_with_field(std::string_view name) {
  for (const ConfigKey& k : all_keys()) {
    if (!parent_of(k.path).empty() && leaf_of(k.path) == name) return parent_of(k.path);
  }
  return {};
}

}  // namespace twsim
