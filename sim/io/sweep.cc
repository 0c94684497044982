#include "sim/io/sweep.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

#include "sim/io/spelling.h"

namespace twsim {
namespace {

// Bounds on log/range ends: beyond any field's range, and small enough that
// integer arithmetic in double stays exact.
constexpr double kMaxEnd = 1e15;

// A generated value as JSON. Floats are tidied to 15 significant digits so
// that 0.1 + 2 x 0.1 gives 0.3, not 0.30000000000000004.
Json generated(double x, bool integer_key) {
  if (integer_key) return Json(static_cast<std::int64_t>(std::llround(x)));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", x);
  const double tidy = std::strtod(buf, nullptr);
  if (tidy == std::floor(tidy)) return Json(static_cast<std::int64_t>(tidy));
  return Json(tidy);
}

void push_generated(SweepList* list, const Node& spec, double x) {
  Json v = generated(x, list->type == KeyType::kInteger);
  if (!list->values.empty() && list->values.back() == v) return;  // rounding made a repeat
  list->values.push_back(std::move(v));
  list->origins.push_back(spec.pointer());
}

// Checks that `key` may be swept, given the lists read so far.
void check_key(const Node& n, const std::string& key, const Sweep& sweep, const Node& root) {
  const ConfigKey* k = find_config_key(key);
  if (k == nullptr) {
    const std::vector<std::string_view> known = scenario_keys();
    std::string guess = closest_spelling(key, known);
    const std::string_view home = section_with_field(key);
    if (guess.empty() && !home.empty()) guess = std::string(home) + "." + key;
    n.fail_bare(guess.empty() ? "unknown key; sweep keys are scenario keys such as machine.cpus"
                              : "unknown key; did you mean '" + guess + "'?");
  }
  if (k->type == KeyType::kSection) {
    n.fail_bare("cannot sweep a whole section; name one of its keys, such as '" + key + "." +
                std::string(keys_of(key).front()) + "'");
  }
  if (!is_scenario_key(*k)) n.fail_bare("cannot be swept; only scenario keys such as machine.cpus");
  for (std::size_t i = 0; i < sweep.lists.size(); ++i) {
    if (sweep.lists[i].key == key) n.fail_bare("already swept in sweep.grid");
  }
  // The worker count is given one way: a fixed count or a factor of cpus.
  const std::string other = key == "io_wq.workers"           ? "workers_per_cpu"
                            : key == "io_wq.workers_per_cpu" ? "workers"
                                                             : "";
  if (other.empty()) return;
  for (const SweepList& l : sweep.lists) {
    if (l.key == "io_wq." + other) n.fail_bare("cannot be swept together with io_wq." + other);
  }
  if (root.child("io_wq").child(other).present()) {
    n.fail_bare("cannot be swept while /io_wq/" + other + " is given; remove one of them");
  }
}

// An explicit list: [v0, v1, ...].
void read_array(const Node& n, SweepList* list) {
  const Json& v = n.value();
  if (v.empty()) n.fail("must not be empty");
  if (v.size() > kMaxSweepValues) {
    n.fail_got("must have at most " + std::to_string(kMaxSweepValues) + " values",
               std::to_string(v.size()) + " values");
  }
  // Equal numbers (64 and 64.0) must compare equal, so numbers key by value.
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const Json& e = v[i];
    const std::string id = e.is_number() ? number_text(e.get<double>()).append("#") : json_dump(e);
    const auto [it, fresh] = seen.emplace(id, i);
    if (!fresh) {
      n.element(i).fail("is already in the list at index " + std::to_string(it->second));
    }
    list->values.push_back(e);
    list->origins.push_back(n.element(i).pointer());
  }
}

// {"log": [lo, hi], "points": n}: n geometric points from lo to hi.
void read_log(const Node& n, SweepList* list) {
  static constexpr std::string_view kKeys[] = {"log", "points"};
  const Fields spec(n, kKeys);
  const Node ends = spec.field("log");
  if (!ends.value().is_array() || ends.value().size() != 2) ends.fail("must be [lo, hi]");
  const double lo = as_number(ends.element(0), above(0), kMaxEnd);
  const double hi = as_number(ends.element(1), above(0), kMaxEnd);
  if (hi < lo) ends.element(1).fail("must be >= lo (" + number_text(lo) + ")");
  if (!spec.has("points")) n.fail("needs \"points\", how many values from lo to hi");
  const std::int64_t count =
      as_integer(spec.field("points"), 2, static_cast<std::int64_t>(kMaxSweepValues));
  for (std::int64_t i = 0; i < count; ++i) {
    // Ends exactly as written; between them lo * (hi/lo)^(i/(count-1)).
    const double t = static_cast<double>(i) / static_cast<double>(count - 1);
    const double x = i == 0 ? lo : i == count - 1 ? hi : lo * std::pow(hi / lo, t);
    push_generated(list, n, x);
  }
}

// {"range": [lo, hi, step]}: lo, lo + step, ... up to hi.
void read_range(const Node& n, SweepList* list) {
  static constexpr std::string_view kKeys[] = {"range"};
  const Fields spec(n, kKeys);
  const Node r = spec.field("range");
  if (!r.value().is_array() || r.value().size() != 3) r.fail("must be [lo, hi, step]");
  const double lo = as_number(r.element(0), at_least(-kMaxEnd), kMaxEnd);
  const double hi = as_number(r.element(1), at_least(-kMaxEnd), kMaxEnd);
  const double step = as_number(r.element(2), above(0), kMaxEnd);
  const bool integer_key = list->type == KeyType::kInteger;
  if (integer_key) {
    for (std::size_t i = 0; i < 3; ++i) {
      const double x = r.value()[i].get<double>();
      if (x != std::floor(x)) r.element(i).fail("must be an integer, as " + list->key + " is");
    }
  }
  if (hi < lo) r.element(1).fail("must be >= lo (" + number_text(lo) + ")");
  // Integers count exactly; floats allow hi to be missed by rounding
  // ([0.1, 0.3, 0.1] ends at 0.3).
  const auto whole = [](double v) { return static_cast<std::int64_t>(v); };
  const double steps = integer_key ? static_cast<double>((whole(hi) - whole(lo)) / whole(step))
                                   : std::floor((hi - lo) / step + 1e-9);
  if (steps + 1 > static_cast<double>(kMaxSweepValues)) {
    r.fail("must give at most " + std::to_string(kMaxSweepValues) + " values");
  }
  for (std::int64_t i = 0; i <= static_cast<std::int64_t>(steps); ++i) {
    push_generated(list, n, lo + static_cast<double>(i) * step);
  }
}

SweepList read_list(const Node& n, const std::string& key) {
  SweepList list{key, find_config_key(key)->type, {}, {}};
  const bool numeric = list.type == KeyType::kInteger || list.type == KeyType::kNumber;
  const Json& v = n.value();
  if (v.is_array()) {
    read_array(n, &list);
  } else if (numeric && v.is_object() && v.contains("log")) {
    read_log(n, &list);
  } else if (numeric && v.is_object() && v.contains("range")) {
    read_range(n, &list);
  } else if (numeric) {
    n.fail(
        R"(must be a list of values, {"log": [lo, hi], "points": n} or {"range": [lo, hi, step]})");
  } else {
    n.fail("must be a list of values");
  }
  return list;
}

// sweep.zip.label: one distinct, non-empty string per zip row.
std::vector<std::string> read_zip_labels(const Node& n, const Sweep& sweep) {
  if (sweep.lists.size() == sweep.grid_lists) {
    n.fail_bare("names the zip's rows, but the zip has no list to name");
  }
  const SweepList& first = sweep.lists[sweep.grid_lists];
  const Json& v = n.value();
  if (!v.is_array()) n.fail("must be a list of names, one per zip row");
  if (v.size() != first.values.size()) {
    n.fail_got("must have as many names as " + first.key + " has values (" +
                   std::to_string(first.values.size()) + ")",
               std::to_string(v.size()));
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string() || v[i].get<std::string>().empty()) {
      n.element(i).fail("must be a non-empty string");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (out[j] == v[i].get<std::string>()) {
        n.element(i).fail("is already in the list at index " + std::to_string(j));
      }
    }
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

}  // namespace

const std::string& Sweep::label(std::size_t p) const {
  static const std::string kNone;
  if (zip_labels.empty()) return kNone;
  return zip_labels[p % zip_labels.size()];
}

std::vector<std::size_t> Sweep::point(std::size_t p) const {
  std::vector<std::size_t> index(lists.size());
  if (lists.size() > grid_lists) {
    const std::size_t rows = lists[grid_lists].values.size();
    for (std::size_t j = grid_lists; j < lists.size(); ++j) index[j] = p % rows;
    p /= rows;
  }
  for (std::size_t j = grid_lists; j-- > 0;) {
    const std::size_t n = lists[j].values.size();
    index[j] = p % n;
    p /= n;
  }
  return index;
}

Sweep read_sweep(const Node& sweep_node, const Node& root) {
  Sweep sweep;
  if (!sweep_node.present()) return sweep;
  static constexpr std::string_view kParts[] = {"grid", "zip"};
  const Fields parts(sweep_node, kParts);
  for (const std::string_view part : kParts) {
    const Node lists = parts.field(part);
    if (lists.present()) {
      if (!lists.value().is_object()) lists.fail("must be an object of KEY: list");
      std::size_t first_zip = 0;  // index in sweep.lists + 1; 0 until the first zip list
      for (const auto& [key, value] : lists.value().items()) {
        if (part == "zip" && key == "label") continue;  // read once the lists are known
        const Node n = lists.child(key);
        check_key(n, key, sweep, root);
        SweepList list = read_list(n, key);
        if (part == "zip" && first_zip != 0) {
          const SweepList& first = sweep.lists[first_zip - 1];
          if (list.values.size() != first.values.size()) {
            n.fail_got("must have as many values as " + first.key + " (" +
                           std::to_string(first.values.size()) + ")",
                       std::to_string(list.values.size()));
          }
        }
        sweep.lists.push_back(std::move(list));
        if (part == "zip" && first_zip == 0) first_zip = sweep.lists.size();
      }
    }
    if (part == "grid") sweep.grid_lists = sweep.lists.size();
    if (part == "zip" && lists.present() && lists.value().contains("label")) {
      sweep.zip_labels = read_zip_labels(lists.child("label"), sweep);
    }
  }
  // Count in double: a big grid could overflow size_t.
  double points = 1;
  for (std::size_t j = 0; j < sweep.grid_lists; ++j) points *= sweep.lists[j].values.size();
  if (sweep.lists.size() > sweep.grid_lists) points *= sweep.lists[sweep.grid_lists].values.size();
  if (points > static_cast<double>(kMaxSweepPoints)) {
    sweep_node.fail_got("must give at most " + std::to_string(kMaxSweepPoints) + " points",
                        number_text(points) + " points");
  }
  sweep.points = static_cast<std::size_t>(points);
  return sweep;
}

}  // namespace twsim
