#include "sim/cli/results_table.h"

#include <cstddef>
#include <string_view>

#include "sim/cli/human_units.h"
#include "sim/cli/text_table.h"
#include "sim/io/number_format.h"

namespace twsim {
namespace {

// Index of the named entry of a metric or detector table.
template <typename Defs>
std::size_t index_of(const Defs& defs, std::string_view name) {
  for (std::size_t i = 0; i < defs.size(); ++i) {
    if (name == defs[i].name) return i;
  }
  return 0;  // unreachable for the names used below
}

}  // namespace

std::string results_table(const ExperimentConfig& config,
                          const std::vector<PointSummary>& summaries) {
  const std::size_t hard = index_of(detectors(), "hard");
  const std::size_t soft = index_of(detectors(), "soft");
  const std::size_t irqoff = index_of(summary_metrics(), "max_irqoff_ns");
  const std::size_t teardown = index_of(summary_metrics(), "teardown_ns");

  TextTable table;
  table.add_column("point", true);
  for (const std::string& key : config.swept) table.add_column(key, true);
  for (Algorithm a : config.algorithms) {
    table.add_group(to_string(a), table.columns(), 4);
    table.add_column("P(hard)", true);
    table.add_column("P(soft)", true);
    table.add_column("max irqoff", true);
    table.add_column("teardown", true);
  }
  for (std::size_t p = 0; p < summaries.size(); ++p) {
    std::vector<std::string> row{format_int(static_cast<std::int64_t>(p))};
    for (const std::string& key : config.swept) row.push_back(swept_value(config.points[p], key));
    for (const AlgorithmSummary& s : summaries[p].algorithms) {
      // A run cut off at the horizon may have reported later: a lower bound.
      const std::string at_least = s.complete.k < s.complete.n ? ">=" : "";
      row.push_back(at_least + human_probability(s.detectors[hard].p, s.detectors[hard].ci));
      row.push_back(at_least + human_probability(s.detectors[soft].p, s.detectors[soft].ci));
      row.push_back(human_duration(s.metrics[irqoff].mean));
      row.push_back(human_duration(s.metrics[teardown].mean));
    }
    table.add_row(std::move(row));
  }
  return table.render();
}

std::vector<std::string> horizon_warnings(const ExperimentConfig& config,
                                          const std::vector<PointSummary>& summaries) {
  std::vector<std::string> out;
  for (std::size_t p = 0; p < summaries.size(); ++p) {
    for (const AlgorithmSummary& s : summaries[p].algorithms) {
      if (s.complete.k == s.complete.n) continue;
      out.push_back(
          std::to_string(s.complete.n - s.complete.k) + " of " + std::to_string(s.complete.n) +
          " " + to_string(s.algorithm) + " runs of point " + std::to_string(p) +
          " were cut off at horizon_s = " + format_double(config.points[p].scenario.horizon_s) +
          " s before the teardown ended; their P(detector) is a lower bound (>= in "
          "the table); raise horizon_s");
    }
  }
  return out;
}

}  // namespace twsim
