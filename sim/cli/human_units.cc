#include "sim/cli/human_units.h"

#include <cmath>
#include <cstdio>

namespace twsim {
namespace {

// v in [0, 999.5) with three significant digits (fewer above 100).
std::string three_digits(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 9.995 ? "%.2f" : v < 99.95 ? "%.1f" : "%.0f", v);
  return buf;
}

}  // namespace

std::string human_duration(double ns) {
  if (std::isnan(ns)) return "-";
  if (ns == 0) return "0";
  const char* const units[] = {"ns", "us", "ms", "s"};
  double v = std::fabs(ns);
  int u = 0;
  // Step up while the value would print as 1000 or more.
  while (u < 3 && v >= 999.5) {
    v /= 1000;
    ++u;
  }
  std::string out = ns < 0 ? "-" : "";
  out += u == 0 ? std::to_string(std::llround(v)) : three_digits(v);
  return out + " " + units[u];
}

std::string human_window(double never_ns, double always_ns) {
  return human_duration(never_ns) + " - " + human_duration(always_ns);
}

std::string human_probability(double p, const Interval& ci) {
  if (std::isnan(p)) return "-";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f [%.2f-%.2f]", p, ci.lo, ci.hi);
  return buf;
}

}  // namespace twsim
