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

}  // namespace twsim
