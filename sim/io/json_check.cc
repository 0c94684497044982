#include "sim/io/json_check.h"

#include <charconv>
#include <cmath>

#include "sim/io/config_schema.h"
#include "sim/io/input_error.h"
#include "sim/io/spelling.h"

namespace twsim {
namespace {

// Whether `pointer` is `base` or inside it.
bool under(const std::string& pointer, const std::string& base) {
  return pointer.compare(0, base.size(), base) == 0 &&
         (pointer.size() == base.size() || pointer[base.size()] == '/');
}

std::string join(std::span<const std::string_view> words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

std::string at_least_text(std::int64_t lo) { return "must be >= " + std::to_string(lo); }
std::string at_most_text(std::int64_t hi) { return "must be <= " + std::to_string(hi); }

}  // namespace

void Locator::fail(const std::string& pointer, const std::string& problem) const {
  std::string where = pointer;
  bool at_swept_value = false;
  for (const auto& [swept_pointer, origin] : swept_) {
    if (under(pointer, swept_pointer)) {
      where = origin + pointer.substr(swept_pointer.size());
      at_swept_value = true;
      break;
    }
  }
  std::string file = file_;
  for (const std::string& o : overrides_) {
    if (under(where, o)) {
      file = kOverrideFile;
      break;
    }
  }
  std::string text = problem;
  if (!at_swept_value && !point_.empty()) text += "; at sweep point " + point_;
  throw InputError(file, printable(where), printable(text));
}

Node Node::child(std::string_view key) const {
  const std::string name(key);
  const Json* member = nullptr;
  if (present() && value_->is_object()) {
    const auto it = value_->find(name);
    if (it != value_->end()) member = &*it;
  }
  return Node(member, pointer_ + "/" + pointer_token(key), at_);
}

Node Node::element(std::size_t i) const {
  return Node(&(*value_)[i], pointer_ + "/" + std::to_string(i), at_);
}

void Node::fail(const std::string& problem, const std::string& hint) const {
  fail_got(problem, present() ? json_text(*value_) : "nothing", hint);
}

void Node::fail_got(const std::string& problem, const std::string& got,
                    const std::string& hint) const {
  at_->fail(pointer_, problem + ", got " + got + (hint.empty() ? "" : "; " + hint));
}

void Node::fail_bare(const std::string& problem) const { at_->fail(pointer_, problem); }

std::int64_t as_integer(const Node& n, std::int64_t lo, std::int64_t hi) {
  const Json& v = n.value();
  if (!v.is_number()) n.fail("must be an integer");
  if (v.is_number_float()) {
    // 1e5 and 192.0 are integers written as floats; accept them.
    const double d = v.get<double>();
    if (!std::isfinite(d)) n.fail("must be a finite number");
    if (d != std::floor(d)) n.fail("must be an integer");
    if (d < static_cast<double>(lo)) n.fail(at_least_text(lo));
    if (d > static_cast<double>(hi)) n.fail(at_most_text(hi));
    return static_cast<std::int64_t>(d);
  }
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (hi < 0 || u > static_cast<std::uint64_t>(hi)) n.fail(at_most_text(hi));
    if (static_cast<std::int64_t>(u) < lo) n.fail(at_least_text(lo));
    return static_cast<std::int64_t>(u);
  }
  const auto i = v.get<std::int64_t>();
  if (i < lo) n.fail(at_least_text(lo));
  if (i > hi) n.fail(at_most_text(hi));
  return i;
}

std::uint64_t as_uint64(const Node& n) {
  const Json& v = n.value();
  if (!v.is_number()) n.fail("must be an integer");
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if (i < 0) n.fail(at_least_text(0));
    return static_cast<std::uint64_t>(i);
  }
  const double d = v.get<double>();
  if (!std::isfinite(d)) n.fail("must be a finite number");
  if (d != std::floor(d)) n.fail("must be an integer");
  if (d < 0) n.fail(at_least_text(0));
  if (d >= 18446744073709551616.0) n.fail("must be <= 18446744073709551615");
  return static_cast<std::uint64_t>(d);
}

