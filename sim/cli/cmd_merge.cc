// twsim merge DIR... -o OUT [-j N] [--uptime S] [--quiet]: joins the points/ of
// sharded runs (`twsim run --shard I/N`) into the result files one machine
// would have written: OUT/runs.csv, summary.csv, lock_stat.txt, reports.txt
// and results.json (equal
// byte for byte except results.json's "run" block), plus OUT/points/ and
// OUT/experiment.json, so that OUT can itself be resumed or merged again.
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/command_line.h"
#include "sim/cli/commands.h"
#include "sim/cli/diagnostics.h"
#include "sim/cli/dir_lock.h"
#include "sim/cli/output_dir.h"
#include "sim/cli/results_table.h"
#include "sim/cli/uptime_option.h"
#include "sim/core/run_jobs.h"
#include "sim/experiment/point_store.h"
#include "sim/experiment/shard.h"
#include "sim/io/experiment_file.h"
#include "sim/io/input_error.h"
#include "sim/io/json_io.h"
#include "sim/io/results_io.h"

namespace po = boost::program_options;

namespace twsim {
namespace {

constexpr std::size_t kPointsNamed = 8;  // missing points listed in the error

// One input directory and the experiment it says it holds.
struct ShardDir {
  std::filesystem::path dir;
  ExperimentFile file;
  std::optional<Shard> shard;  // nullopt: a whole run (or a merge)
};

std::optional<ShardDir> read_shard_dir(const std::filesystem::path& dir) {
  const std::filesystem::path path = dir / "experiment.json";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    print_error("merge: " + dir.string() +
                ": no experiment.json; not a directory written by 'twsim run'");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    ShardDir out{dir, read_experiment_file(text.str(), path.string()), std::nullopt};
    if (!out.file.shard.empty()) out.shard = parse_shard(out.file.shard);
    return out;
  } catch (const InputError& e) {
    print_error(std::string("merge: ") + e.what());
    return std::nullopt;
  }
}

// Checks that every directory holds the same experiment from the same twsim.
bool same_experiment(const std::vector<ShardDir>& dirs) {
  const ShardDir& first = dirs.front();
  if (first.file.twsim != this_twsim_version()) {
    print_error("merge: " + first.dir.string() + ": written by twsim " + first.file.twsim +
                ", but this is twsim " + this_twsim_version() +
                "; merge with the twsim that ran the shards");
    return false;
  }
  for (const ShardDir& d : dirs) {
    if (d.file.twsim != first.file.twsim) {
      print_error("merge: " + d.dir.string() + ": written by twsim " + d.file.twsim + ", but " +
                  first.dir.string() + " by twsim " + first.file.twsim +
                  "; every shard must come from the same twsim");
      return false;
    }
    if (d.file.config_json != first.file.config_json) {
      print_error("merge: " + d.dir.string() + ": not the same experiment as " +
                  first.dir.string() + " (their resolved configs differ at " +
                  first_json_difference(first.file.config_json, d.file.config_json) + ")");
      return false;
    }
  }
  return true;
}

// "point 3" or "points 1, 3, 5" (the first kPointsNamed of them).
std::string point_list(const std::vector<std::size_t>& points) {
  std::string out = points.size() == 1 ? "point " : "points ";
  for (std::size_t i = 0; i < points.size() && i < kPointsNamed; ++i) {
    if (i > 0) out += ", ";
    out += std::to_string(points[i]);
  }
  return points.size() > kPointsNamed ? out + ", ..." : out;
}

// The one-line error for points that no directory has: which shard
// directories should have held them (and have not finished), and which belong
// to no directory given (a shard left out).
std::string missing_message(const std::vector<ShardDir>& dirs,
                            const std::vector<std::size_t>& missing, std::size_t total) {
  std::string msg = "merge: " + std::to_string(missing.size()) + " of " + std::to_string(total) +
                    " points are missing";
  std::set<int> counts;
  for (const ShardDir& d : dirs) counts.insert(d.shard ? d.shard->count : 0);
  for (const ShardDir& d : dirs) {
    std::vector<std::size_t> mine;
    for (const std::size_t p : missing) {
      if (!d.shard || d.shard->includes(p)) mine.push_back(p);
    }
    if (mine.empty()) continue;
    msg += "; " + d.dir.string() + (d.shard ? " (shard " + d.shard->text() + ")" : "") +
           " has not finished " + point_list(mine) + ": rerun it to resume";
  }
  std::vector<std::size_t> orphans;
  std::set<std::string> shards;
  for (const std::size_t p : missing) {
    bool covered = false;
    for (const ShardDir& d : dirs) covered |= !d.shard || d.shard->includes(p);
    if (covered) continue;
    orphans.push_back(p);
    if (counts.size() == 1 && *counts.begin() > 0) {
      const int n = *counts.begin();
      shards.insert(std::to_string(p % static_cast<std::size_t>(n)) + "/" + std::to_string(n));
    }
  }
  if (!orphans.empty()) {
    msg += "; " + point_list(orphans) + (orphans.size() == 1 ? " belongs" : " belong") +
           " to no directory given";
    if (!shards.empty()) {
      std::string list;
      for (const std::string& s : shards) list += (list.empty() ? "" : ", ") + s;
      msg += " (missing shard" + std::string(shards.size() > 1 ? "s " : " ") + list + ")";
    }
  }
  return msg;
}

}  // namespace

