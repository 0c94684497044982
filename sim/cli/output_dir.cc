#include "sim/cli/output_dir.h"

#include <string>
#include <system_error>

#include "sim/cli/diagnostics.h"

namespace twsim {

std::filesystem::path output_dir_of(const boost::program_options::variables_map& vm,
                                    const ExperimentConfig& config) {
  if (vm.count("output")) return std::filesystem::path(vm["output"].as<std::string>());
  return std::filesystem::path("results") / config.name;
}

bool create_output_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!ec) return true;
  print_error(dir.string() + ": cannot create output directory: " + ec.message());
  return false;
}

}  // namespace twsim
