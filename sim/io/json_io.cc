// The experiment reader's entry points: file -> document -> --set -> checks
// -> one Point per sweep combination. The pieces live beside it:
// json_document (parsing), json_check (per-value checks), config_schema (the
// key table), scenario_json, sweep and overrides.
#include "sim/io/json_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

#include "sim/io/config_schema.h"
#include "sim/io/json_check.h"
#include "sim/io/json_document.h"
#include "sim/io/overrides.h"
#include "sim/io/scenario_json.h"
#include "sim/io/sweep.h"

namespace twsim {
namespace {

// A config is a few kilobytes; refusing big inputs keeps /dev/zero or a
// results file given by mistake from eating memory.
constexpr std::size_t kMaxFileBytes = 16u << 20;
constexpr std::size_t kMaxNameLength = 100;

constexpr Word<Algorithm> kAlgorithmWords[] = {{"old", Algorithm::kOld},
                                               {"new", Algorithm::kNew},
                                               {"single-pass", Algorithm::kSinglePass},
                                               {"exit-test", Algorithm::kExitTest}};

std::string read_file(const std::string& path) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"),
                                                          &std::fclose);
  if (!f) throw InputError(path, "", std::string("cannot read: ") + std::strerror(errno));
  std::string text;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    text.append(buf, n);
    if (text.size() > kMaxFileBytes) {
      throw InputError(path, "", "cannot read: over 16 MiB, too large for a config");
    }
  }
  if (std::ferror(f.get())) {
    throw InputError(path, "", std::string("cannot read: ") + std::strerror(errno));
  }
  return text;
}

// The name becomes a directory, results/<name>/: keep it one plain path part.
void check_name(const Node& n) {
  const std::string& s = as_string(n);
  if (s.empty()) n.fail("must not be empty");
  if (s.size() > kMaxNameLength) {
    n.fail("must be at most " + std::to_string(kMaxNameLength) + " characters");
  }
  for (const char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) n.fail("must contain only letters, digits, '.', '_' and '-'");
  }
  if (s == "." || s == "..") n.fail("must not be '.' or '..'");
}

}  // namespace

std::optional<Algorithm> algorithm_named(std::string_view name) {
  for (const Word<Algorithm>& w : kAlgorithmWords) {
    if (name == w.name) return w.value;
  }
  return std::nullopt;
}

namespace {

std::vector<Algorithm> read_algorithms(const Node& n) {
  require_array(n, R"(an array of "old", "new", "single-pass", "exit-test")");
  if (n.value().empty()) n.fail("must not be empty");
  std::vector<Algorithm> out;
  for (std::size_t i = 0; i < n.value().size(); ++i) {
    const Algorithm a = as_word(n.element(i), kAlgorithmWords);
    for (const Algorithm b : out) {
      if (a == b) n.element(i).fail("is listed twice");
    }
    out.push_back(a);
  }
  return out;
}

// A swept value as Point::params holds it: JSON as written, except that an
// integer key's 64.0 reads 64.
std::string param_text(const Json& v, KeyType type) {
  if (type == KeyType::kInteger && v.is_number_float()) {
    return std::to_string(static_cast<long long>(v.get<double>()));
  }
  return json_dump(v);
}

// Sets the scenario key `key` ("machine.cpus", "horizon_s") in `doc`; returns
// its pointer. REQUIRES: doc's sections passed read_scenario.
std::string set_key(Json* doc, const std::string& key, const Json& value) {
  const std::size_t dot = key.find('.');
  if (dot == std::string::npos) {
    (*doc)[key] = value;
    return "/" + key;
  }
  const std::string section = key.substr(0, dot), field = key.substr(dot + 1);
  if (!doc->contains(section)) (*doc)[section] = Json::object();
  (*doc)[section][field] = value;
  return "/" + section + "/" + field;
}

std::vector<Point> expand_points(const Json& doc, const Sweep& sweep, const Locator& at) {
  // The scenario part of the document, onto which each point's values go.
  Json base = Json::object();
  for (const auto& [key, value] : doc.items()) {
    const ConfigKey* k = find_config_key(key);
    if (k != nullptr && (k->type == KeyType::kSection || is_scenario_key(*k))) {
      base[key] = value;
    }
  }
  std::vector<Point> points(sweep.points);
  for (std::size_t p = 0; p < sweep.points; ++p) {
    const std::vector<std::size_t> index = sweep.point(p);
    Json scenario = base;
    Locator point_at = at;
    Point& point = points[p];
    std::string label;  // "machine.cpus=16, kernel.preempt=full", for errors within the point
    for (std::size_t j = 0; j < sweep.lists.size(); ++j) {
      const SweepList& list = sweep.lists[j];
      const Json& value = list.values[index[j]];
      point_at.add_swept(set_key(&scenario, list.key, value), list.origins[index[j]]);
      point.params.emplace_back(list.key, param_text(value, list.type));
      label += (label.empty() ? "" : ", ") + list.key + "=" +
               (value.is_string() ? value.get<std::string>() : point.params.back().second);
    }
    point.label = sweep.label(p);
    point_at.set_point(label);
    point.scenario =
        read_scenario(Node(&scenario, "", &point_at), /*between_fields=*/true).scenario;
    point.resolved_json = scenario_to_json(point.scenario);
  }
  return points;
}

// At most this many runs per experiment (their results are held in memory).
constexpr double kMaxRuns = 1e7;

}  // namespace

