// Every detector report of one run, taken as the detectors produce it:
// each is attributed to who ran on its CPU (cpu_activity.h), counted by kind
// (and hard ones by role), the first of each kind remembered, and only the
// earliest `keep` kept, so a run's memory stays bounded however many reports
// a long horizon brings (an RCU stall repeats every three timeouts on every
// stuck CPU). Counts and firsts are exact; only the stored list is cut.
#ifndef TWSIM_MODEL_REPORT_TALLY_H_
#define TWSIM_MODEL_REPORT_TALLY_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/model/cpu_activity.h"
#include "sim/scenario/results.h"

namespace twsim {

// Reports a run keeps (results.json and the point files print fewer).
constexpr std::size_t kReportsPerRun = 1024;

class ReportTally {
 public:
  ReportTally(const CpuActivities& activity, std::size_t keep) : activity_(activity), keep_(keep) {}

  // Reports in the order the detectors make them (CPU by CPU).
  void add(DetectorReport report);

  // Writes the counts, firsts and verdict into *m, and the kept reports in
  // time order (ties: by CPU, then as made).
  void finish(RunMetrics* m);

 private:
  struct Kept {
    DetectorReport report;
    std::uint64_t seq;  // order made: keeps the sort stable
  };
  static bool earlier(const Kept& a, const Kept& b);
  // Cuts kept_ down to its keep_ earliest (in no order) and notes the latest
  // of them: a report not earlier than that can never be kept.
  void keep_earliest();

  const CpuActivities& activity_;
  std::size_t keep_;
  std::uint64_t seq_ = 0;
  // The reports that may still be among the keep_ earliest, unordered; cut
  // back to keep_ whenever it reaches twice that (amortised O(1) a report).
  std::vector<Kept> kept_;
  Kept cutoff_ = {};
  bool have_cutoff_ = false;
  int counts_[3] = {};
  int hard_submitter_ = 0, hard_worker_ = 0;
  bool have_first_[3] = {};
  Kept first_[3] = {};
};

}  // namespace twsim

#endif  // TWSIM_MODEL_REPORT_TALLY_H_
