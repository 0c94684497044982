#include "sim/model/cpu_recorder.h"

#include <algorithm>

namespace twsim {

CpuRecorder::CpuRecorder(int cpus)
    : activity_(cpus), open_pages_((cpus + kPage - 1) / kPage), cpus_(cpus) {}

CpuRecorder::Open& CpuRecorder::open(int cpu) {
  std::unique_ptr<Open[]>& page = open_pages_[static_cast<std::size_t>(cpu / kPage)];
  if (!page) page = std::make_unique<Open[]>(kPage);
  return page[cpu % kPage];
}

void CpuRecorder::irq_off(int cpu, Ns at, Runner who) {
  Open& o = open(cpu);
  o.irq_off = at;
  o.who = who;
}

void CpuRecorder::granted(int cpu, Ns at) { open(cpu).granted = at; }

void CpuRecorder::irq_on(int cpu, Ns at) {
  Open& o = open(cpu);
  irq_off_.push_back({o.irq_off, at, o.granted - o.irq_off, cpu, o.who.role, o.who.fn});
  ++o.irq_off_count;
  o.irq_off = o.granted = -1;
}

void CpuRecorder::begin_no_sched(int cpu, Ns at, Role role, KernelFn fn) {
  open(cpu).no_sched = ThreadSpan{{at, -1}, role, fn};
}

void CpuRecorder::end_no_sched(int cpu, Ns at) {
  Open& o = open(cpu);
  ThreadSpan span = o.no_sched;
  span.end = at;
  no_sched_.push_back({span.start, span.end, cpu, span.role, span.fn});
  ++o.no_sched_count;
  o.no_sched.start = -1;
}

void CpuRecorder::close(Ns horizon) {
  // Only CPUs of pages in use can have anything open or recorded.
  const auto each_used_cpu = [this](auto fn) {
    for (std::size_t p = 0; p < open_pages_.size(); ++p) {
      if (!open_pages_[p]) continue;
      const int first = static_cast<int>(p) * kPage;
      for (int c = first; c < std::min(first + kPage, cpus_); ++c) fn(c, open_pages_[p][c - first]);
    }
  };
  each_used_cpu([&](int c, Open& o) {
    if (o.irq_off >= 0) {
      // Still spinning at the horizon: all of it is wait.
      if (o.granted < 0) o.granted = horizon;
      irq_on(c, horizon);
    }
    if (o.no_sched.start >= 0) end_no_sched(c, horizon);
  });
  // A CPU's items end one after the other (one thread at a time runs on it),
  // so their order on the shared list is its time order.
  each_used_cpu([&](int c, const Open& o) {
    activity_[c].irq_off.reserve(o.irq_off_count);
    activity_[c].no_sched.reserve(o.no_sched_count);
  });
  for (; !irq_off_.empty(); irq_off_.pop_front()) {
    const StretchOnCpu& s = irq_off_.front();
    activity_[s.cpu].irq_off.push_back(IrqOffStretch{s.start, s.end, s.wait_ns, s.role, s.fn});
  }
  for (; !no_sched_.empty(); no_sched_.pop_front()) {
    const SpanOnCpu& s = no_sched_.front();
    activity_[s.cpu].no_sched.push_back(ThreadSpan{{s.start, s.end}, s.role, s.fn});
  }
  irq_off_.shrink_to_fit();
  no_sched_.shrink_to_fit();
}

}  // namespace twsim
