// The directory a command writes its results into.
#ifndef TWSIM_CLI_OUTPUT_DIR_H_
#define TWSIM_CLI_OUTPUT_DIR_H_

#include <boost/program_options/variables_map.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/config.h"

namespace twsim {

// -o/--output if the command line gives one, else results/<experiment name>/.
std::filesystem::path output_dir_of(const boost::program_options::variables_map& vm,
                                    const ExperimentConfig& config);

// Creates `dir` and its parents. If that fails, reports
// "DIR: cannot create output directory: <reason>" and returns false.
bool create_output_dir(const std::filesystem::path& dir);

// create_output_dir, then checks that the directory is writable ("DIR: output
// directory is not writable"), so that a bad -o fails before any simulation.
bool prepare_output_dir(const std::filesystem::path& dir);

// Checks, before any work, that `command`'s `option` FILE can be written:
// its directory exists and is writable, it is not a directory, and it is not
// one of `protected_files` (the config read, the result files of the run).
// Reports one line ("run: --trace FILE: ...") and returns false otherwise.
bool check_output_file(const std::string& command, const std::string& option,
                       const std::filesystem::path& file,
                       const std::vector<std::filesystem::path>& protected_files);

// The files twsim writes in a results directory (whether or not they exist).
std::vector<std::filesystem::path> result_files_of(const std::filesystem::path& dir);

}  // namespace twsim

#endif  // TWSIM_CLI_OUTPUT_DIR_H_
