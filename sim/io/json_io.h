// Reading experiments: an experiment JSON file (docs/design.md §3) plus --set
// overrides, checked and expanded into an ExperimentConfig with one Point per
// sweep combination. Every problem is an InputError naming the file, the JSON
// pointer, what is wrong and the value given (sim/io/input_error.h).
//
// --set KEY=VALUE: KEY is a dotted path ("machine.cpus", "name",
// "io_wq.workers_per_cpu"); "sweep", "sweep.grid", "sweep.zip" replace that
// part of the sweep, and "sweep.grid.KEY" / "sweep.zip.KEY" one list (KEY is
// the sweep key verbatim, dots included). VALUE is taken as JSON if it parses
// as JSON, else as a string; for string-valued keys (name, description and the
// word-valued ones such as kernel.preempt) VALUE is always the string itself
// unless it is a quoted JSON string. Overrides apply in order, the last wins.
// Setting a scenario key that the file sweeps removes it from the sweep (the
// user is pinning it), and setting one of io_wq.workers / workers_per_cpu
// removes the other (the override replaces how the worker count is given).
#ifndef TWSIM_IO_JSON_IO_H_
#define TWSIM_IO_JSON_IO_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/input_error.h"
#include "sim/scenario/config.h"

namespace twsim {

// Reads the experiment at `path` and applies `overrides` ("KEY=VALUE").
// Throws InputError for a missing, unreadable, oversized or invalid file.
ExperimentConfig load_experiment(const std::string& path,
                                 const std::vector<std::string>& overrides);

// As load_experiment, for text already in memory; `file_label` names it in
// errors and becomes ExperimentConfig::source_file.
ExperimentConfig parse_experiment(const std::string& json_text, const std::string& file_label,
                                  const std::vector<std::string>& overrides);

// The scenario as canonical JSON text: every field, keys sorted, no spaces,
// enums as their JSON words, io_wq.workers resolved. Equal scenarios give equal
// bytes, so the text identifies a point (Point::resolved_json).
std::string scenario_to_json(const ScenarioConfig& scenario);

// A node-cost profile as the JSON object costs.node_visit_ns accepts
// (`twsim calibrate` writes it): compact, fields in the order l1_ns, l2_ns,
// l3_ns, dram_ns, l1_bytes, l2_bytes, l3_bytes, node_bytes.
std::string node_profile_to_json(const NodeCostProfile& profile);

// The algorithm JSON calls `name` ("old", "single-pass", ...), or nothing.
std::optional<Algorithm> algorithm_named(std::string_view name);

}  // namespace twsim

#endif  // TWSIM_IO_JSON_IO_H_
