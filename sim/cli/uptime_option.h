// --uptime S, on the commands that write reports.txt (run, merge): the time
// since boot, in seconds, at which the teardown starts, added to every printk
// timestamp so the report lines can be set beside a real log.
#ifndef TWSIM_CLI_UPTIME_OPTION_H_
#define TWSIM_CLI_UPTIME_OPTION_H_

#include <boost/program_options.hpp>
#include <optional>
#include <string_view>

#include "sim/core/time.h"

namespace twsim {

// The largest --uptime accepted, in seconds (31.7 years): any report time
// after it still fits the int64 nanoseconds of a timestamp.
constexpr Ns kMaxUptimeSeconds = 1'000'000'000;

// The option's declaration (a string, parsed by read_uptime).
boost::program_options::options_description uptime_option();

// `text` ("1234.5", "0.000001") in nanoseconds, exactly: digits, then
// optionally '.' and 1 to 9 digits, at most kMaxUptimeSeconds. nullopt if not.
std::optional<Ns> parse_uptime(std::string_view text);

// The --uptime of `vm` in nanoseconds (0 when not given) into *ns. False
// after reporting "COMMAND: --uptime must be ..., got 'TEXT'".
bool read_uptime(std::string_view command, const boost::program_options::variables_map& vm, Ns* ns);

}  // namespace twsim

#endif  // TWSIM_CLI_UPTIME_OPTION_H_
