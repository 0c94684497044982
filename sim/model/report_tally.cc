#include "sim/model/report_tally.h"

#include <algorithm>

namespace twsim {

bool ReportTally::earlier(const Kept& a, const Kept& b) {
  if (a.report.at_ns != b.report.at_ns) return a.report.at_ns < b.report.at_ns;
  if (a.report.cpu != b.report.cpu) return a.report.cpu < b.report.cpu;
  return a.seq < b.seq;
}

void ReportTally::add(DetectorReport report) {
  const Runner who = runner_at(activity_[report.cpu], report.at_ns);
  report.role = who.role;
  report.fn = who.fn;
  const int kind = static_cast<int>(report.kind);
  ++counts_[kind];
  if (report.kind == ReportKind::kHardLockup) {
    if (report.role == Role::kSubmitter) ++hard_submitter_;
    if (report.role == Role::kWorker) ++hard_worker_;
  }
  const Kept k{report, seq_++};
  if (!have_first_[kind] || earlier(k, first_[kind])) {
    first_[kind] = k;
    have_first_[kind] = true;
  }
  if (keep_ == 0 || (have_cutoff_ && !earlier(k, cutoff_))) return;
  kept_.push_back(k);
  if (kept_.size() >= 2 * keep_) keep_earliest();
}

void ReportTally::keep_earliest() {
  if (kept_.size() <= keep_) return;
  const auto last = kept_.begin() + static_cast<std::ptrdiff_t>(keep_ - 1);
  std::nth_element(kept_.begin(), last, kept_.end(), earlier);
  kept_.resize(keep_);
  cutoff_ = *last;
  have_cutoff_ = true;
}

void ReportTally::finish(RunMetrics* m) {
  m->hard_lockups = counts_[static_cast<int>(ReportKind::kHardLockup)];
  m->soft_lockups = counts_[static_cast<int>(ReportKind::kSoftLockup)];
  m->rcu_stalls = counts_[static_cast<int>(ReportKind::kRcuStall)];
  m->hard_lockups_submitter = hard_submitter_;
  m->hard_lockups_worker = hard_worker_;
  const auto first = [&](ReportKind kind, Ns* at, FirstReport* where) {
    const int i = static_cast<int>(kind);
    if (!have_first_[i]) return;
    const DetectorReport& r = first_[i].report;
    *at = r.at_ns;
    *where = FirstReport{r.cpu, r.role, r.fn};
  };
  first(ReportKind::kHardLockup, &m->first_hard_lockup_ns, &m->first_hard);
  first(ReportKind::kSoftLockup, &m->first_soft_lockup_ns, &m->first_soft);
  first(ReportKind::kRcuStall, &m->first_rcu_stall_ns, &m->first_rcu);
  m->verdict = m->hard_lockups   ? Verdict::kHard
               : m->soft_lockups ? Verdict::kSoft
               : m->rcu_stalls   ? Verdict::kRcu
                                 : Verdict::kClean;
  keep_earliest();
  std::sort(kept_.begin(), kept_.end(), earlier);
  m->reports.clear();
  m->reports.reserve(kept_.size());
  for (const Kept& k : kept_) m->reports.push_back(k.report);
  kept_.clear();
}

}  // namespace twsim
