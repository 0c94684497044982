#include "sim/cli/report_tables.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <string_view>
#include <vector>

#include "sim/cli/human_units.h"
#include "sim/io/input_error.h"
#include "sim/io/number_format.h"

namespace twsim {
namespace {

std::size_t need(const CsvTable& t, std::string_view name, const std::string& label) {
  const std::optional<std::size_t> c = t.column(name);
  if (!c) throw InputError(label, "", "no column '" + std::string(name) + "'");
  return *c;
}

// A cell as a number; NaN when empty ("undefined" in twsim's CSVs) or not one.
double number(const std::string& cell) {
  if (cell.empty()) return std::numeric_limits<double>::quiet_NaN();
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  return end == cell.c_str() + cell.size() ? v : std::numeric_limits<double>::quiet_NaN();
}

// The summary.csv rows of one (point, algorithm), by metric.
struct Group {
  std::vector<std::string> key;  // the cells from `point` to `algorithm`
  int point = 0;
  std::string algorithm;
  std::map<std::string, const std::vector<std::string>*, std::less<>> metrics;
};

struct Columns {
  std::size_t point, algorithm, metric, n, mean, lo, hi, margin;
};

Columns summary_columns(const CsvTable& s, const std::string& label) {
  const Columns c{need(s, "point", label), need(s, "algorithm", label), need(s, "metric", label),
                  need(s, "n", label),     need(s, "mean", label),      need(s, "lo", label),
                  need(s, "hi", label),    need(s, "margin", label)};
  if (c.algorithm < c.point) throw InputError(label, "", "column 'algorithm' before 'point'");
  return c;
}

std::vector<Group> groups(const CsvTable& s, const Columns& c) {
  std::vector<Group> out;
  std::map<std::vector<std::string>, std::size_t> index;
  for (const auto& row : s.rows) {
    std::vector<std::string> key(row.begin() + static_cast<long>(c.point),
                                 row.begin() + static_cast<long>(c.algorithm) + 1);
    auto [it, fresh] = index.try_emplace(key, out.size());
    if (fresh) {
      Group g;
      g.point = static_cast<int>(number(row[c.point]));
      g.algorithm = row[c.algorithm];
      g.key = std::move(key);
      out.push_back(std::move(g));
    }
    out[it->second].metrics[row[c.metric]] = &row;
  }
  return out;
}

double mean_of(const Group& g, const Columns& c, std::string_view metric) {
  const auto it = g.metrics.find(metric);
  return it == g.metrics.end() ? std::numeric_limits<double>::quiet_NaN()
                               : number((*it->second)[c.mean]);
}

// As `twsim run` prints it (results_table.cc): ">=" when some runs were cut
// off at the horizon, so that P is a lower bound.
std::string probability_cell(const Group& g, const Columns& c, std::string_view metric) {
  const auto it = g.metrics.find(metric);
  if (it == g.metrics.end()) return "-";
  const auto& row = *it->second;
  const double complete = mean_of(g, c, "p_complete");
  const std::string at_least = complete < 1 ? ">=" : "";
  return at_least + human_probability(number(row[c.mean]), {number(row[c.lo]), number(row[c.hi])});
}

std::string duration_cell(const Group& g, const Columns& c, std::string_view metric) {
  return g.metrics.contains(metric) ? human_duration(mean_of(g, c, metric)) : "-";
}

}  // namespace

ReportTable summary_report_table(const CsvTable& summary, const std::string& label) {
  const Columns c = summary_columns(summary, label);
  ReportTable t;
  t.id = "summary-table";
  t.header.assign(summary.header.begin() + static_cast<long>(c.point),
                  summary.header.begin() + static_cast<long>(c.algorithm) + 1);
  for (const char* h : {"runs", "P(hard)", "P(soft)", "P(rcu)", "worst irqoff (mean)", "margin",
                        "hard window", "irqoff CPU time (mean)", "teardown (mean)"}) {
    t.header.emplace_back(h);
  }
  for (const Group& g : groups(summary, c)) {
    std::vector<std::string> row = g.key;
    const auto p_hard = g.metrics.find("p_hard");
    row.push_back(p_hard == g.metrics.end() ? "-" : (*p_hard->second)[c.n]);
    row.push_back(probability_cell(g, c, "p_hard"));
    row.push_back(probability_cell(g, c, "p_soft"));
    row.push_back(probability_cell(g, c, "p_rcu"));
    row.push_back(duration_cell(g, c, "max_irqoff_ns"));
    // hard_window_ns: lo = never below, hi = always above, both empty with the
    // detector off (README "How to read the output").
    const auto window = g.metrics.find("hard_window_ns");
    if (window == g.metrics.end()) {
      row.insert(row.end(), {"-", "-"});
    } else {
      const auto& w = *window->second;
      row.push_back(w[c.margin].empty() ? "-" : w[c.margin]);
      row.push_back(w[c.lo].empty() ? "off" : human_window(number(w[c.lo]), number(w[c.hi])));
    }
    row.push_back(duration_cell(g, c, "irqoff_cpu_ns"));
    row.push_back(duration_cell(g, c, "teardown_ns"));
    t.rows.push_back(std::move(row));
  }
  return t;
}

ReportTable ratios_report_table(const CsvTable& ratios) {
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < ratios.header.size(); ++i) {
    const std::string& h = ratios.header[i];
    if (h != "experiment" && h != "seed" && h != "config_hash") kept.push_back(i);
  }
  ReportTable t;
  t.id = "ratios-table";
  for (std::size_t i : kept) t.header.push_back(ratios.header[i]);
  for (const auto& row : ratios.rows) {
    std::vector<std::string> cells;
    for (std::size_t i : kept) cells.push_back(row[i]);
    t.rows.push_back(std::move(cells));
  }
  return t;
}

