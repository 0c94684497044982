#include "sim/experiment/threshold_search.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <utility>

#include "sim/stats/wilson_sample_size.h"

namespace twsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double geometric_mean(double a, double b) { return std::sqrt(a) * std::sqrt(b); }

}  // namespace

ThresholdSearch::ThresholdSearch(const SearchSettings& settings, std::vector<Bracket> neighbour)
    : s_(settings), warm_(std::move(neighbour)), lo_(settings.min), hi_(settings.max) {
  assert(s_.min > 0 && s_.max > s_.min && s_.target > 0 && s_.target < 1);
  path_.push_back({lo_, hi_});
  // Two steps before the neighbour's last bracket.
  if (warm_.size() > 3) {
    warm_depth_ = warm_.size() - 3;
    phase_ = Phase::kWarm;
  }
}

const Proportion* ThresholdSearch::cached(double value) const {
  for (const Probe& q : cache_) {
    if (q.value == value) return &q.p;
  }
  return nullptr;
}

bool ThresholdSearch::has_clear(bool below) const {
  return std::any_of(probes_.begin(), probes_.end(), [&](const Probe& q) {
    return below ? clearly_below(q.p) : clearly_above(q.p);
  });
}

double ThresholdSearch::midpoint(double a, double b) const {
  const double mid = geometric_mean(a, b);
  return s_.integer ? std::round(mid) : mid;
}

// Whether bisecting between a and b (either order) is over.
bool ThresholdSearch::narrow(double a, double b, int steps, int max_steps) const {
  const double small = std::min(a, b), large = std::max(a, b);
  const double mid = midpoint(small, large);
  return steps >= max_steps || large / small < s_.stop_ratio || mid <= small || mid >= large;
}

std::vector<double> ThresholdSearch::wanted() const {
  std::vector<double> out = needs();
  out.erase(std::remove_if(out.begin(), out.end(), [&](double v) { return cached(v) != nullptr; }),
            out.end());
  return out;
}

std::vector<double> ThresholdSearch::needs() const {
  std::vector<double> out;
  switch (phase_) {
    case Phase::kWarm:
      out = {warm_[warm_depth_].lo, warm_[warm_depth_].hi};
      break;
    case Phase::kEnds: {
      bool have_min = false, have_max = false;
      for (const Probe& p : probes_) {
        have_min |= p.value == s_.min;
        have_max |= p.value == s_.max;
      }
      if (!have_min) out.push_back(s_.min);
      if (!have_max) out.push_back(s_.max);
      break;
    }
    case Phase::kBisect:
      out.push_back(midpoint(lo_, hi_));
      break;
    case Phase::kAncestors:
      if (!has_clear(true) && !skipped_below_.empty()) out.push_back(skipped_below_.front());
      if (!has_clear(false) && !skipped_above_.empty()) out.push_back(skipped_above_.front());
      break;
    case Phase::kRefine:
      for (const Refinement* r : {&below_, &above_}) {
        if (r->active) out.push_back(midpoint(r->clear, r->unclear));
      }
      break;
    case Phase::kDone:
      break;
  }
  return out;
}

// After the bisection: for each end of the interval whose clear probe is not
// already next to an unclear one, bisect between the two.
void ThresholdSearch::start_refinement() {
  const SearchOutcome now = outcome();
  // The unclear probe nearest to each clear end, on the side of the bracket.
  double below_unclear = hi_, above_unclear = lo_;
  for (const Probe& q : probes_) {
    if (!clearly_below(q.p) && q.value > now.threshold_lo && q.value < below_unclear) {
      below_unclear = q.value;
    }
    if (!clearly_above(q.p) && q.value < now.threshold_hi && q.value > above_unclear) {
      above_unclear = q.value;
    }
  }
  below_ = Refinement{!std::isnan(now.threshold_lo), now.threshold_lo, below_unclear, 0};
  above_ = Refinement{!std::isnan(now.threshold_hi), now.threshold_hi, above_unclear, 0};
  for (Refinement* r : {&below_, &above_}) {
    r->active = r->active && !narrow(r->clear, r->unclear, 0, s_.refine_steps);
  }
  phase_ = below_.active || above_.active ? Phase::kRefine : Phase::kDone;
}

