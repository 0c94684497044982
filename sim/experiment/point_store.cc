#include "sim/experiment/point_store.h"

#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "sim/io/atomic_file.h"
#include "sim/io/experiment_file.h"
#include "sim/io/results_json.h"

namespace twsim {
namespace {

// A point file holds a few kilobytes per run; refuse to read anything that
// could not be one.
constexpr std::uintmax_t kMaxPointFileBytes = 1u << 30;

bool read_whole_file(const std::filesystem::path& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *text = std::move(ss).str();
  return !in.bad();
}

}  // namespace

std::string this_twsim_version() {
  const Provenance p = this_build_provenance();
  // The source hash names the code even when it is not committed (or has no
  // git at all): points from other code are never reused or merged.
  return p.version + " (" + p.git_commit + ", source " + p.source_hash + ")";
}

PointStore::PointStore(std::filesystem::path dir, const ExperimentConfig& config,
                       std::string twsim_version)
    : points_dir_(std::move(dir) / "points") {
  for (std::size_t p = 0; p < config.points.size(); ++p) {
    ids_.push_back(point_identity(config, p, twsim_version));
    keys_.push_back(point_key(ids_.back()));
  }
}

std::filesystem::path PointStore::path_of(std::size_t point) const {
  return points_dir_ / (keys_[point] + ".json");
}

PointStore::Load PointStore::load(std::size_t point, PointRuns* runs, std::string* why) const {
  const std::filesystem::path path = path_of(point);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    if (std::filesystem::exists(path, ec)) {
      *why = "not a regular file";
      return Load::kUnusable;
    }
    return Load::kMissing;
  }
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  std::string text;
  if (ec || size > kMaxPointFileBytes || !read_whole_file(path, &text)) {
    *why = ec ? "cannot read: " + ec.message() : "cannot read";
    return Load::kUnusable;
  }
  PointRuns loaded;
  if (!read_point_file(text, ids_[point], &loaded, why)) return Load::kUnusable;
  *runs = std::move(loaded);
  return Load::kLoaded;
}

std::string PointStore::text_of(std::size_t point, const PointRuns& runs) const {
  return point_file_text(ids_[point], runs);
}

void PointStore::save(std::size_t point, const PointRuns& runs) const {
  std::error_code ec;
  std::filesystem::create_directories(points_dir_, ec);
  if (ec) throw PointSaveError(points_dir_.string() + ": " + ec.message());
  std::string err;
  // Not fsynced: a file cut short by a crash fails its checksum on the next
  // load and the point is simulated again (point_file.h).
  if (!write_file_atomically(path_of(point), point_file_text(ids_[point], runs), &err,
                             /*durable=*/false)) {
    throw PointSaveError(err);
  }
}

bool write_experiment_file(const std::filesystem::path& dir, const ExperimentConfig& config,
                           const std::string& shard, std::string* err) {
  const ExperimentFile file{this_twsim_version(), config.source_file, shard, config.resolved_json};
  // Shards of one experiment may share DIR (a cluster filesystem) and write
  // this file at the same moment; each stages its own private temporary.
  return write_file_atomically(dir / "experiment.json", experiment_file_text(file), err);
}

}  // namespace twsim
