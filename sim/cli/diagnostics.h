// The one-line messages twsim prints on stderr: "twsim: error: ..." and
// "twsim: warning: ...". Each call writes exactly one line.
#ifndef TWSIM_CLI_DIAGNOSTICS_H_
#define TWSIM_CLI_DIAGNOSTICS_H_

#include <cstddef>
#include <string_view>

namespace twsim {

void print_error(std::string_view message);
void print_warning(std::string_view message);

// "the system started only S of W threads (-j); running on S".
void warn_fewer_threads(std::size_t started, std::size_t wanted);

}  // namespace twsim

#endif  // TWSIM_CLI_DIAGNOSTICS_H_
