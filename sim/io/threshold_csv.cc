#include "sim/io/threshold_csv.h"

#include <cmath>

#include "sim/io/csv_point_columns.h"
#include "sim/io/number_format.h"

namespace twsim {

std::string threshold_value_text(const ThresholdTable& table, double v) {
  if (!std::isfinite(v)) return "";
  return table.integer ? format_int(std::llround(v)) : format_decimal(v);
}

std::string thresholds_csv(const ExperimentConfig& config, const ThresholdTable& table) {
  const PointColumns columns(config);
  std::string out = columns.header();
  out +=
      ",algorithm,param,detector,target,threshold,threshold_lo,threshold_hi,probes,note,resolved,"
      "replications_needed\n";
  for (const ThresholdRow& row : table.rows) {
    std::string line = columns.cells(row.point);
    // Appended cell by cell: GCC 12 warns (-Wrestrict, falsely) on "," + string.
    for (const std::string& cell :
         {std::string(to_string(row.algorithm)), csv_field(table.param), csv_field(table.detector),
          format_decimal(table.target), threshold_value_text(table, row.threshold),
          threshold_value_text(table, row.threshold_lo),
          threshold_value_text(table, row.threshold_hi), format_int(row.probes),
          csv_field(row.note), std::string(row.resolved ? "1" : "0"),
          row.replications_needed > 0 ? format_int(row.replications_needed) : ""}) {
      line += ',';
      line += cell;
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace twsim
