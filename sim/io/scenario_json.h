// ScenarioConfig <-> JSON: reading and checking the scenario keys of an
// experiment document (horizon_s and the machine ... background sections),
// and writing a scenario back out. Part of sim/io's experiment reader.
#ifndef TWSIM_IO_SCENARIO_JSON_H_
#define TWSIM_IO_SCENARIO_JSON_H_

#include <optional>
#include <span>
#include <string_view>

#include "sim/io/config_schema.h"
#include "sim/io/json_check.h"
#include "sim/scenario/config.h"

namespace twsim {

// io_wq.workers_per_cpu when neither it nor io_wq.workers is given.
inline constexpr double kDefaultWorkersPerCpu = 4;

struct ScenarioRead {
  ScenarioConfig scenario;  // io_wq.workers resolved from workers_per_cpu if need be
  // How the worker count was given: the per-CPU factor, or nullopt when
  // io_wq.workers was given outright.
  std::optional<double> workers_per_cpu;
};

// Checks and reads the scenario keys of `root` (an experiment object). Each
// field on its own is always checked; with `between_fields`, so are the rules
// that tie fields together (sockets divides cpus, the resolved worker count,
// pending_create <= workers), which are meaningful only for a whole point.
ScenarioRead read_scenario(const Node& root, bool between_fields);

// One scenario key, declared once (scenario_json.cc's table): where it sits,
// its type, and how it is read and checked from its section's fields and
// written back into its section. config_schema.cc, the resolved config and
// the README's table test all go by this table.
struct ScenarioKey {
  std::string_view path;  // "machine.cpus"; "horizon_s" has no section
  KeyType type;
  void (*read)(const Fields& section, ScenarioRead* out);
  void (*write)(const ScenarioRead& in, Json* section);
};

// Every scenario key, in schema order.
std::span<const ScenarioKey> scenario_key_table();

// The scenario keys as an object in schema order: horizon_s, machine, ...;
// io_wq holds workers_per_cpu instead of workers if that is how it was given.
Json scenario_object(const ScenarioRead& read);

}  // namespace twsim

#endif  // TWSIM_IO_SCENARIO_JSON_H_