po::options_description merge_options() {
  po::options_description d;
  d.add_options()("output,o", po::value<std::string>()->value_name("OUT"),
                  "write the merged results here")(
      "jobs,j", po::value<int>()->default_value(1)->value_name("N"),
      "read the shards and write the results on N threads; the files are identical for any N")(
      "quiet,q", "print nothing but errors")("help,h", "show this command's usage");
  d.add(uptime_option());
  return d;
}

ExitStatus cmd_merge(const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto exit = parse_command_args("merge", args, {"dirs", -1, "DIR"}, &vm)) return *exit;
  if (!vm.count("output")) return missing_argument("merge", "-o OUT");
  const int jobs = vm["jobs"].as<int>();
  if (!check_option_at_least("merge", "jobs", jobs, 1)) return ExitStatus::kBadInput;
  ReportsTxtOptions reports_options;
  if (!read_uptime("merge", vm, &reports_options.uptime_ns)) return ExitStatus::kBadInput;
  std::vector<ShardDir> dirs;
  for (const std::string& d : vm["dirs"].as<std::vector<std::string>>()) {
    std::optional<ShardDir> s = read_shard_dir(d);
    if (!s) return ExitStatus::kBadInput;
    dirs.push_back(std::move(*s));
  }
  if (!same_experiment(dirs)) return ExitStatus::kBadInput;
  ExperimentConfig config;
  try {
    config = parse_experiment(dirs[0].file.config_json, dirs[0].file.config_file, {});
  } catch (const InputError& e) {
    print_error("merge: " + (dirs[0].dir / "experiment.json").string() +
                ": its config does not read back: " + e.what());
    return ExitStatus::kBadInput;
  }

  // Each point from the first directory that has a usable file for it.
  const std::string version = dirs[0].file.twsim;
  std::vector<PointStore> stores;
  for (const ShardDir& d : dirs) stores.emplace_back(d.dir, config, version);
  // Every (point, directory) file, read on `jobs` threads.
  const std::size_t n_dirs = stores.size();
  const std::size_t n_files = config.points.size() * n_dirs;
  std::vector<PointRuns> loaded(n_files);
  std::vector<PointStore::Load> loads(n_files);
  std::vector<std::string> why(n_files);
  run_jobs(n_files, jobs, [&](std::size_t k) {
    loads[k] = stores[k % n_dirs].load(k / n_dirs, &loaded[k], &why[k]);
  });
  ExperimentResults results;
  results.points.resize(config.points.size());
  std::vector<std::size_t> missing;
  for (std::size_t p = 0; p < config.points.size(); ++p) {
    // Every directory that has the point must agree on it (shards that
    // overlap, a requeued shard): merge never picks one of two answers.
    std::optional<std::size_t> first;
    for (std::size_t i = 0; i < n_dirs; ++i) {
      PointRuns& runs = loaded[p * n_dirs + i];
      switch (loads[p * n_dirs + i]) {
        case PointStore::Load::kLoaded:
          if (!first) {
            first = i;
            results.points[p] = std::move(runs);
          } else if (stores[i].text_of(p, runs) != stores[i].text_of(p, results.points[p])) {
            print_error("merge: " + stores[*first].path_of(p).string() + " and " +
                        stores[i].path_of(p).string() + " disagree on point " + std::to_string(p) +
                        "; remove the wrong one and merge again");
            return ExitStatus::kBadInput;
          }
          break;
        case PointStore::Load::kUnusable:
          print_warning(stores[i].path_of(p).string() + ": " + why[p * n_dirs + i] + "; ignored");
          break;
        case PointStore::Load::kMissing:
          break;
      }
    }
    if (!first) missing.push_back(p);
  }
  if (!missing.empty()) {
    print_error(missing_message(dirs, missing, config.points.size()));
    return ExitStatus::kBadInput;
  }

  const std::filesystem::path out = vm["output"].as<std::string>();
  if (!create_output_dir(out)) return ExitStatus::kBadInput;
  const std::optional<DirLock> lock = DirLock::take(out, DirLock::Mode::kExclusive, "twsim merge");
  if (!lock) return ExitStatus::kBadInput;
  std::string err;
  if (!write_experiment_file(out, config, "", &err)) {
    print_error("cannot write results: " + err);
    return ExitStatus::kSimulationFailed;
  }
  const PointStore out_store(out, config, version);
  try {
    run_jobs(config.points.size(), jobs,
             [&](std::size_t p) { out_store.save(p, results.points[p]); });
  } catch (const PointSaveError& e) {
    print_error(std::string("cannot write results: ") + e.what());
    return ExitStatus::kSimulationFailed;
  }
  // "run" describes what this process simulated: nothing.
  const std::vector<PointSummary> summaries = summarise_experiment(config, results);
  if (!write_results(out, config, results, summaries, this_build_provenance(), &err,
                     ResultsWriteOptions{{}, reports_options, jobs})) {
    print_error("cannot write results: " + err);
    return ExitStatus::kSimulationFailed;
  }
  for (const std::string& w : horizon_warnings(config, summaries)) print_warning(w);
  if (!vm.count("quiet")) {
    std::cout << results_table(config, summaries) << "\n"
              << "merged " << config.points.size() << " points from " << dirs.size()
              << (dirs.size() == 1 ? " directory" : " directories") << "\nresults: " << out.string()
              << "/\n";
  }
  return ExitStatus::kOk;
}

}  // namespace twsim
