#include "sim/io/sensitivity_csv.h"

#include <nlohmann/json.hpp>

#include "sim/io/number_format.h"

namespace twsim {

std::string sensitivity_csv(std::size_t point, const Point& base,
                            const std::vector<SensitivityRow>& rows) {
  const nlohmann::json scenario = nlohmann::json::parse(base.resolved_json);
  const nlohmann::json& kernel = scenario.at("kernel");
  const std::string thresh = format_double(kernel.at("watchdog_thresh_s").get<double>());
  const std::string detector = csv_field(kernel.at("hardlockup_detector").get<std::string>());
  std::string out =
      "point,input,key,side,value,clamped,algorithm,n,p_hard,p_hard_lo,p_hard_hi,"
      "max_irqoff_mean_ns,max_irqoff_max_ns,watchdog_thresh_s,hardlockup_detector\n";
  for (const SensitivityRow& r : rows) {
    std::string line = format_int(static_cast<std::int64_t>(point));
    // Appended cell by cell: GCC 12 warns (-Wrestrict, falsely) on "," + string.
    for (const std::string& cell :
         {csv_field(r.input), csv_field(r.key), csv_field(r.side), csv_field(r.value),
          std::string(r.clamped ? "1" : "0"), std::string(to_string(r.algorithm)),
          format_int(r.p_hard.n), format_double(r.p_hard.p), format_double(r.p_hard.ci.lo),
          format_double(r.p_hard.ci.hi), format_double(r.max_irqoff_mean_ns),
          format_double(r.max_irqoff_max_ns), thresh, detector}) {
      line += ',';
      line += cell;
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace twsim