InterestingRun most_interesting_run(const CsvTable& summary, const std::string& summary_label,
                                    const CsvTable& runs, const std::string& runs_label) {
  const Columns c = summary_columns(summary, summary_label);
  const std::vector<Group> all = groups(summary, c);
  if (all.empty()) throw InputError(summary_label, "", "no rows");
  // NaN (a metric missing) ranks below every value.
  const auto rank = [&](const Group& g, std::string_view metric) {
    const double v = mean_of(g, c, metric);
    return std::isnan(v) ? -1.0 : v;
  };
  const Group* best = &all.front();
  for (const Group& g : all) {
    const auto key = [&](const Group& x) {
      return std::tuple(rank(x, "p_hard"), rank(x, "p_any"), rank(x, "max_irqoff_ns"));
    };
    if (key(g) > key(*best)) best = &g;
  }
  InterestingRun pick;
  pick.point = best->point;
  pick.algorithm = best->algorithm;
  if (rank(*best, "p_hard") > 0) {
    pick.why =
        "the highest P(hard) of the experiment (" + format_double(rank(*best, "p_hard")) + ")";
  } else if (rank(*best, "p_any") > 0) {
    pick.why = "no hard lockup anywhere; the highest P(any detector report) (" +
               format_double(rank(*best, "p_any")) + ")";
  } else {
    pick.why = "no detector report anywhere; the longest mean worst interrupts-off stretch (" +
               human_duration(rank(*best, "max_irqoff_ns")) + ")";
  }

  const std::size_t point = need(runs, "point", runs_label),
                    algorithm = need(runs, "algorithm", runs_label),
                    replication = need(runs, "replication", runs_label),
                    hard = need(runs, "hard_lockups", runs_label),
                    soft = need(runs, "soft_lockups", runs_label),
                    rcu = need(runs, "rcu_stalls", runs_label),
                    worst = need(runs, "max_irqoff_ns", runs_label);
  const std::vector<std::string>* first_hard = nullptr;
  const std::vector<std::string>* first_report = nullptr;
  const std::vector<std::string>* longest = nullptr;
  for (const auto& row : runs.rows) {
    if (static_cast<int>(number(row[point])) != pick.point || row[algorithm] != pick.algorithm) {
      continue;
    }
    if (!first_hard && number(row[hard]) > 0) first_hard = &row;
    if (!first_report && number(row[hard]) + number(row[soft]) + number(row[rcu]) > 0) {
      first_report = &row;
    }
    if (!longest || number(row[worst]) > number((*longest)[worst])) longest = &row;
  }
  if (!longest) {
    throw InputError(runs_label, "",
                     "no runs of point " + std::to_string(pick.point) + ", algorithm " +
                         pick.algorithm + " (summary.csv has them)");
  }
  const std::vector<std::string>& chosen = first_hard     ? *first_hard
                                           : first_report ? *first_report
                                                          : *longest;
  pick.replication = static_cast<int>(number(chosen[replication]));
  pick.why += first_hard     ? "; its first replication with a hard LOCKUP report"
              : first_report ? "; its first replication with a detector report"
                             : "; its replication with the longest worst stretch (" +
                                   human_duration(number(chosen[worst])) + ")";
  return pick;
}

}  // namespace twsim
