#include "sim/cli/diagnostics.h"

#include <iostream>
#include <string>

namespace twsim {
namespace {

// Built as one string and written at once, so that a progress line or another
// thread cannot split it.
void print_line(std::string_view kind, std::string_view message) {
  std::string line = "twsim: ";
  line += kind;
  line += ": ";
  line += message;
  line += '\n';
  std::cerr << line << std::flush;
}

}  // namespace

void print_error(std::string_view message) { print_line("error", message); }
void print_warning(std::string_view message) { print_line("warning", message); }

void warn_fewer_threads(std::size_t started, std::size_t wanted) {
  print_warning("the system started only " + std::to_string(started) + " of " +
                std::to_string(wanted) + " threads (-j); running on " + std::to_string(started));
}

}  // namespace twsim
