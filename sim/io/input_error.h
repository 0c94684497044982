// The one exception that bad input raises: a config file that cannot be read
// or parsed, an unknown key, a wrong type or an out-of-range value, in the file
// or in a --set override. Thrown only at the input boundary (sim/io's JSON
// reader); the CLI catches it, prints "twsim: error: " + what() and exits 2.
#ifndef TWSIM_IO_INPUT_ERROR_H_
#define TWSIM_IO_INPUT_ERROR_H_

#include <stdexcept>
#include <string>
#include <utility>

namespace twsim {

// what() is one line, where first, then what is wrong:
//   "FILE: /json/pointer: must be >= 1, got 0"      (a value in the document)
//   "FILE: cannot read: No such file or directory"  (no pointer)
//   "FILE:LINE:COL: parse error: expected ':'"      (a position in the text)
// `file` is the path, or "--set" for a value that came from an override.
struct InputError : std::runtime_error {
  // A problem at `pointer` (a JSON pointer such as "/machine/cpus"; "" for none).
  InputError(std::string in_file, std::string at_pointer, std::string what_is_wrong)
      : std::runtime_error(in_file + ": " + (at_pointer.empty() ? "" : at_pointer + ": ") +
                           what_is_wrong),
        file(std::move(in_file)),
        pointer(std::move(at_pointer)),
        problem(std::move(what_is_wrong)) {}

  // A problem at a 1-based line and column of the text.
  InputError(std::string in_file, int at_line, int at_column, std::string what_is_wrong)
      : std::runtime_error(in_file + ":" + std::to_string(at_line) + ":" +
                           std::to_string(at_column) + ": " + what_is_wrong),
        file(std::move(in_file)),
        problem(std::move(what_is_wrong)),
        line(at_line),
        column(at_column) {}

  std::string file;
  std::string pointer;  // "" when the problem is not at one value
  std::string problem;  // everything after the location, e.g. "must be >= 1, got 0"
  int line = 0;         // 0 unless the problem is at a text position
  int column = 0;
};

}  // namespace twsim

#endif  // TWSIM_IO_INPUT_ERROR_H_
