// The points/ files of a results directory: one file per completed point,
// holding every run of that point (all algorithms x replications), so that an
// interrupted `twsim run` resumes where it stopped and `twsim merge` can join
// the shards of a cluster run.
//
// A point's file is named by a hash of what determines its runs (the point's
// resolved scenario, the seed, the replication count, the algorithms and the
// twsim version and commit), not by its index: reordering or growing the sweep
// reuses the points it still has. Layout (one line of compact JSON):
//   {"format": "twsim-point/7", "key": "<16 hex digits>", "twsim": "VERSION (COMMIT)",
//    "seed", "replications", "algorithms": ["old", "new"], "scenario": {resolved},
//    "runs": {"old": [RUN, ...], "new": [...]}, "checksum": "<16 hex digits>"}
//   RUN = every run field (sim/scenario/run_fields.h) by name; "lock_stat"
//         with "contentions_by_site" keyed by call site; "reports" as [kind,
//         at_ns, cpu, checker_cpu, stuck_ns, role, fn]; "events".
// Every stored number is an integer, so a run reads back exactly as it was;
// "checksum" is word_checksum64 (word_checksum.h) of the document as
// written without it, so a changed byte is caught before a number is trusted.
// Every run keeps every detector report it kept in memory (its first
// kReportsPerRun; the counts are exact), so that reports.txt is rebuilt
// whole from the points/ files by a resumed run or `twsim merge`. Format /3
// kept only replication 0's first few: its files are refused ("not a twsim
// point file") and their points simulated again.
#ifndef TWSIM_IO_POINT_FILE_H_
#define TWSIM_IO_POINT_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/config.h"
#include "sim/scenario/experiment_results.h"

namespace twsim {

// What a point's runs depend on: two points with equal identities have equal
// runs.
struct PointIdentity {
  std::string scenario_json;  // Point::resolved_json
  std::uint64_t seed = 1;
  int replications = 1;
  std::vector<Algorithm> algorithms;
  std::string twsim;  // "VERSION (COMMIT)" of the binary that simulates
};

// The identity of point `index` of `config` as simulated by twsim `version`.
PointIdentity point_identity(const ExperimentConfig& config, std::size_t index,
                             const std::string& version);

// 16 lowercase hex digits: FNV-1a 64 of the identity's fields.
std::string point_key(const PointIdentity& id);

// The text of the point file for `runs`, "\n"-terminated. Deterministic: the
// same runs give the same bytes.
// REQUIRES: runs.runs parallels id.algorithms, each with id.replications runs.
std::string point_file_text(const PointIdentity& id, const PointRuns& runs);

// Reads a point file written for `expected`. Returns false and sets *why
// ("not a twsim point file", "written for another scenario", ...) if the text
// is not a complete point file for exactly that identity.
bool read_point_file(std::string_view text, const PointIdentity& expected, PointRuns* runs,
                     std::string* why);

}  // namespace twsim

#endif  // TWSIM_IO_POINT_FILE_H_
