// The search behind `twsim threshold`: where, as one parameter grows, the
// probability that a lockup detector fires crosses a target. Geometric
// bisection over a positive range, driven from outside: the caller asks which
// values to probe, simulates them (all searches of a round at once, in
// parallel), and records each probe's k-of-n outcome. No simulation here.
//
// Definitions (thresholds.csv and the README use the same words):
//   - First both ends are probed. If P(min) >= target the note is "already
//     above target at min"; if P(max) < target, "never reaches target in
//     range"; in both cases there is no threshold.
//   - Otherwise the bracket [lo, hi] keeps P(lo) < target <= P(hi): each step
//     probes mid = sqrt(lo * hi) (rounded for integer parameters) and replaces
//     the end on its side, until hi / lo < stop_ratio, max_steps steps were
//     taken, or (integers) no value lies strictly inside.
//   - threshold = sqrt(lo * hi) of the final bracket (rounded for integers).
//   - threshold_lo = the largest probed value whose 95% Wilson interval lies
//     wholly below the target (upper bound < target); threshold_hi = the
//     smallest probed value whose interval lies wholly above it (lower bound
//     > target). Either is NaN when no probe qualifies. Such probes fall on
//     the same side of the bracket as their point estimates, so
//     threshold_lo <= threshold <= threshold_hi.
//   - When the bracket's own ends are not that clear, each end of the
//     interval is then sharpened by bisecting between the clear probe and the
//     nearest unclear one (at most refine_steps probes per end, same stop
//     rule), so that the interval is not just an accident of where the main
//     bisection happened to probe.
//   - resolved: the replications given can tell the answer from the target:
//     both ends of the interval exist, or, with a note, the end probe that
//     the note rests on is itself clear (P(min) clearly above the target,
//     P(max) clearly below). Otherwise replications_needed estimates how many
//     would resolve it, if each probe's P stayed as estimated: for each
//     missing end, the fewest that make some probe on that side clear
//     (wilson_sample_size.h; the probe farthest from the target), the
//     larger of the two ends; -1 when no probe's estimate differs from the
//     target.
// Every probe uses the same seed and replications (common random numbers), so
// the estimated P is close to monotone in the parameter.
//
// Warm start (issue 16 part 4): a search given its neighbour's bisection path
// (the brackets B_0 = [min, max], B_1, ..., B_k it narrowed through) first
// tries the neighbour's bracket B_j two steps before its last (j = k - 2),
// then ever wider ones (j = k - 4, k - 6, ...; B_0 is the cold search). Every
// B_j is a node of the same bisection tree, so when its ends hold
// P(lo) < target <= P(hi) the search continues from it with j steps counted,
// exactly as the cold search would have after reaching it. The ancestors'
// probes it skipped matter only to threshold_lo/threshold_hi: when no probe
// on a side is clear, the skipped ancestors on that side are probed nearest
// first until one is. Probes of brackets that did not hold are kept (a value
// wanted again is not simulated again) but count only as simulations.
// The answers (threshold, interval, note, resolved, replications_needed)
// equal the cold search's whenever the estimated P is monotone over the
// values both probe; with Monte Carlo noise that makes it non-monotone the two
// may bisect into different crossings of the target. `probes` counts the
// simulations made.
#ifndef TWSIM_EXPERIMENT_THRESHOLD_SEARCH_H_
#define TWSIM_EXPERIMENT_THRESHOLD_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/stats/run_summary.h"

namespace twsim {

struct SearchSettings {
  double min = 1;        // > 0
  double max = 1e9;      // > min
  bool integer = true;   // probe integers only (min and max must be integers)
  double target = 0.5;   // in (0, 1)
  int max_steps = 14;    // bisection steps after the two end probes
  int refine_steps = 8;  // per end of the interval, after the bisection
  double stop_ratio = 1.02;
};

inline constexpr const char* kAboveAtMin = "already above target at min";
inline constexpr const char* kNeverReached = "never reaches target in range";

struct SearchOutcome {
  double threshold;     // NaN when `note` is set
  double threshold_lo;  // NaN if no probe lies clearly below the target
  double threshold_hi;  // NaN if no probe lies clearly above it
  int probes = 0;       // values simulated
  std::string note;     // "", kAboveAtMin or kNeverReached
  bool resolved = true;
  std::int64_t replications_needed = 0;  // 0 when resolved; -1 when no count would do
};

// A bisection bracket [lo, hi].
struct Bracket {
  double lo, hi;
};

class ThresholdSearch {
 public:
  // `neighbour`: the bisection path of the previous point's search with the
  // same settings (warm start), or empty (cold start).
  explicit ThresholdSearch(const SearchSettings& settings, std::vector<Bracket> neighbour = {});

  // The values to probe next: {min, max} at first, then one midpoint at a
  // time, then up to one per interval end; empty once the search is done.
  std::vector<double> wanted() const;
  // Records the outcome of probing `value`. REQUIRES: value is in wanted().
  void record(double value, const Proportion& p);
  bool done() const { return phase_ == Phase::kDone; }
  // Whether the bisection is over (the path below is final).
  bool bisected() const { return phase_ == Phase::kAncestors || phase_ >= Phase::kRefine; }
  // B_0 = [min, max] and each bracket after a bisection step; only B_0 when
  // the search ended with a note. REQUIRES: bisected().
  const std::vector<Bracket>& path() const { return path_; }

  // REQUIRES: done().
  SearchOutcome outcome() const;

 private:
  enum class Phase { kWarm, kEnds, kBisect, kAncestors, kRefine, kDone };
  struct Probe {
    double value;
    Proportion p;
  };
  // A bisection between two values: `clear` satisfies the end's predicate
  // (clearly below, or clearly above, the target), `unclear` does not.
  struct Refinement {
    bool active = false;
    double clear = 0, unclear = 0;
    int steps = 0;
  };

  // The values the state machine needs next (cached or not).
  std::vector<double> needs() const;
  // Feeds the state machine one needed value's outcome.
  void take(double value, const Proportion& p);
  // Feeds it every needed value already simulated, trying warm brackets.
  void settle();
  const Proportion* cached(double value) const;
  void try_warm_bracket();
  void end_bisection();
  bool has_clear(bool below) const;
  double midpoint(double a, double b) const;
  bool narrow(double a, double b, int steps, int max_steps) const;
  void start_refinement();
  void judge_resolution(SearchOutcome* out) const;
  bool clearly_below(const Proportion& p) const { return p.ci.hi < s_.target; }
  bool clearly_above(const Proportion& p) const { return p.ci.lo > s_.target; }

  SearchSettings s_;
  Phase phase_ = Phase::kEnds;
  std::vector<Probe> probes_;  // the values the cold search would probe
  std::vector<Probe> cache_;   // every value simulated
  std::vector<Bracket> warm_;  // the neighbour's path
  std::size_t warm_depth_ = 0;
  // Ancestors of the warm bracket not probed: below it nearest first, above it nearest first.
  std::vector<double> skipped_below_, skipped_above_;
  std::vector<Bracket> path_;
  double lo_, hi_;
  int steps_ = 0;
  Refinement below_, above_;  // the interval's lower and upper ends
  std::string note_;
};

}  // namespace twsim

#endif  // TWSIM_EXPERIMENT_THRESHOLD_SEARCH_H_
