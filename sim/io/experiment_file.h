// experiment.json in a results directory: which experiment the points/ files
// there belong to, so that `twsim merge` can rebuild the experiment from the
// shards alone and refuse to mix different ones. Layout:
//   {"format": "twsim-experiment/1", "twsim": "VERSION (COMMIT)",
//    "config_file": "configs/x.json", "shard": "0/4" or null,
//    "config": <ExperimentConfig::resolved_json, the experiment after --set>}
// "config" is itself a complete experiment document: parse_experiment reads
// it back into the same points.
#ifndef TWSIM_IO_EXPERIMENT_FILE_H_
#define TWSIM_IO_EXPERIMENT_FILE_H_

#include <string>
#include <string_view>

namespace twsim {

struct ExperimentFile {
  std::string twsim;        // "VERSION (COMMIT)" of the binary that wrote it
  std::string config_file;  // ExperimentConfig::source_file
  std::string shard;        // "I/N", or "" for a whole run or a merge
  std::string config_json;  // ExperimentConfig::resolved_json (canonical JSON text)
};

// The file's text, "\n"-terminated.
std::string experiment_file_text(const ExperimentFile& file);

// Reads experiment.json text; `label` names it in errors. Throws InputError
// ("LABEL: not a twsim experiment.json ...") for anything else.
ExperimentFile read_experiment_file(std::string_view text, const std::string& label);

// The JSON pointer of the first place where two JSON texts differ, in a's
// member order: "/machine/cpus", or "" when they differ as a whole (one does
// not parse, or they are of different types); "(none)" when they are equal.
std::string first_json_difference(std::string_view a, std::string_view b);

}  // namespace twsim

#endif  // TWSIM_IO_EXPERIMENT_FILE_H_
