// What the report page (`twsim report`) takes from a results directory's
// results.json (layout in results_json.h): the experiment's name and
// description, the resolved config to re-simulate a run from, and provenance.
#ifndef TWSIM_IO_RESULTS_JSON_FACTS_H_
#define TWSIM_IO_RESULTS_JSON_FACTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twsim {

struct ResultsJsonFacts {
  std::string name;
  std::string description;  // the config's; "" when it has none
  std::string config_file;
  std::string config_json;  // the resolved config: parse_experiment reads it back
  std::string config_hash;
  std::string seed;  // as JSON writes it (a uint64 in full)
  long long replications = 0;
  std::vector<std::string> algorithms;
  std::size_t points = 0;
  // "twsim": the build that wrote the results.
  std::string version, git_commit, source_hash, build_type;
  std::string host;
  // "run" (left out by some writers): wall-clock facts.
  std::optional<double> wall_time_s;
  std::optional<long long> runs, events;
};

// Reads results.json text; `label` names it in errors. Throws InputError
// ("LABEL: not a twsim results.json (...)") for anything that lacks the
// members above.
ResultsJsonFacts read_results_json_facts(std::string_view text, const std::string& label);

}  // namespace twsim

#endif  // TWSIM_IO_RESULTS_JSON_FACTS_H_
