#include "sim/io/sensitivity_csv.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "sim/io/csv_point_columns.h"
#include "sim/io/number_format.h"

namespace twsim {

std::string sensitivity_csv(const ExperimentConfig& config, std::size_t point,
                            const std::vector<SensitivityRow>& rows) {
  const PointColumns columns(config);
  const nlohmann::json scenario = nlohmann::json::parse(config.points[point].resolved_json);
  const nlohmann::json& kernel = scenario.at("kernel");
  const std::string thresh = format_decimal(kernel.at("watchdog_thresh_s").get<double>());
  const std::string detector = csv_field(kernel.at("hardlockup_detector").get<std::string>());
  std::string out = columns.header() +
                    ",input,key,side,value,clamped,algorithm,n,p_hard,p_hard_lo,p_hard_hi,"
                    "max_irqoff_mean_ns,max_irqoff_max_ns,watchdog_thresh_s,hardlockup_detector\n";
  const std::string prefix = columns.cells(point);
  for (const SensitivityRow& r : rows) {
    std::string line = prefix;
    // Appended cell by cell: GCC 12 warns (-Wrestrict, falsely) on "," + string.
    for (const std::string& cell :
         {csv_field(r.input), csv_field(r.key), csv_field(r.side), csv_field(r.value),
          std::string(r.clamped ? "1" : "0"), std::string(to_string(r.algorithm)),
          format_int(r.p_hard.n), format_decimal(r.p_hard.p), format_decimal(r.p_hard.ci.lo),
          format_decimal(r.p_hard.ci.hi), format_decimal(r.max_irqoff_mean_ns),
          format_int(std::llround(r.max_irqoff_max_ns)), thresh, detector}) {
      line += ',';
      line += cell;
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace twsim
