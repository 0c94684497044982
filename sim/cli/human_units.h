// Numbers for people on the terminal (never in result files): durations with
// a unit and about three significant digits, probabilities with intervals.
#ifndef TWSIM_CLI_HUMAN_UNITS_H_
#define TWSIM_CLI_HUMAN_UNITS_H_

#include <string>

#include "sim/stats/stats.h"

namespace twsim {

// 0 -> "0", 850 -> "850 ns", 12'345 -> "12.3 us", 4.5e6 -> "4.50 ms",
// 2.5e10 -> "25.0 s"; NaN -> "-".
std::string human_duration(double ns);

// A hard-lockup window, never-bound to always-bound: "6.00 s - 20.0 s".
std::string human_window(double never_ns, double always_ns);

// "0.85 [0.64-0.95]"; "-" if p is NaN.
std::string human_probability(double p, const Interval& ci);

}  // namespace twsim

#endif  // TWSIM_CLI_HUMAN_UNITS_H_
