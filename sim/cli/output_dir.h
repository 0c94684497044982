// The directory a command writes its results into.
#ifndef TWSIM_CLI_OUTPUT_DIR_H_
#define TWSIM_CLI_OUTPUT_DIR_H_

#include <boost/program_options/variables_map.hpp>
#include <filesystem>

#include "sim/io/config.h"

namespace twsim {

// -o/--output if the command line gives one, else results/<experiment name>/.
std::filesystem::path output_dir_of(const boost::program_options::variables_map& vm,
                                    const ExperimentConfig& config);

// Creates `dir` and its parents. If that fails, reports
// "DIR: cannot create output directory: <reason>" and returns false.
bool create_output_dir(const std::filesystem::path& dir);

}  // namespace twsim

#endif  // TWSIM_CLI_OUTPUT_DIR_H_
