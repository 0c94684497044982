// The resumable state of a results directory DIR: DIR/experiment.json (which
// experiment this is) and DIR/points/<key>.json, one file per completed point
// (sim/io/point_file.h). `twsim run` loads the points already there instead of
// simulating them again and saves each point as soon as its last run
// finishes; `twsim merge` gathers the points of several shard directories.
// Every file is written atomically (staged, then renamed), so a killed run
// leaves each point file either complete or absent.
#ifndef TWSIM_EXPERIMENT_POINT_STORE_H_
#define TWSIM_EXPERIMENT_POINT_STORE_H_

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/io/point_file.h"
#include "sim/scenario/config.h"
#include "sim/scenario/experiment_results.h"

namespace twsim {

// "VERSION (COMMIT)" of this binary: what point files and experiment.json
// record, and part of every point's key.
std::string this_twsim_version();

// A point file that could not be written ("PATH: reason").
struct PointSaveError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The points/ folder of one results directory for one experiment. Holds a
// copy of the keys only; `config` need not outlive it.
class PointStore {
 public:
  PointStore(std::filesystem::path dir, const ExperimentConfig& config, std::string twsim_version);

  // DIR/points.
  const std::filesystem::path& points_dir() const { return points_dir_; }
  // DIR/points/<key>.json of point `point`.
  std::filesystem::path path_of(std::size_t point) const;

  enum class Load { kMissing, kLoaded, kUnusable };
  // Reads point `point`'s file into *runs. kUnusable: the file exists but is
  // not a complete file for this point; *why says what is wrong with it.
  Load load(std::size_t point, PointRuns* runs, std::string* why) const;

  // Writes point `point`'s file (creating points/ if need be). Safe to call
  // concurrently, for different points or the same one. Throws
  // PointSaveError on failure.
  void save(std::size_t point, const PointRuns& runs) const;

  // The file text `runs` of point `point` have (to compare two copies).
  std::string text_of(std::size_t point, const PointRuns& runs) const;

 private:
  std::filesystem::path points_dir_;
  std::vector<std::string> keys_;
  std::vector<PointIdentity> ids_;
};

// Writes DIR/experiment.json for `config` (shard "" for a whole run).
// Processes sharing DIR may write it at the same time: each stages its own
// temporary. Returns false and sets *err ("PATH: reason") on failure.
bool write_experiment_file(const std::filesystem::path& dir, const ExperimentConfig& config,
                           const std::string& shard, std::string* err);

}  // namespace twsim

#endif  // TWSIM_EXPERIMENT_POINT_STORE_H_
