// The columns every twsim CSV starts with, so that a row read alone (or
// concatenated with other runs' rows) still says where it came from:
//   experiment, seed, config_hash, point, <each swept key>[, label]
// experiment is the config's name, seed its seed, config_hash the FNV-1a 64
// of the whole resolved config after --set (ExperimentConfig::resolved_json,
// also in results.json as "config_hash"), as 16 hex digits. A swept key's
// column is the key with each '.' as '_' (machine.cpus -> machine_cpus), a
// name that df.query and R formulas take unquoted; results.json's "swept"
// keeps the dotted keys in the same order. label is there only when the zip
// names its rows (sweep.zip.label).
#ifndef TWSIM_IO_CSV_POINT_COLUMNS_H_
#define TWSIM_IO_CSV_POINT_COLUMNS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "sim/scenario/config.h"

namespace twsim {

// "machine.cpus" -> "machine_cpus".
std::string csv_column_name(std::string_view key);

// 16 lower-case hex digits.
std::string config_hash(const ExperimentConfig& config);

class PointColumns {
 public:
  // REQUIRES: config outlives this.
  explicit PointColumns(const ExperimentConfig& config);

  // The header cells above, comma-separated, without a line end.
  std::string header() const;

  // Point `index`'s cells, in the header's order. REQUIRES: index < points.
  std::string cells(std::size_t index) const;

 private:
  const ExperimentConfig& config_;
  std::string identity_;  // "experiment,seed,config_hash", hashed once
};

// Appends "," + cell to `line`, or just the cell when `line` is empty.
void append_cell(std::string* line, std::string_view cell);

}  // namespace twsim

#endif  // TWSIM_IO_CSV_POINT_COLUMNS_H_
