// A strict, forward-only reader of the compact JSON that JsonWriter writes,
// for files twsim wrote itself and whose checksum has already held (point
// files). It expects members in the order they were written and builds no
// tree: reading a phase diagram's 24 MB of point files through nlohmann's DOM
// took 0.45 s of CPU, more than simulating them (README "Performance").
// Anything else than what was expected throws JsonCursor::Error with the byte
// offset, so a file is either read exactly or refused.
#ifndef TWSIM_IO_JSON_CURSOR_H_
#define TWSIM_IO_JSON_CURSOR_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace twsim {

class JsonCursor {
 public:
  struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
  };

  explicit JsonCursor(std::string_view text) : text_(text) {}

  // Consumes `c` if it is next; says whether it was.
  bool consume(char c);
  // Consumes `c`, which must be next.
  void expect(char c);
  // Consumes `"name":`, which must be next. `name` is written without escapes.
  void key(std::string_view name);

  // A JSON integer in decimal (no fraction or exponent) that fits.
  std::int64_t integer();
  std::uint64_t unsigned_integer();
  bool boolean();
  // A string without escapes (an identifier such as a role name), unquoted.
  std::string_view word();
  // The text of the next value, its extent found by its quotes and brackets
  // (strings may hold escapes; nesting is bounded as json_document.h bounds
  // it). Numbers and literals are not checked: compare the text to what it
  // should be.
  std::string_view value_text();

  // Whether every byte has been read.
  bool at_end() const { return pos_ == text_.size(); }

 private:
  [[noreturn]] void fail(const std::string& expected) const;
  void skip_string();
  void skip_value(int depth);

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_IO_JSON_CURSOR_H_
