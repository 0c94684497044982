#include "sim/io/experiment_file.h"

#include <optional>

#include "sim/io/input_error.h"
#include "sim/io/json_document.h"

namespace twsim {
namespace {

constexpr const char* kFormat = "twsim-experiment/1";

std::string text_member(const Json& doc, const char* key, const std::string& label) {
  if (!doc.contains(key) || !doc[key].is_string()) {
    throw InputError(label, std::string("/") + key, "must be a string");
  }
  return doc[key].get<std::string>();
}

// The pointer of the first difference between a and b, depth first in a's
// member order; "" if the values differ as a whole.
std::optional<std::string> difference(const Json& a, const Json& b, const std::string& at) {
  if (a == b) return std::nullopt;
  if (a.is_object() && b.is_object()) {
    for (const auto& [key, value] : a.items()) {
      const std::string here = at + "/" + pointer_token(key);
      if (!b.contains(key)) return here;
      if (auto d = difference(value, b[key], here)) return d;
    }
    for (const auto& [key, value] : b.items()) {
      if (!a.contains(key)) return at + "/" + pointer_token(key);
    }
  } else if (a.is_array() && b.is_array()) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
      if (auto d = difference(a[i], b[i], at + "/" + std::to_string(i))) return d;
    }
  }
  return at;
}

}  // namespace

std::string experiment_file_text(const ExperimentFile& file) {
  const std::optional<Json> config = try_parse_json(file.config_json);
  const Json doc{{"format", kFormat},
                 {"twsim", file.twsim},
                 {"config_file", file.config_file},
                 {"shard", file.shard.empty() ? Json(nullptr) : Json(file.shard)},
                 {"config", config ? *config : Json(file.config_json)}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

ExperimentFile read_experiment_file(std::string_view text, const std::string& label) {
  const std::optional<Json> doc = try_parse_json(text);
  if (!doc || !doc->is_object() || !doc->contains("format") || (*doc)["format"] != Json(kFormat)) {
    throw InputError(label, "",
                     std::string("not a twsim experiment.json (format ") + kFormat + ")");
  }
  ExperimentFile f;
  f.twsim = text_member(*doc, "twsim", label);
  f.config_file = text_member(*doc, "config_file", label);
  if (doc->contains("shard") && (*doc)["shard"].is_string()) {
    f.shard = (*doc)["shard"].get<std::string>();
  }
  if (!doc->contains("config") || !(*doc)["config"].is_object()) {
    throw InputError(label, "/config", "must be an object (the resolved experiment)");
  }
  f.config_json = json_dump((*doc)["config"]);
  return f;
}

std::string first_json_difference(std::string_view a, std::string_view b) {
  const std::optional<Json> ja = try_parse_json(a), jb = try_parse_json(b);
  if (!ja || !jb) return a == b ? "(none)" : "";
  return difference(*ja, *jb, "").value_or("(none)");
}

}  // namespace twsim
