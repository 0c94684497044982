// Counts of interrupts-off stretches by length, in log-spaced bins of ten per
// decade from 100 ns: what the CCDF of all stretches (irqoff_ccdf.csv) is
// drawn from, kept per run so that merged and resumed runs sum exactly.
#ifndef TWSIM_SCENARIO_IRQOFF_HISTOGRAM_H_
#define TWSIM_SCENARIO_IRQOFF_HISTOGRAM_H_

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "sim/core/time.h"

namespace twsim {

struct IrqOffHistogram {
  // Bin 0 holds stretches shorter than edge(0) = 100 ns; bin k >= 1 those in
  // [edge(k-1), edge(k)); the last bin everything from edge(kBins - 2) on
  // (10^13 ns: longer than any horizon_s allows).
  static constexpr int kBins = 112;

  // round(10^(2 + k/10)) ns, k = 0 .. kBins - 2.
  static Ns edge(int k) {
    static const std::array<Ns, kBins - 1> edges = [] {
      std::array<Ns, kBins - 1> e{};
      for (int i = 0; i < kBins - 1; ++i) e[i] = std::llround(std::pow(10.0, 2 + i / 10.0));
      return e;
    }();
    return edges[k];
  }

  static int bin_of(Ns length) {
    int lo = 0, hi = kBins - 1;  // the first k with length < edge(k), or kBins - 1
    while (lo < hi) {
      const int mid = (lo + hi) / 2;
      if (length < edge(mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  void add(Ns length) { ++counts[bin_of(length)]; }

  std::array<std::int64_t, kBins> counts{};
  bool operator==(const IrqOffHistogram&) const = default;
};

}  // namespace twsim

#endif  // TWSIM_SCENARIO_IRQOFF_HISTOGRAM_H_
