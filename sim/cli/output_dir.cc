#include "sim/cli/output_dir.h"

#include <unistd.h>

#include <string>
#include <system_error>

#include "sim/cli/diagnostics.h"

namespace twsim {

std::filesystem::path output_dir_of(const boost::program_options::variables_map& vm,
                                    const ExperimentConfig& config) {
  if (vm.count("output")) return std::filesystem::path(vm["output"].as<std::string>());
  return std::filesystem::path("results") / config.name;
}

namespace {

// Whether a and b name one file: the same inode if both exist, else the same
// normalised absolute path.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  if (std::filesystem::equivalent(a, b, ec)) return true;
  return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec) &&
         !ec;
}

}  // namespace

bool create_output_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!ec) return true;
  print_error(dir.string() + ": cannot create output directory: " + ec.message());
  return false;
}

}  // namespace twsim

namespace twsim {

bool prepare_output_dir(const std::filesystem::path& dir) {
  if (!create_output_dir(dir)) return false;
  if (::access(dir.c_str(), W_OK) != 0) {
    print_error(dir.string() + ": output directory is not writable");
    return false;
  }
  return true;
}

std::vector<std::filesystem::path> result_files_of(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  for (const char* name :
       {"runs.csv", "summary.csv", "ratios.csv", "irqoff_ccdf.csv", "lock_stat.txt", "reports.txt",
        "results.json", "experiment.json", "thresholds.csv", "sensitivity.csv", ".twsim.lock"}) {
    out.push_back(dir / name);
  }
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir / "points", ec)) {
    out.push_back(e.path());
  }
  return out;
}

bool check_output_file(const std::string& command, const std::string& option,
                       const std::filesystem::path& file,
                       const std::vector<std::filesystem::path>& protected_files) {
  const std::string what = command + ": " + option + " " + file.string() + ": ";
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    print_error(what + "is a directory");
    return false;
  }
  for (const std::filesystem::path& p : protected_files) {
    if (same_file(file, p)) {
      print_error(what + "would overwrite " + p.string() + "; give another path");
      return false;
    }
  }
  const bool exists = std::filesystem::exists(file, ec);
  const std::filesystem::path parent =
      file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
  if (!exists && !std::filesystem::is_directory(parent, ec)) {
    print_error(what + "no such directory " + parent.string());
    return false;
  }
  if (::access(exists ? file.c_str() : parent.c_str(), W_OK) != 0) {
    print_error(what + "not writable");
    return false;
  }
  return true;
}

}  // namespace twsim
