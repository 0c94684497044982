// Compact JSON text written straight into a string, for the files twsim
// writes many of (point files: one object per run). Building an
// nlohmann::ordered_json tree first and dumping it took 41% of a phase-diagram
// run (perf, README "Performance"). The bytes are exactly what
// json_dump (json_document.h) gives for the same document: members in the
// order written, no spaces, integers in decimal, strings escaped as
// nlohmann escapes them (tests/io/json_writer_test.cc checks both).
#ifndef TWSIM_IO_JSON_WRITER_H_
#define TWSIM_IO_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace twsim {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // The next member's name; its value follows.
  void key(std::string_view name);

  void value(std::int64_t v);
  void value(std::uint64_t v);
  void value(int v) { value(static_cast<std::int64_t>(v)); }
  void value(bool v);
  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  // Text that is already one compact JSON value (a dumped document).
  void raw(std::string_view json);

 private:
  void separate();  // the comma before a value or member, where one is due
  void open(char c);
  void close(char c);
  std::string* out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

// s as a JSON string literal, quotes included, escaped as json_dump escapes
// it (control characters as \b \f \n \r \t or \u00xx; UTF-8 passes through).
void append_json_string(std::string* out, std::string_view s);

}  // namespace twsim

#endif  // TWSIM_IO_JSON_WRITER_H_
