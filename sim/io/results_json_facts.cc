#include "sim/io/results_json_facts.h"

#include "sim/io/input_error.h"
#include "sim/io/json_document.h"

namespace twsim {
namespace {

[[noreturn]] void not_results(const std::string& label, const std::string& why) {
  throw InputError(label, "", "not a twsim results.json (" + why + ")");
}

const Json& member(const Json& object, const char* key, const std::string& label) {
  if (!object.is_object() || !object.contains(key)) {
    not_results(label, std::string("no \"") + key + "\"");
  }
  return object[key];
}

std::string text(const Json& object, const char* key, const std::string& label) {
  const Json& v = member(object, key, label);
  if (!v.is_string()) not_results(label, std::string("\"") + key + "\" is not a string");
  return v.get<std::string>();
}

}  // namespace

ResultsJsonFacts read_results_json_facts(std::string_view json, const std::string& label) {
  const std::optional<Json> doc = try_parse_json(json);
  if (!doc) not_results(label, "not valid JSON");
  if (!doc->is_object()) not_results(label, "not a JSON object");
  ResultsJsonFacts f;
  const Json& build = member(*doc, "twsim", label);
  f.version = text(build, "version", label);
  f.git_commit = text(build, "git_commit", label);
  f.build_type = text(build, "build_type", label);
  if (build.contains("source_hash") && build["source_hash"].is_string()) {
    f.source_hash = build["source_hash"].get<std::string>();
  }
  f.host = text(*doc, "host", label);
  f.config_file = text(*doc, "config_file", label);
  f.name = text(*doc, "name", label);
  f.config_hash = text(*doc, "config_hash", label);
  const Json& config = member(*doc, "config", label);
  if (!config.is_object()) not_results(label, "\"config\" is not an object");
  f.config_json = json_dump(config);
  if (config.contains("description") && config["description"].is_string()) {
    f.description = config["description"].get<std::string>();
  }
  const Json& seed = member(*doc, "seed", label);
  if (!seed.is_number_integer()) not_results(label, "\"seed\" is not an integer");
  f.seed = seed.dump();
  const Json& replications = member(*doc, "replications", label);
  if (!replications.is_number_integer()) not_results(label, "\"replications\" is not an integer");
  f.replications = replications.get<long long>();
  const Json& algorithms = member(*doc, "algorithms", label);
  if (!algorithms.is_array()) not_results(label, "\"algorithms\" is not an array");
  for (const Json& a : algorithms) {
    if (!a.is_string()) not_results(label, "\"algorithms\" holds a non-string");
    f.algorithms.push_back(a.get<std::string>());
  }
  const Json& points = member(*doc, "points", label);
  if (!points.is_array()) not_results(label, "\"points\" is not an array");
  f.points = points.size();
  if (doc->contains("run") && (*doc)["run"].is_object()) {
    const Json& run = (*doc)["run"];
    if (run.contains("wall_time_s") && run["wall_time_s"].is_number()) {
      f.wall_time_s = run["wall_time_s"].get<double>();
    }
    if (run.contains("runs") && run["runs"].is_number_integer()) {
      f.runs = run["runs"].get<long long>();
    }
    if (run.contains("events") && run["events"].is_number_integer()) {
      f.events = run["events"].get<long long>();
    }
  }
  return f;
}

}  // namespace twsim
