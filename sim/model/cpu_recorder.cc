#include "sim/model/cpu_recorder.h"

namespace twsim {

CpuRecorder::CpuRecorder(int cpus) : activity_(cpus), open_(static_cast<std::size_t>(cpus)) {}

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
  // Only CPUs of pages made can have anything open or recorded.
  open_.for_each_made([&](std::size_t cpu, Open& o) {
    const int c = static_cast<int>(cpu);
    if (o.irq_off >= 0) {
      // Still spinning at the horizon: all of it is wait.
      if (o.granted < 0) o.granted = horizon;
      irq_on(c, horizon);
    }
    if (o.no_sched.start >= 0) end_no_sched(c, horizon);
  });
  // A CPU's items end one after the other (one thread at a time runs on it),
  // so their order on the shared list is its time order.
  open_.for_each_made([&](std::size_t c, const Open& o) {
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
