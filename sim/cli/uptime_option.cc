#include "sim/cli/uptime_option.h"

#include <string>

#include "sim/cli/diagnostics.h"

namespace twsim {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

boost::program_options::options_description uptime_option() {
  boost::program_options::options_description d;
  d.add_options()("uptime", boost::program_options::value<std::string>()->value_name("S"),
                  "reports.txt: seconds since boot at the start of the teardown, added to every "
                  "printk timestamp (default 0)");
  return d;
}

std::optional<Ns> parse_uptime(std::string_view text) {
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  // At most 10 integer digits keeps stoll in range; the bound is checked after.
  if (!all_digits(whole) || whole.size() > 10) return std::nullopt;
  if (dot != std::string_view::npos && (!all_digits(frac) || frac.size() > 9)) return std::nullopt;
  const Ns seconds = std::stoll(std::string(whole));
  if (seconds > kMaxUptimeSeconds) return std::nullopt;
  Ns nanos = 0;
  for (std::size_t i = 0; i < 9; ++i) nanos = nanos * 10 + (i < frac.size() ? frac[i] - '0' : 0);
  if (seconds == kMaxUptimeSeconds && nanos > 0) return std::nullopt;
  return seconds * kNsPerSec + nanos;
}

bool read_uptime(std::string_view command, const boost::program_options::variables_map& vm,
                 Ns* ns) {
  *ns = 0;
  if (!vm.count("uptime")) return true;
  const std::string text = vm["uptime"].as<std::string>();
  const std::optional<Ns> parsed = parse_uptime(text);
  if (!parsed) {
    print_error(std::string(command) + ": --uptime must be seconds in [0, " +
                std::to_string(kMaxUptimeSeconds) +
                "] with at most 9 decimals (e.g. 1234.567891), got '" + text + "'");
    return false;
  }
  *ns = *parsed;
  return true;
}

}  // namespace twsim