// The neighbour's bracket B_j: continue from it if it holds the crossing, else
// try a wider one (B_0 is the cold search).
void ThresholdSearch::try_warm_bracket() {
  const Bracket b = warm_[warm_depth_];
  const Proportion at_lo = *cached(b.lo), at_hi = *cached(b.hi);
  if (at_lo.p < s_.target && at_hi.p >= s_.target) {
    probes_.push_back({b.lo, at_lo});
    probes_.push_back({b.hi, at_hi});
    for (std::size_t i = 0; i < warm_depth_; ++i) {
      for (const double v : {warm_[i].lo, warm_[i].hi}) {
        if (v < b.lo) skipped_below_.push_back(v);
        if (v > b.hi) skipped_above_.push_back(v);
      }
    }
    std::sort(skipped_below_.begin(), skipped_below_.end(), std::greater<>());
    std::sort(skipped_above_.begin(), skipped_above_.end());
    for (std::vector<double>* v : {&skipped_below_, &skipped_above_}) {
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    path_.assign(warm_.begin(), warm_.begin() + static_cast<std::ptrdiff_t>(warm_depth_) + 1);
    lo_ = b.lo;
    hi_ = b.hi;
    steps_ = static_cast<int>(warm_depth_);
    phase_ = Phase::kBisect;
    if (narrow(lo_, hi_, steps_, s_.max_steps)) end_bisection();
    return;
  }
  // Two steps up the neighbour's path: the bracket 4x as wide in log(value).
  warm_depth_ = warm_depth_ > 2 ? warm_depth_ - 2 : 0;
  if (warm_depth_ == 0) phase_ = Phase::kEnds;
}

// The bisection is over: find the interval's clear ends among the ancestors a
// warm start skipped (none for a cold start), then refine.
void ThresholdSearch::end_bisection() {
  phase_ = Phase::kAncestors;
  if (needs().empty()) start_refinement();
}

void ThresholdSearch::record(double value, const Proportion& p) {
  cache_.push_back({value, p});
  settle();
}

void ThresholdSearch::settle() {
  for (;;) {
    if (phase_ == Phase::kWarm) {
      const Bracket b = warm_[warm_depth_];
      if (cached(b.lo) == nullptr || cached(b.hi) == nullptr) return;
      try_warm_bracket();
      continue;
    }
    bool fed = false;
    for (const double v : needs()) {
      if (const Proportion* p = cached(v)) {
        take(v, *p);
        fed = true;
        break;
      }
    }
    if (!fed) return;
  }
}

void ThresholdSearch::take(double value, const Proportion& p) {
  if (phase_ == Phase::kAncestors) {
    for (const bool below : {true, false}) {
      std::vector<double>& skipped = below ? skipped_below_ : skipped_above_;
      if (has_clear(below) || skipped.empty() || skipped.front() != value) continue;
      probes_.push_back({value, p});
      skipped.erase(skipped.begin());
      break;
    }
    if (needs().empty()) start_refinement();
    return;
  }
  probes_.push_back({value, p});
  switch (phase_) {
    case Phase::kEnds: {
      if (!needs().empty()) return;
      const Proportion* at_min = nullptr;
      const Proportion* at_max = nullptr;
      for (const Probe& q : probes_) (q.value == s_.min ? at_min : at_max) = &q.p;
      if (at_min->p >= s_.target) {
        note_ = kAboveAtMin;
        phase_ = Phase::kDone;
      } else if (at_max->p < s_.target) {
        note_ = kNeverReached;
        phase_ = Phase::kDone;
      } else {
        phase_ = Phase::kBisect;
        if (narrow(lo_, hi_, steps_, s_.max_steps)) end_bisection();
      }
      return;
    }
    case Phase::kBisect:
      assert(value == midpoint(lo_, hi_));
      (p.p >= s_.target ? hi_ : lo_) = value;
      path_.push_back({lo_, hi_});
      if (narrow(lo_, hi_, ++steps_, s_.max_steps)) end_bisection();
      return;
    case Phase::kRefine: {
      const auto step = [&](Refinement* r, bool clear) {
        if (!r->active || value != midpoint(r->clear, r->unclear)) return false;
        (clear ? r->clear : r->unclear) = value;
        r->active = !narrow(r->clear, r->unclear, ++r->steps, s_.refine_steps);
        return true;
      };
      if (!step(&below_, clearly_below(p))) step(&above_, clearly_above(p));
      if (!below_.active && !above_.active) phase_ = Phase::kDone;
      return;
    }
    case Phase::kWarm:
    case Phase::kAncestors:
    case Phase::kDone:
      assert(false);
      return;
  }
}

// Definitions in the header (resolved, replications_needed).
void ThresholdSearch::judge_resolution(SearchOutcome* out) const {
  // With a note, only the end probe it rests on counts; else every probe on
  // the side of the missing end.
  double only = kNaN;
  bool need_below = false, need_above = false;
  if (note_ == kAboveAtMin) {
    only = s_.min;
  } else if (note_ == kNeverReached) {
    only = s_.max;
  }
  for (const Probe& q : probes_) {
    if (q.value == only) {
      need_above = note_ == kAboveAtMin && !clearly_above(q.p);
      need_below = note_ == kNeverReached && !clearly_below(q.p);
    }
  }
  if (note_.empty()) {
    need_below = std::isnan(out->threshold_lo);
    need_above = std::isnan(out->threshold_hi);
  }
  // The fewest replications that make some probe on one side clear; -1: none.
  const auto fewest = [&](bool below) {
    std::int64_t best = -1;
    for (const Probe& q : probes_) {
      if ((!std::isnan(only) && q.value != only) || (q.p.p < s_.target) != below) continue;
      const std::int64_t n = wilson_replications_to_separate(q.p.p, s_.target);
      if (n > 0 && (best < 0 || n < best)) best = n;
    }
    return best;
  };
  out->resolved = !need_below && !need_above;
  out->replications_needed = 0;
  for (const auto& [needed, below] : {std::pair{need_below, true}, std::pair{need_above, false}}) {
    if (!needed || out->replications_needed < 0) continue;
    const std::int64_t n = fewest(below);
    out->replications_needed = n < 0 ? -1 : std::max(out->replications_needed, n);
  }
}

SearchOutcome ThresholdSearch::outcome() const {
  SearchOutcome out{kNaN, kNaN, kNaN, static_cast<int>(cache_.size()), note_};
  if (!note_.empty()) {
    judge_resolution(&out);
    return out;
  }
  out.threshold = midpoint(lo_, hi_);
  if (!s_.integer) out.threshold = geometric_mean(lo_, hi_);
  for (const Probe& q : probes_) {
    if (clearly_below(q.p) && !(q.value <= out.threshold_lo)) out.threshold_lo = q.value;
    if (clearly_above(q.p) && !(q.value >= out.threshold_hi)) out.threshold_hi = q.value;
  }
  judge_resolution(&out);
  return out;
}

}  // namespace twsim
