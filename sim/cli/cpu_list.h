// CPU lists as the kernel writes them (Documentation/admin-guide/
// kernel-parameters.rst "cpu lists", e.g. isolcpus=0-15,138): numbers and
// inclusive ranges separated by commas. Used by `twsim run --trace-cpus`.
#ifndef TWSIM_CLI_CPU_LIST_H_
#define TWSIM_CLI_CPU_LIST_H_

#include <optional>
#include <string>
#include <vector>

namespace twsim {

// The CPUs of `text` among 0..n_cpus-1, as a mask of n_cpus entries; nullopt
// with *why set ("'7-3' is not a range from low to high", "CPU 200 is not
// below machine.cpus = 64") if it is not such a list.
std::optional<std::vector<bool>> parse_cpu_list(const std::string& text, int n_cpus,
                                                std::string* why);

}  // namespace twsim

#endif  // TWSIM_CLI_CPU_LIST_H_
