#include "sim/experiment/pinned_point.h"

#include "sim/io/json_io.h"
#include "sim/io/number_format.h"

namespace twsim {

Point pinned_point(const ExperimentConfig& config, std::size_t point,
                   const std::vector<std::string>& settings) {
  // Pinning every swept key leaves a sweep of one point: this one.
  std::vector<std::string> pins;
  for (const auto& [key, text] : config.points[point].params) pins.push_back(key + "=" + text);
  pins.insert(pins.end(), settings.begin(), settings.end());
  ExperimentConfig one = parse_experiment(config.resolved_json, config.source_file, pins);
  Point out = std::move(one.points.at(0));
  out.params = config.points[point].params;
  return out;
}

std::string point_description(const ExperimentConfig& config, std::size_t point) {
  std::string where = "point " + std::to_string(point);
  const auto& params = config.points[point].params;
  for (std::size_t i = 0; i < params.size(); ++i) {
    where += (i == 0 ? " (" : ", ") + params[i].first + "=" + param_display(params[i].second);
  }
  if (!params.empty()) where += ")";
  return where;
}

}  // namespace twsim
