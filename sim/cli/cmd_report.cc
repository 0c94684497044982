// twsim report DIR: writes DIR/report.html, one self-contained page for a
// results directory (the question, the summary table, every plot, the most
// interesting run explained, provenance). Reads only what `twsim run` and
// scripts/plot.sh wrote there; re-simulates the one run it explains from the
// resolved config in results.json (deterministic: seed and replication fix it).
#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/command_line.h"
#include "sim/cli/commands.h"
#include "sim/cli/diagnostics.h"
#include "sim/cli/explain_text.h"
#include "sim/cli/human_units.h"
#include "sim/cli/report_tables.h"
#include "sim/io/atomic_file.h"
#include "sim/io/csv_table.h"
#include "sim/io/input_error.h"
#include "sim/io/json_io.h"
#include "sim/io/number_format.h"
#include "sim/io/report_html.h"
#include "sim/io/results_json.h"
#include "sim/io/results_json_facts.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace twsim {
namespace {

// PNG's 8-byte signature (RFC 2083 §3.1): anything else is not embedded.
constexpr std::string_view kPngSignature{"\x89PNG\r\n\x1a\n", 8};

bool read_file(const fs::path& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *text = s.str();
  return static_cast<bool>(in) || in.eof();
}

// A file the results directory must have; throws InputError naming it.
std::string required_file(const fs::path& dir, const char* name) {
  std::string text;
  std::error_code ec;
  if (!fs::is_regular_file(dir / name, ec)) {
    throw InputError(dir.string(), "",
                     std::string("not a twsim results directory (no ") + name + ")");
  }
  if (!read_file(dir / name, &text)) {
    throw InputError((dir / name).string(), "", "cannot read");
  }
  return text;
}

// Every DIR/*.png (plot.sh draws them beside the results), by name.
std::vector<ReportImage> plots(const fs::path& dir) {
  std::vector<ReportImage> images;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with('.') || !name.ends_with(".png") || !e.is_regular_file(ec)) continue;
    ReportImage image{name, {}};
    if (!read_file(e.path(), &image.png) || !image.png.starts_with(kPngSignature)) {
      print_warning("report: " + e.path().string() + ": not a readable PNG; left out");
      continue;
    }
    images.push_back(std::move(image));
  }
  std::sort(images.begin(), images.end(),
            [](const ReportImage& a, const ReportImage& b) { return a.file_name < b.file_name; });
  return images;
}

std::vector<std::pair<std::string, std::string>> provenance(const ResultsJsonFacts& f) {
  std::vector<std::pair<std::string, std::string>> p = {
      {"experiment", f.name},
      {"config file", f.config_file},
      {"config_hash", f.config_hash},
      {"seed", f.seed},
      {"points", std::to_string(f.points)},
      {"replications", std::to_string(f.replications)},
  };
  std::string algorithms;
  for (const std::string& a : f.algorithms) algorithms += (algorithms.empty() ? "" : ", ") + a;
  p.emplace_back("algorithms", algorithms);
  p.emplace_back("written by", "twsim " + f.version + " (commit " + f.git_commit + ", sources " +
                                   f.source_hash + ", " + f.build_type + ")");
  p.emplace_back("host", f.host);
  if (f.wall_time_s) p.emplace_back("wall time", format_double(*f.wall_time_s) + " s");
  if (f.runs) p.emplace_back("runs simulated", std::to_string(*f.runs));
  if (f.events) p.emplace_back("events simulated", std::to_string(*f.events));
  const Provenance me = this_build_provenance();
  p.emplace_back("report by", "twsim " + me.version + " (commit " + me.git_commit + ", sources " +
                                  me.source_hash + ", " + me.build_type + ")");
  return p;
}

