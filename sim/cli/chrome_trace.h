// Writes run timelines (sim/model/timeline.h) as a Chrome trace-event JSON
// file (Google's "Trace Event Format") that Perfetto (ui.perfetto.dev) and
// chrome://tracing open: one process per algorithm (pid 1, 2, ... in the
// config's order), one thread (track) per CPU, complete events ("X") for
// spinning, holding, interrupts-off spans and lock hand-overs, a flow
// (bind_id with flow_out on the releasing hold, flow_in on the waiter's
// hand-over) from each release to the next holder, instant events ("i") for
// hrtimer firings, accepted NMIs and detector reports, a counter ("C") for
// the task_work list length, and what was left out both in otherData
// ("note_<algorithm>", "left_out_<algorithm>") and as a process-scoped
// instant "trace thinned". Timestamps are microseconds with nanosecond
// decimals.
#ifndef TWSIM_CLI_CHROME_TRACE_H_
#define TWSIM_CLI_CHROME_TRACE_H_

#include <cstdint>
#include <ostream>
#include <utility>
#include <vector>

#include "sim/model/timeline.h"
#include "sim/scenario/config.h"

namespace twsim {

// Thread ids are unique across processes and never 0: CPU c of process pid
// is pid * kTidsPerProcess + 1 + c; pid * kTidsPerProcess itself carries the
// process-wide events (counter, thinning note).
constexpr std::int64_t kTidsPerProcess = 1'000'000;
std::int64_t trace_tid(int pid, int cpu);

void write_chrome_trace(std::ostream& out,
                        const std::vector<std::pair<Algorithm, Timeline>>& timelines,
                        const ScenarioConfig& scenario, const std::string& title);

}  // namespace twsim

#endif  // TWSIM_CLI_CHROME_TRACE_H_