ExperimentConfig parse_experiment(const std::string& text, const std::string& file_label,
                                  const std::vector<std::string>& overrides) {
  Json doc = parse_json_document(text, file_label);
  if (!doc.is_object()) {
    throw InputError(file_label, "", "the top level must be a JSON object, got " + json_text(doc));
  }
  Locator at(file_label);
  apply_overrides(overrides, &doc, &at);

  ExperimentConfig config;
  config.source_file = file_label;
  const Node root(&doc, "", &at);
  const Fields top(root, "");
  if (top.has("name")) check_name(top.field("name"));
  top.text("name", &config.name);
  top.text("description", &config.description);
  if (top.has("seed")) config.seed = as_uint64(top.field("seed"));
  // <= 10^5: a point file (~1 KB a run, two algorithms) stays far under the 1 GiB
  // the resume and merge readers accept (point_store.cc).
  top.integer("replications", 1, 100'000, &config.replications);
  if (top.has("algorithms")) config.algorithms = read_algorithms(top.field("algorithms"));
  const ScenarioRead base = read_scenario(root, /*between_fields=*/false);
  const Sweep sweep = read_sweep(top.field("sweep"), root);

  config.points = expand_points(doc, sweep, at);
  // Every run's results stay in memory until the result files are written
  // (~300 bytes each): bound the total.
  const double runs = static_cast<double>(config.points.size()) *
                      static_cast<double>(config.algorithms.size()) * config.replications;
  if (runs > kMaxRuns) {
    top.field("replications")
        .fail_got("points x algorithms x replications must be <= " +
                      std::to_string(static_cast<long long>(kMaxRuns)) + " runs",
                  std::to_string(config.points.size()) + " x " +
                      std::to_string(config.algorithms.size()) + " x " +
                      std::to_string(config.replications) + " = " + number_text(runs));
  }
  for (const SweepList& list : sweep.lists) config.swept.push_back(list.key);
  config.labelled = !sweep.zip_labels.empty();

  // The experiment as run: every key, defaults filled in, in schema order.
  Json resolved = Json::object();
  resolved["name"] = config.name;
  resolved["description"] = config.description;
  resolved["seed"] = config.seed;
  resolved["replications"] = config.replications;
  resolved["algorithms"] = Json::array();
  for (const Algorithm a : config.algorithms) resolved["algorithms"].push_back(to_string(a));
  const Json scenario = scenario_object(base);
  for (const auto& [key, value] : scenario.items()) resolved[key] = value;
  if (doc.contains("sweep")) resolved["sweep"] = doc["sweep"];
  config.resolved_json = json_dump(resolved);
  return config;
}

ExperimentConfig load_experiment(const std::string& path,
                                 const std::vector<std::string>& overrides) {
  return parse_experiment(read_file(path), path, overrides);
}

}  // namespace twsim
