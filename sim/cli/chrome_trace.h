// Writes run timelines (sim/model/timeline.h) as a Chrome trace-event JSON
// file that Perfetto (ui.perfetto.dev) and chrome://tracing open: one process
// per algorithm, one thread (track) per CPU, complete events ("X") for
// spinning, holding and interrupts-off spans, instant events ("i") for
// hrtimer firings, accepted NMIs and detector reports, and a counter ("C")
// for the task_work list length. Timestamps are microseconds with
// nanosecond decimals.
#ifndef TWSIM_CLI_CHROME_TRACE_H_
#define TWSIM_CLI_CHROME_TRACE_H_

#include <ostream>
#include <utility>
#include <vector>

#include "sim/model/timeline.h"
#include "sim/scenario/config.h"

namespace twsim {

void write_chrome_trace(std::ostream& out,
                        const std::vector<std::pair<Algorithm, Timeline>>& timelines,
                        const ScenarioConfig& scenario, const std::string& title);

}  // namespace twsim

#endif  // TWSIM_CLI_CHROME_TRACE_H_
