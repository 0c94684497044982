// The checks sim/io's experiment reader runs on each value, as one-liners
// that know the value's JSON pointer and throw InputError with the exact
// message. A check never clamps: a value is accepted as given or rejected.
//
//   Fields machine(root.child("machine"), "machine");  // an object, known keys only
//   machine.integer("cpus", 1, 65536, &config.cpus);    // "/machine/cpus: must be >= 1, got 0"
#ifndef TWSIM_IO_JSON_CHECK_H_
#define TWSIM_IO_JSON_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/io/json_document.h"

namespace twsim {

// The file name errors give for a value that came from --set.
inline constexpr const char* kOverrideFile = "--set";

// Where each value of the document being checked came from, so that an error
// names what the user wrote: the file, a --set override, or an entry of the
// sweep substituted into a point.
class Locator {
 public:
  explicit Locator(std::string file) : file_(std::move(file)) {}

  // The values at or under `pointer` were given by --set.
  void add_override(std::string pointer) { overrides_.push_back(std::move(pointer)); }

  // The value at `pointer` was copied from the sweep entry at `origin`.
  void add_swept(std::string pointer, std::string origin) {
    swept_.emplace_back(std::move(pointer), std::move(origin));
  }

  // The sweep point being checked ("machine.cpus=16"), added as a hint to
  // errors that are not at a swept value.
  void set_point(std::string label) { point_ = std::move(label); }

  const std::string& file() const { return file_; }

  // Throws InputError for `problem` at the value at `pointer`.
  [[noreturn]] void fail(const std::string& pointer, const std::string& problem) const;

 private:
  std::string file_;
  std::vector<std::string> overrides_;
  std::vector<std::pair<std::string, std::string>> swept_;  // (pointer, origin)
  std::string point_;
};

// A value of the document and its pointer; `value()` is null for an absent
// key. REQUIRES: the document and the Locator outlive the Node.
class Node {
 public:
  Node(const Json* value, std::string pointer, const Locator* at)
      : value_(value), pointer_(std::move(pointer)), at_(at) {}

  bool present() const { return value_ != nullptr; }
  const Json& value() const { return *value_; }  // REQUIRES: present()
  const std::string& pointer() const { return pointer_; }
  const Locator& locator() const { return *at_; }

  // The member `key` of this object (absent if it has none or is no object).
  Node child(std::string_view key) const;
  // Element `i` of this array. REQUIRES: i < value().size()
  Node element(std::size_t i) const;

  // Throws "POINTER: PROBLEM, got VALUE[; HINT]".
  [[noreturn]] void fail(const std::string& problem, const std::string& hint = "") const;
  // Throws "POINTER: PROBLEM, got GOT[; HINT]" (for a value not in the
  // document, such as a default: GOT "64 (the default)").
  [[noreturn]] void fail_got(const std::string& problem, const std::string& got,
                             const std::string& hint = "") const;
  // Throws "POINTER: PROBLEM" (for problems that are not about the value).
  [[noreturn]] void fail_bare(const std::string& problem) const;

 private:
  const Json* value_;
  std::string pointer_;
  const Locator* at_;
};

// A lower bound: at_least(0) is ">= 0", above(0) is "> 0".
struct Floor {
  double value;
  bool strict;
};
constexpr Floor at_least(double v) { return {v, false}; }
constexpr Floor above(double v) { return {v, true}; }

// A JSON word and the enumerator it stands for.
template <class E>
struct Word {
  std::string_view name;
  E value;
};

// Single-value checks. Each returns the value or throws with its message.
std::int64_t as_integer(const Node& n, std::int64_t lo, std::int64_t hi);  // integral floats pass
std::uint64_t as_uint64(const Node& n);                                    // 0..2^64-1
double as_number(const Node& n, Floor lo, double hi);                      // finite
bool as_bool(const Node& n);
const std::string& as_string(const Node& n);
void require_object(const Node& n);
void require_array(const Node& n, std::string_view what);  // "must be WHAT, got V"
// The index in `words` of the string n holds ("must be one of a, b, got "x"").
std::size_t as_word_index(const Node& n, std::span<const std::string_view> words);

template <class E, std::size_t N>
E as_word(const Node& n, const Word<E> (&words)[N]) {
  std::string_view names[N];
  for (std::size_t i = 0; i < N; ++i) names[i] = words[i].name;
  return words[as_word_index(n, names)].value;
}

template <class E, std::size_t N>
std::string_view word_of(E value, const Word<E> (&words)[N]) {
  for (const Word<E>& w : words) {
    if (w.value == value) return w.name;
  }
  return "?";
}

// "unknown key; did you mean 'cpus'?" or "unknown key (known: a, b)" for key
// `key` among `known`. With a schema `section` ("" for the top level), a key
// that belongs to another section says where it goes instead.
std::string unknown_key_problem(std::string_view key, std::span<const std::string_view> known,
                                std::optional<std::string_view> section);

// How numbers appear in messages: integral values in full ("1000000000"),
// others in the shortest form that reads back exactly ("0.1").
std::string number_text(double v);

// One object of the document: checked on construction to be an object (or
// absent) holding only known keys; then one read per field, which leaves *out
// (the default) alone when the field is absent.
class Fields {
 public:
  // Known keys from the schema (config_schema.h); "" is the top level.
  Fields(Node node, std::string_view section);
  Fields(Node node, std::span<const std::string_view> known);

  const Node& node() const { return node_; }
  bool has(std::string_view key) const { return node_.child(key).present(); }
  Node field(std::string_view key) const { return node_.child(key); }

  void integer(std::string_view key, std::int64_t lo, std::int64_t hi, int* out) const;
  void integer(std::string_view key, std::int64_t lo, std::int64_t hi, std::int64_t* out) const;
  void number(std::string_view key, Floor lo, double hi, double* out) const;
  void boolean(std::string_view key, bool* out) const;
  void text(std::string_view key, std::string* out) const;
  template <class E, std::size_t N>
  void word(std::string_view key, const Word<E> (&words)[N], E* out) const {
    if (has(key)) *out = as_word(field(key), words);
  }

 private:
  void check_keys(std::span<const std::string_view> known,
                  std::optional<std::string_view> section) const;

  Node node_;
};

}  // namespace twsim

#endif  // TWSIM_IO_JSON_CHECK_H_
