#include "sim/cli/results_table.h"

#include <cmath>
#include <cstddef>
#include <cstdio>

#include "sim/cli/human_units.h"
#include "sim/cli/text_table.h"
#include "sim/io/number_format.h"

namespace twsim {
namespace {

std::string hard_window_text(const HardLockupWindow& w) {
  if (!w.enabled) return "off";
  return human_window(static_cast<double>(w.never_ns), static_cast<double>(w.always_ns));
}

// "123" for 123.4, "55.4" for 55.43, "1.23" for 1.234: no exponents.
std::string factor_text(double f) {
  char text[32];
  std::snprintf(text, sizeof text, f >= 100 ? "%.0f" : "%.3g", f);
  return text;
}

// "never, 55x under": how far the longest worst stretch is below the never
// bound; "always, 1.2x over": how far the shortest is above the always bound.
std::string margin_text(const HardLockupWindow& w, const AlgorithmSummary& s) {
  const HardMargin m = hard_margin(w, s);
  std::string text = to_string(m);
  if (m == HardMargin::kNever && s.worst_irqoff_max_ns > 0) {
    text +=
        ", " +
        factor_text(static_cast<double>(w.never_ns) / static_cast<double>(s.worst_irqoff_max_ns)) +
        "x under";
  } else if (m == HardMargin::kAlways) {
    text +=
        ", " +
        factor_text(static_cast<double>(s.worst_irqoff_min_ns) / static_cast<double>(w.always_ns)) +
        "x over";
  }
  return text;
}

// Mean CPU count, one decimal when it is not whole.
std::string cpu_count(double mean) {
  char text[32];
  std::snprintf(text, sizeof text, mean == std::floor(mean) ? "%.0f" : "%.1f", mean);
  return text;
}

bool same_window(const HardLockupWindow& a, const HardLockupWindow& b) {
  return a.enabled == b.enabled && a.never_ns == b.never_ns && a.always_ns == b.always_ns;
}

}  // namespace

std::string results_table(const ExperimentConfig& config,
                          const std::vector<PointSummary>& summaries) {
  const std::size_t hard = *detector_index("hard");
  const std::size_t soft = *detector_index("soft");
  const std::size_t rcu = *detector_index("rcu");
  const auto metric = [](const char* name) { return *summary_metric_index(name); };
  const std::size_t worst = metric("max_irqoff_ns");
  const std::size_t cpu_time = metric("irqoff_cpu_ns");
  const std::size_t cpus_10ms = metric("irqoff_cpus_10ms");
  const std::size_t cpus_100ms = metric("irqoff_cpus_100ms");
  const std::size_t cpus_1s = metric("irqoff_cpus_1s");
  const std::size_t teardown = metric("teardown_ns");
  bool one_window = true;
  for (const PointSummary& s : summaries) {
    one_window = one_window && same_window(s.hard_window, summaries.front().hard_window);
  }

  TextTable table;
  table.add_column("point", true);
  for (const std::string& key : config.swept) table.add_column(key, true);
  if (config.labelled) table.add_column("label");  // sweep.zip.label
  table.add_column("algorithm");
  table.add_column("P(hard)", true);
  table.add_column("P(soft)", true);
  table.add_column("P(rcu)", true);
  table.add_column("worst irqoff", true);
  if (!one_window) table.add_column("hard window", true);
  table.add_column("margin");
  table.add_column("irqoff CPU time", true);
  table.add_column("CPUs over 10ms/100ms/1s", true);
  table.add_column("teardown", true);
  for (std::size_t p = 0; p < summaries.size(); ++p) {
    for (const AlgorithmSummary& s : summaries[p].algorithms) {
      std::vector<std::string> row{format_int(static_cast<std::int64_t>(p))};
      for (const std::string& key : config.swept) {
        row.push_back(swept_value(config.points[p], key));
      }
      if (config.labelled) row.push_back(config.points[p].label);
      row.push_back(to_string(s.algorithm));
      // A run cut off at the horizon may have reported later: a lower bound.
      const std::string at_least = s.complete.k < s.complete.n ? ">=" : "";
      for (const std::size_t d : {hard, soft, rcu}) {
        row.push_back(at_least + human_probability(s.detectors[d].p, s.detectors[d].ci));
      }
      row.push_back(human_duration(s.metrics[worst].mean));
      if (!one_window) row.push_back(hard_window_text(summaries[p].hard_window));
      row.push_back(margin_text(summaries[p].hard_window, s));
      row.push_back(human_duration(s.metrics[cpu_time].mean));
      row.push_back(cpu_count(s.metrics[cpus_10ms].mean) + "/" +
                    cpu_count(s.metrics[cpus_100ms].mean) + "/" +
                    cpu_count(s.metrics[cpus_1s].mean));
      row.push_back(human_duration(s.metrics[teardown].mean));
      table.add_row(std::move(row));
    }
  }
  std::string out = table.render();
  if (one_window && !summaries.empty()) {
    const HardLockupWindow& w = summaries.front().hard_window;
    out += w.enabled ? "hard-lockup window: a stretch of at most " +
                           human_duration(static_cast<double>(w.never_ns)) +
                           " is never reported, one of at least " +
                           human_duration(static_cast<double>(w.always_ns)) + " always\n"
                     : "hard-lockup detector off\n";
  }
  return out;
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
