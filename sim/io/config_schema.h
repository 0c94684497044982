// The keys an experiment file may hold (docs/design.md §3), in one table, so that
// the reader, --set and the sweep agree on what exists and on each key's type.
// Part of sim/io's JSON reader; no JSON here.
#ifndef TWSIM_IO_CONFIG_SCHEMA_H_
#define TWSIM_IO_CONFIG_SCHEMA_H_

#include <span>
#include <string_view>
#include <vector>

namespace twsim {

enum class KeyType {
  kInteger,  // a JSON number with an integral value
  kNumber,   // any finite JSON number
  kWord,     // a string from a fixed set ("lazy")
  kBool,
  kString,   // free text
  kList,     // a JSON array (algorithms)
  kSection,  // an object of fields (machine)
  kSweep,    // the sweep object
};

struct ConfigKey {
  std::string_view path;  // dotted: "name", "horizon_s", "machine", "machine.cpus"
  KeyType type;
};

// Every key in document order: the top-level keys, then each section's fields.
std::span<const ConfigKey> config_keys();

// The key at dotted `path`, or nullptr.
const ConfigKey* find_config_key(std::string_view path);

// The names (without the section prefix) of the keys directly inside
// `section`; "" gives the top-level keys.
std::vector<std::string_view> keys_of(std::string_view section);

// Whether `key` belongs to the scenario, and so may be swept: horizon_s and
// every section field.
bool is_scenario_key(const ConfigKey& key);

// The dotted scenario keys, in document order ("horizon_s", "machine.cpus", ...).
std::vector<std::string_view> scenario_keys();

// For a key that no longer exists ("io_wq.wake"), what replaced it; else "".
std::string_view retired_key_note(std::string_view path);

// The section that has a field called `name` ("cpus" -> "machine"), or "".
std::string_view section_with_field(std::string_view name);

}  // namespace twsim

#endif  // TWSIM_IO_CONFIG_SCHEMA_H_
