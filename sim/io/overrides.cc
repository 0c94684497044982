#include "sim/io/overrides.h"

#include <string_view>

#include "sim/io/config_schema.h"
#include "sim/io/input_error.h"

namespace twsim {
namespace {

// Where one override goes: the member names from the root, and the key's type
// (nullptr for the sweep and its parts, which take any JSON).
struct Target {
  std::vector<std::string> path;
  const ConfigKey* key = nullptr;
  std::string pointer() const {
    std::string p;
    for (const std::string& s : path) p.append("/").append(pointer_token(s));
    return p;
  }
};

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      out.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string_view trim(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

[[noreturn]] void unknown(const Target& t, std::string problem) {
  throw InputError(kOverrideFile, printable(t.pointer()), std::move(problem));
}

// "sweep", "sweep.grid", "sweep.grid.machine.cpus" (the sweep key keeps its dots).
Target sweep_target(std::string_view key) {
  static constexpr std::string_view kParts[] = {"grid", "zip"};
  if (key == "sweep") return Target{{"sweep"}};
  const std::string_view rest = key.substr(6);  // after "sweep."
  const std::size_t dot = rest.find('.');
  const std::string part(rest.substr(0, dot));
  Target t{{"sweep", part}};
  if (part != "grid" && part != "zip") unknown(t, unknown_key_problem(part, kParts, std::nullopt));
  if (dot != std::string_view::npos) t.path.emplace_back(rest.substr(dot + 1));
  return t;
}

Target resolve(std::string_view key) {
  if (key == "sweep" || key.rfind("sweep.", 0) == 0) return sweep_target(key);
  const std::vector<std::string> names = split(key, '.');
  Target t{{names[0]}};
  t.key = find_config_key(names[0]);
  if (t.key == nullptr) unknown(t, unknown_key_problem(names[0], keys_of(""), ""));
  if (names.size() == 1) return t;
  t.path.push_back(names[1]);
  if (t.key->type != KeyType::kSection) {
    unknown(t, "unknown key; " + names[0] + " has no keys inside it");
  }
  t.key = find_config_key(names[0] + "." + names[1]);
  if (t.key == nullptr) unknown(t, unknown_key_problem(names[1], keys_of(names[0]), names[0]));
  if (names.size() > 2) {
    t.path.push_back(names[2]);
    unknown(t, "unknown key; " + names[0] + "." + names[1] + " has no keys inside it");
  }
  return t;
}

// VALUE as JSON if it is JSON; for string-valued keys, the text itself unless
// it is a quoted JSON string (so that name=2024 is the name "2024").
Json parse_value(std::string_view text, const Target& t) {
  const bool wants_string =
      t.key != nullptr && (t.key->type == KeyType::kString || t.key->type == KeyType::kWord);
  if (!wants_string || text.starts_with('"')) {
    std::optional<Json> v = try_parse_json(text);
    if (v && (!wants_string || v->is_string())) return std::move(*v);
  }
  Json s = std::string(text);
  try {
    (void)s.dump();  // the command line may hold bytes that are not UTF-8
  } catch (const Json::type_error&) {
    throw InputError(kOverrideFile, printable(t.pointer()), "must be valid UTF-8");
  }
  return s;
}

// Drops `key` from the sweep's grid and zip, if it is there.
void unsweep(Json* doc, const std::string& key) {
  const auto sweep = doc->find("sweep");
  if (sweep == doc->end() || !sweep->is_object()) return;
  for (const char* part : {"grid", "zip"}) {
    const auto lists = sweep->find(part);
    if (lists != sweep->end()) erase_member(&*lists, key);
  }
}

void apply(const std::string& override, Json* doc, Locator* at) {
  const std::size_t eq = override.find('=');
  const std::string_view key = trim(std::string_view(override).substr(0, eq));
  if (eq == std::string::npos || key.empty()) {
    throw InputError(kOverrideFile, "", "must be KEY=VALUE, got " + json_text(Json(override)));
  }
  const Target t = resolve(key);
  Json value = parse_value(std::string_view(override).substr(eq + 1), t);

  // Walk down, creating missing objects. A member that is there but is not an
  // object is the file's error; report it as such.
  Json* cur = doc;
  std::string pointer;
  for (std::size_t i = 0; i + 1 < t.path.size(); ++i) {
    pointer.append("/").append(pointer_token(t.path[i]));
    if (!cur->contains(t.path[i])) (*cur)[t.path[i]] = Json::object();
    cur = &(*cur)[t.path[i]];
    if (!cur->is_object()) Node(cur, pointer, at).fail("must be an object");
  }
  (*cur)[t.path.back()] = std::move(value);
  at->add_override(t.pointer());

  if (t.key == nullptr || !is_scenario_key(*t.key)) return;
  // A pinned key is no longer swept; a worker count given one way replaces
  // the other way.
  const std::string dotted(t.key->path);
  unsweep(doc, dotted);
  const std::string other = dotted == "io_wq.workers"           ? "workers_per_cpu"
                            : dotted == "io_wq.workers_per_cpu" ? "workers"
                                                                : "";
  if (!other.empty()) {
    erase_member(cur, other);
    unsweep(doc, "io_wq." + other);
  }
}

}  // namespace

void apply_overrides(const std::vector<std::string>& overrides, Json* doc, Locator* at) {
  for (const std::string& o : overrides) apply(o, doc, at);
}

}  // namespace twsim
