#include "sim/io/config_schema.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <iterator>

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
    {"task_work.unrelated", KeyType::kInteger},
    {"task_work.create_layout", KeyType::kWord},
    {"task_work.add_rate_hz", KeyType::kNumber},
    {"task_work.run_barrier", KeyType::kBool},
    {"io_wq.workers", KeyType::kInteger},
    {"io_wq.workers_per_cpu", KeyType::kNumber},
    {"io_wq.pending_create", KeyType::kInteger},
    {"io_wq.racing_create", KeyType::kInteger},
    {"io_wq.wake", KeyType::kWord},
    {"io_wq.wake_jitter_us", KeyType::kNumber},
    {"io_wq.cpus_allowed", KeyType::kInteger},  // or "all"
    {"background.wakeups_hz", KeyType::kNumber},
    {"background.wakeup_hold_ns", KeyType::kInteger},
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

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Optimal string alignment distance, ignoring case.
int spelling_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<int> before(m + 1), prev(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
    before.swap(prev);
    prev.swap(row);
  }
  return prev[m];
}

}  // namespace

std::span<const ConfigKey> config_keys() { return kKeys; }

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

std::string closest_spelling(std::string_view word, std::span<const std::string_view> candidates) {
  // One edit for short words ("ful" -> "full"), two for longer ones; a
  // looser bound suggests nonsense ("mcs" -> "tas").
  const int max_distance = word.size() <= 4 ? 1 : 2;
  std::string_view best;
  int best_distance = max_distance + 1;
  for (std::string_view c : candidates) {
    // Lengths differing by more than max_distance cannot be close; skipping
    // them also keeps a pathological megabyte-long key cheap.
    const std::size_t diff =
        word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
    if (diff > static_cast<std::size_t>(max_distance)) continue;
    const int d = spelling_distance(word, c);
    if (d < best_distance && d < static_cast<int>(word.size())) {
      best = c;
      best_distance = d;
    }
  }
  return std::string(best);
}

}  // namespace twsim