double as_number(const Node& n, Floor lo, double hi) {
  const Json& v = n.value();
  if (!v.is_number()) n.fail("must be a number");
  const double d = v.get<double>();
  if (!std::isfinite(d)) n.fail("must be a finite number");
  if (lo.strict ? d <= lo.value : d < lo.value) {
    n.fail(std::string(lo.strict ? "must be > " : "must be >= ") + number_text(lo.value));
  }
  if (d > hi) n.fail("must be <= " + number_text(hi));
  return d;
}

bool as_bool(const Node& n) {
  if (!n.value().is_boolean()) n.fail("must be true or false");
  return n.value().get<bool>();
}

const std::string& as_string(const Node& n) {
  if (!n.value().is_string()) n.fail("must be a string");
  return n.value().get_ref<const std::string&>();
}

void require_object(const Node& n) {
  if (!n.value().is_object()) n.fail("must be an object");
}

void require_array(const Node& n, std::string_view what) {
  if (!n.value().is_array()) n.fail("must be " + std::string(what));
}

std::size_t as_word_index(const Node& n, std::span<const std::string_view> words) {
  const std::string problem = "must be one of " + join(words);
  if (!n.value().is_string()) n.fail(problem);
  const std::string& s = n.value().get_ref<const std::string&>();
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == s) return i;
  }
  const std::string guess = closest_spelling(s, words);
  n.fail(problem, guess.empty() ? "" : "did you mean '" + guess + "'?");
}

std::string unknown_key_problem(std::string_view key, std::span<const std::string_view> known,
                                std::optional<std::string_view> section) {
  if (section && !section->empty()) {
    const std::string_view note = retired_key_note(std::string(*section) + "." + std::string(key));
    if (!note.empty()) return "no longer a key: " + std::string(note);
  }
  const std::string guess = closest_spelling(key, known);
  if (!guess.empty()) return "unknown key; did you mean '" + guess + "'?";
  if (section) {
    const std::string_view home = section_with_field(key);
    if (!home.empty() && home != *section) {
      return "unknown key; it belongs in \"" + std::string(home) + "\"";
    }
    const ConfigKey* dotted = section->empty() ? find_config_key(key) : nullptr;
    if (dotted != nullptr && key.find('.') != std::string_view::npos) {
      const std::size_t dot = key.find('.');
      return "unknown key; write it as \"" + std::string(key.substr(0, dot)) + "\": {\"" +
             std::string(key.substr(dot + 1)) + "\": ...}";
    }
  }
  return "unknown key (known: " + join(known) + ")";
}

std::string number_text(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, result.ptr);
}

Fields::Fields(Node node, std::string_view section) : node_(std::move(node)) {
  const std::vector<std::string_view> known = keys_of(section);
  check_keys(known, section);
}

Fields::Fields(Node node, std::span<const std::string_view> known) : node_(std::move(node)) {
  check_keys(known, std::nullopt);
}

void Fields::check_keys(std::span<const std::string_view> known,
                        std::optional<std::string_view> section) const {
  if (!node_.present()) return;
  require_object(node_);
  for (const auto& [key, value] : node_.value().items()) {
    bool ok = false;
    for (std::string_view k : known) ok = ok || k == key;
    if (!ok) node_.child(key).fail_bare(unknown_key_problem(key, known, section));
  }
}

void Fields::integer(std::string_view key, std::int64_t lo, std::int64_t hi, int* out) const {
  if (has(key)) *out = static_cast<int>(as_integer(field(key), lo, hi));
}

void Fields::integer(std::string_view key, std::int64_t lo, std::int64_t hi,
                     std::int64_t* out) const {
  if (has(key)) *out = as_integer(field(key), lo, hi);
}

void Fields::number(std::string_view key, Floor lo, double hi, double* out) const {
  if (has(key)) *out = as_number(field(key), lo, hi);
}

void Fields::boolean(std::string_view key, bool* out) const {
  if (has(key)) *out = as_bool(field(key));
}

void Fields::text(std::string_view key, std::string* out) const {
  if (has(key)) *out = as_string(field(key));
}

}  // namespace twsim