// Builds the page; throws InputError for anything in `dir` it cannot use.
ReportPage build_page(const fs::path& dir) {
  const std::string results_label = (dir / "results.json").string();
  const ResultsJsonFacts facts =
      read_results_json_facts(required_file(dir, "results.json"), results_label);
  const std::string summary_label = (dir / "summary.csv").string();
  const std::string runs_label = (dir / "runs.csv").string();
  const CsvTable summary = parse_csv(required_file(dir, "summary.csv"), summary_label);
  const CsvTable ratios =
      parse_csv(required_file(dir, "ratios.csv"), (dir / "ratios.csv").string());
  const CsvTable runs = parse_csv(required_file(dir, "runs.csv"), runs_label);

  ReportPage page;
  page.name = facts.name;
  page.question = facts.description.empty() ? "(the config has no description)" : facts.description;
  page.summary_note =
      "One row per point and algorithm, from summary.csv (means over the runs; P with its 95% "
      "Wilson interval, >= when runs were cut off at the horizon). margin: where every run's worst "
      "interrupts-off stretch lies against the hard-lockup window (never: at or below the length "
      "the detector can never report; always: at or above the length it always reports; possible: "
      "between). hard window: those two lengths. irqoff CPU time: all CPUs' interrupts-off time "
      "together.";
  page.summary = summary_report_table(summary, summary_label);
  page.ratios = ratios_report_table(ratios);
  page.images = plots(dir);
  page.provenance = provenance(facts);

  const InterestingRun pick = most_interesting_run(summary, summary_label, runs, runs_label);
  const ExperimentConfig config = parse_experiment(facts.config_json, results_label, {});
  const std::optional<Algorithm> algorithm = algorithm_named(pick.algorithm);
  if (!algorithm || pick.point < 0 || pick.point >= static_cast<int>(config.points.size()) ||
      pick.replication < 0 || pick.replication >= config.replications) {
    throw InputError(summary_label, "",
                     "point " + std::to_string(pick.point) + ", algorithm " + pick.algorithm +
                         ", replication " + std::to_string(pick.replication) +
                         " is not in results.json's config");
  }
  std::ostringstream text;
  write_explanation(text, config, {pick.point, *algorithm, pick.replication, std::nullopt});
  page.explain_text = text.str();
  page.explain_note = "Point " + std::to_string(pick.point) + ", " + pick.algorithm +
                      " algorithm, replication " + std::to_string(pick.replication) + ": " +
                      pick.why + ". Re-simulated from the resolved config in results.json; " +
                      "`twsim explain CONFIG --point " + std::to_string(pick.point) +
                      " --algorithm " + pick.algorithm + " --replication " +
                      std::to_string(pick.replication) + "` prints the same.";
  if (!facts.source_hash.empty() && facts.source_hash != this_build_provenance().source_hash) {
    page.explain_note += " Note: this twsim was built from other sources (" +
                         this_build_provenance().source_hash +
                         ") than the one that wrote the "
                         "results (" +
                         facts.source_hash + "); the run may differ.";
  }
  return page;
}

}  // namespace

po::options_description report_options() { return po::options_description(); }

ExitStatus cmd_report(const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto exit = parse_command_args("report", args, {"dir", 1, "DIR"}, &vm)) return *exit;
  const fs::path dir = vm["dir"].as<std::string>();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    print_error("report: " + dir.string() + ": not a directory");
    return ExitStatus::kBadInput;
  }
  ReportPage page;
  try {
    page = build_page(dir);
  } catch (const InputError& e) {
    print_error(std::string("report: ") + e.what());
    return ExitStatus::kBadInput;
  }
  const std::string html = report_html(page);
  const fs::path out = dir / "report.html";
  std::string err;
  if (!write_file_atomically(out, html, &err)) {
    print_error("report: cannot write " + err);
    return ExitStatus::kSimulationFailed;
  }
  std::cout << "report: " << out.string() << " (" << page.images.size() << " plots, "
            << (html.size() + 1023) / 1024 << " kB)\n";
  return ExitStatus::kOk;
}

}  // namespace twsim
