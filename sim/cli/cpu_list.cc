#include "sim/cli/cpu_list.h"

#include <cctype>
#include <cstdint>

namespace twsim {
namespace {

// A decimal number, all of `s`; nullopt if it is anything else.
std::optional<std::int64_t> cpu_number(const std::string& s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

std::optional<std::vector<bool>> parse_cpu_list(const std::string& text, int n_cpus,
                                                std::string* why) {
  std::vector<bool> mask(static_cast<std::size_t>(n_cpus), false);
  if (text.empty()) {
    *why = "the list is empty";
    return std::nullopt;
  }
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t comma = text.find(',', at);
    const std::string item = text.substr(at, comma == std::string::npos ? comma : comma - at);
    const std::size_t dash = item.find('-');
    const auto lo = cpu_number(item.substr(0, dash));
    const auto hi = dash == std::string::npos ? lo : cpu_number(item.substr(dash + 1));
    if (!lo || !hi) {
      *why = "'" + item + "' is not a CPU number or a range N-M";
      return std::nullopt;
    }
    if (*lo > *hi) {
      *why = "'" + item + "' is not a range from low to high";
      return std::nullopt;
    }
    if (*hi >= n_cpus) {
      *why =
          "CPU " + std::to_string(*hi) + " is not below machine.cpus = " + std::to_string(n_cpus);
      return std::nullopt;
    }
    for (std::int64_t c = *lo; c <= *hi; ++c) mask[static_cast<std::size_t>(c)] = true;
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return mask;
}

}  // namespace twsim
